import { singular } from './schema-values.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a field's name does not say which resource it points at. */
const ALIASES: Record<string, string[]> = {
  owner: ['user'],
  actor: ['user'],
  manager: ['employee'],
  approver: ['employee'],
  entity: ['organization', 'contact'],
  document: ['invoice', 'bill', 'creditNote', 'vendorCredit'],
  target: ['contact'],
  // Attachments name their record as recordType + recordId (the fuzz sends crm.organization: schema-values.ts).
  record: ['organization'],
  source: ['contact'],
};

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Resource names for a path: `/api/v1/hr/leave/types` → `type`, `leaveType`;
 * `/api/v1/finance/journal-entries` → `journalEntry`, `entry`.
 */
export function resourceKeys(segments: string[]): string[] {
  const statics = segments.filter((s) => !s.startsWith('{'));
  const last = statics.at(-1);
  if (!last) return [];
  const one = camel(singular(last));
  const keys = [one];
  const words = one.split(/(?=[A-Z])/);
  if (words.length > 1) keys.push(words.at(-1)!.toLowerCase());
  const before = statics.at(-2);
  if (before) keys.push(camel(`${singular(before)}-${singular(last)}`));
  return keys;
}

/**
 * Ids (and a few records) seen in responses, by resource name: the fuzz test sends real ids so that
 * hostile bodies reach the handlers instead of stopping at a 404.
 */
export class IdPool {
  private readonly ids = new Map<string, string[]>();
  private readonly records = new Map<string, Record<string, unknown>[]>();
  private readonly gone = new Set<string>();

  constructor(private readonly protectedIds: string[]) {
    for (const id of protectedIds) this.gone.add(id);
  }

  add(key: string, id: string) {
    if (!UUID.test(id)) return;
    const list = (this.ids.get(key) ?? []).filter((i) => i !== id);
    list.push(id);
    this.ids.set(key, list.slice(-50));
  }

  forget(id: string) {
    if (!this.protectedIds.includes(id)) this.gone.add(id);
  }

  /**
   * The latest live id under any of these names (or their aliases): records the fuzz test created
   * itself come first, so mutations land on them rather than on the demo data.
   */
  get(keys: string[]): string | undefined {
    for (const key of [...keys, ...keys.flatMap((k) => ALIASES[k] ?? [])]) {
      const id = this.ids.get(key)?.findLast((i) => !this.gone.has(i));
      if (id) return id;
    }
    return undefined;
  }

  /** Every live id under these names, the latest first. */
  all(keys: string[]): string[] {
    return keys.flatMap((key) => (this.ids.get(key) ?? []).filter((i) => !this.gone.has(i)).reverse());
  }

  /** A record seen under one of these names (for path parameters that are not ids: a year, a name). */
  record(keys: string[], property: string): unknown {
    for (const key of keys) {
      const found = this.records.get(key)?.findLast((r) => r[property] !== undefined && r[property] !== null);
      if (found) return found[property];
    }
    return undefined;
  }

  /** The names a field's id may be under: `partyId` → party; `creditsDocumentId` → creditsDocument, document. */
  keysFor(name: string, own: string[]): string[] {
    const base = singular(name.replace(/(Id|Ids|_id)$/, ''));
    if (base === 'parent' || base === 'id') return own;
    const words = base.split(/(?=[A-Z])/);
    const keys = words.map((_, i) => words.slice(i).join('')).map((k) => k.charAt(0).toLowerCase() + k.slice(1));
    return [...keys, ...keys.flatMap((k) => ALIASES[k] ?? [])];
  }

  idFor(name: string, own: string[]): string | undefined {
    return this.get(this.keysFor(name, own));
  }

  /** Records every id in a response: the resource's own, `fooId` fields, and `foos: [{ id }]` lists. */
  harvest(keys: string[], body: unknown) {
    const visit = (value: unknown, own: string[], depth: number, top: boolean) => {
      if (depth > 6 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        for (const item of value.slice(0, 20)) visit(item, own, depth + 1, top);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const key of own) {
        if (typeof record.id === 'string') this.add(key, record.id);
        if (top || record.id !== undefined) this.records.set(key, [...(this.records.get(key) ?? []), record].slice(-5));
      }
      const wrapper = top && record.id === undefined;
      for (const [prop, v] of Object.entries(record)) {
        if (typeof v === 'string' && /Id$/.test(prop)) this.add(singular(prop.slice(0, -2)), v);
        if (wrapper && Array.isArray(v)) visit(v, own, depth + 1, true);
        else if (v && typeof v === 'object') visit(v, [camel(singular(prop))], depth + 1, false);
      }
    };
    visit(body, keys, 0, true);
  }
}
