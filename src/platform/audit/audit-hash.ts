import { createHash } from 'node:crypto';

/** The columns a seal covers, read back from the database exactly (timestamps in microseconds). */
export interface SealableRecord {
  id: string;
  occurredUs: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** JSON with object keys sorted at every depth: one byte string per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash(n) = SHA-256(hash(n-1) ‖ seq ‖ canonical record). */
export function chainHash(prevHash: string, seq: string, record: SealableRecord): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(seq)
    .update('\n')
    .update(canonicalJson(record))
    .digest('hex');
}
