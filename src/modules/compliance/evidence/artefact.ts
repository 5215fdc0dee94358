import { createHash } from 'node:crypto';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Canonical JSON: object keys sorted (by code unit), no whitespace, undefined members dropped, so the
 * same content always gives the same bytes and the same SHA-256 (docs/adr/0022).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The artefact a collector run stores: what ran, when, the outcome and the data, hashed. */
export function sealArtefact(input: {
  collector: string;
  collectedAt: Date;
  status: string;
  summary: string;
  result: unknown;
}): { text: string; sha256: string } {
  const text = canonicalJson({
    schema: 'moms-compliance-artefact/1',
    collector: input.collector,
    collectedAt: input.collectedAt.toISOString(),
    status: input.status,
    summary: input.summary,
    result: input.result,
  });
  return { text, sha256: sha256Hex(text) };
}
