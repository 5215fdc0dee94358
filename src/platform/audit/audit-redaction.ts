import { hasPermission } from '../auth/permissions.js';
import type { AuditPrivacyRule } from '../modules/module.js';

export const REDACTED = '[redacted]';

type Snapshot = Record<string, unknown> | null;

/**
 * The view of one audit record's before/after that `reader` may see: the fields the record's module
 * marks private (AuditPrivacyRule) become `[redacted]` unless the reader holds the rule's permission.
 * The stored record (and its hash) is untouched; `redacted` lists the keys hidden.
 */
export function redactSnapshots(
  record: { entityType: string; before: Snapshot; after: Snapshot },
  rules: readonly AuditPrivacyRule[],
  reader: { permissions: readonly string[] },
): { before: Snapshot; after: Snapshot; redacted: string[] } {
  const hidden = new Set<string>();
  let all = false;
  for (const rule of rules) {
    if (rule.entityType !== record.entityType || hasPermission(reader, rule.visibleWith)) continue;
    if (rule.fields === '*') all = true;
    else for (const field of rule.fields) hidden.add(field);
  }
  if (!all && hidden.size === 0) return { before: record.before, after: record.after, redacted: [] };
  const redacted = new Set<string>();
  const view = (snapshot: Snapshot): Snapshot => {
    if (snapshot === null) return null;
    return Object.fromEntries(
      Object.entries(snapshot).map(([key, value]) => {
        if (value === null || !(all ? key !== 'id' : hidden.has(key))) return [key, value];
        redacted.add(key);
        return [key, REDACTED];
      }),
    );
  };
  const before = view(record.before);
  const after = view(record.after);
  return { before, after, redacted: [...redacted].sort() };
}
