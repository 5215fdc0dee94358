import type { FunctionName } from '../../src/platform/modules/module.js';
import { resourceKeys, type IdPool } from './id-pool.js';
import type { OpenApiDocument, Operation } from './operations.js';
import { makeResolver, type Rng, type ValueContext } from './schema-values.js';

/** What the fuzz test shares between its parts: the request being varied, and how it is sent. */

export interface Sent {
  status: number;
  type: string;
  body: unknown;
}

export interface Failure {
  operation: string;
  basePath: string;
  variant: string;
  /** text, date, cursor or other: which gap let it through. */
  inputClass: string;
  status: number;
  problem: string;
}

export interface Fuzzer {
  doc: OpenApiDocument;
  send: (
    fn: FunctionName,
    method: string,
    url: string,
    options: { token?: string | undefined; body?: unknown; raw?: string },
  ) => Promise<Sent>;
  token: string;
  pool: IdPool;
  rng: Rng;
  /** The `version` of a record, by URL (cleared after every successful change). */
  versions: Map<string, number>;
  /** Real cursors seen, to replay on other lists. */
  cursors: { key: string; sort: string | undefined; cursor: string }[];
  /** Lists that never gave a cursor (too few rows): their real-cursor variants did not run. */
  noCursor: string[];
  fail: (failure: Failure) => void;
  reached: (operationKey: string) => void;
}

/** One request: the valid one with something replaced. Query values and path values are URL-encoded. */
export interface Variant {
  label: string;
  mustRefuse?: boolean | undefined;
  path?: Record<string, string>;
  query?: [string, string][];
  body?: unknown;
  raw?: string;
  anonymous?: boolean;
}

export const b64 = (text: string) => Buffer.from(text).toString('base64url');
export const enc = (value: unknown) => encodeURIComponent(String(value));

let serial = 0;

/** The resource a path's records belong to: its static segments up to the last parameter. */
export function ownKeys(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  const last = segments.findLastIndex((s) => s.startsWith('{'));
  return resourceKeys(last >= 0 ? segments.slice(0, last) : segments);
}

export function contextFor(f: Fuzzer, op: Operation): ValueContext {
  const own = ownKeys(op.path);
  return { resolve: makeResolver(f.doc), idFor: (name) => f.pool.idFor(name, own), serial: () => ++serial };
}

export function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'missing');
}

export const withParam = (query: [string, string][], name: string, value: string): [string, string][] => [
  ...query.filter(([k]) => k !== name),
  [name, value],
];

export function setAt(base: unknown, at: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  at.forEach((key, i) => {
    if (i === at.length - 1) node[key] = value;
    else {
      if (!node[key] || typeof node[key] !== 'object') node[key] = typeof at[i + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
  });
  return copy;
}
