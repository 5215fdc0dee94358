import { resourceKeys } from './id-pool.js';
import type { Operation } from './operations.js';
import { kindOf, nonNull, type ValueContext, validValue } from './schema-values.js';
import { cursorVariants } from './cursor-variants.js';
import { contextFor, enc, fill, ownKeys, setAt, withParam, type Fuzzer, type Sent, type Variant } from './fuzz-kit.js';
import { bodyVariants, pathVariants, queryVariants } from './hostile-variants.js';

export type { Failure, Fuzzer, Sent } from './fuzz-kit.js';

/**
 * Runs one operation: valid values for its path and query, a body its handler accepts, then every
 * hostile variant (`hostile-variants.ts`, `cursor-variants.ts`) and the valid requests, checking each
 * answer.
 */

function inputClass(label: string): string {
  if (label.startsWith('cursor')) return 'cursor';
  if (/nul|surrogate/.test(label)) return 'text';
  if (/: (date|datetime|year)/.test(label)) return 'date';
  return 'other';
}

/** Real values for the path parameters: ids of records that exist, a year or a role name seen in a list. */
function validPath(f: Fuzzer, op: Operation, ctx: ValueContext): Record<string, string> {
  const segments = op.path.split('/').filter(Boolean);
  const values: Record<string, string> = {};
  segments.forEach((segment, i) => {
    if (!segment.startsWith('{')) return;
    const name = segment.slice(1, -1);
    const param = op.pathParams.find((p) => p.name === name);
    const schema = nonNull(param?.schema ?? {}, ctx.resolve);
    const before = segments.slice(0, i).map((s) => (s.startsWith('{') ? (values[s.slice(1, -1)] ?? s) : s));
    let value: unknown;
    if (kindOf(schema) === 'uuid') value = f.pool.get(resourceKeys(before)) ?? f.rng.uuid();
    else if (schema.enum) {
      const choices = schema.enum.filter((v) => v !== null).map(String);
      value = choices.find((c) => f.pool.get(resourceKeys([...before, c]))) ?? choices[0];
    } else value = f.pool.record(resourceKeys(before), name) ?? validValue(schema, name, ctx);
    values[name] = enc(value);
  });
  return values;
}

function validQuery(op: Operation, ctx: ValueContext, all: boolean): [string, string][] {
  return op.queryParams
    .filter((p) => p.name !== 'cursor' && (all || p.required))
    .flatMap((p): [string, string][] => {
      const value = validValue(p.schema, p.name, ctx);
      return value === undefined ? [] : [[p.name, enc(value)]];
    });
}

/** The `version` the record behind this URL has now, for bodies and queries that must carry it. */
async function currentVersion(f: Fuzzer, op: Operation, path: Record<string, string>): Promise<number | undefined> {
  const segments = op.path.split('/');
  const last = segments.findLastIndex((s) => s.startsWith('{'));
  if (last < 0) return undefined;
  const template = segments.slice(0, last + 1).join('/');
  if (!f.doc.paths[template]?.get) return undefined;
  const url = fill(template, path);
  const known = f.versions.get(url);
  if (known !== undefined) return known;
  const res = await f.send(op.fn, 'GET', url, { token: f.token });
  const version = (res.body as { version?: unknown } | null)?.version;
  if (typeof version !== 'number') return undefined;
  f.versions.set(url, version);
  return version;
}

function check(f: Fuzzer, op: Operation, variant: Variant, res: Sent) {
  const problem = () => {
    const b = res.body as { detail?: unknown; errors?: unknown } | string | null;
    const text = typeof b === 'string' ? b : JSON.stringify(b && (b.errors ?? b.detail));
    return (text ?? '').slice(0, 200);
  };
  const fail = (why: string) =>
    f.fail({
      operation: op.key,
      basePath: op.basePath,
      variant: variant.label,
      inputClass: inputClass(variant.label),
      status: res.status,
      problem: `${why}: ${problem()}`,
    });
  if (res.status >= 500) fail('server error');
  else if (res.status >= 400 && !res.type.startsWith('application/problem+json')) fail(`error as ${res.type}`);
  else if (variant.mustRefuse && res.status < 400) fail('accepted');
}

async function run(
  f: Fuzzer,
  op: Operation,
  variant: Variant,
  defaults: Required<Pick<Variant, 'path' | 'query'>> & { body: unknown },
): Promise<Sent> {
  const path = variant.path ?? defaults.path;
  let query = variant.query ?? defaults.query;
  let body = 'body' in variant ? variant.body : defaults.body;
  const version = await currentVersion(f, op, path);
  if (version !== undefined) {
    const targetsVersion = /^(body|query)\.version:/.test(variant.label);
    if (!targetsVersion && body && typeof body === 'object' && !Array.isArray(body) && 'version' in body)
      body = { ...body, version };
    if (!targetsVersion && op.queryParams.some((p) => p.name === 'version'))
      query = withParam(query, 'version', String(version));
  }
  const url = fill(op.path, path) + (query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : '');
  const res = await f.send(op.fn, op.method, url, {
    token: variant.anonymous ? undefined : f.token,
    ...(variant.raw !== undefined ? { raw: variant.raw } : body !== undefined ? { body } : {}),
  });
  check(f, op, variant, res);
  if (res.status < 300) {
    f.reached(op.key);
    f.pool.harvest(
      res.status === 201 || op.method === 'GET' ? resourceKeys(op.path.split('/').filter(Boolean)) : ownKeys(op.path),
      res.body,
    );
    if (op.method !== 'GET') f.versions.clear();
    if (op.method === 'DELETE') for (const id of Object.values(path)) f.pool.forget(decodeURIComponent(id));
  }
  return res;
}

/** Valid requests for every list without path parameters, and then every record they name: ids for the rest. */
export async function harvestLists(f: Fuzzer, operations: Operation[]) {
  for (const op of operations.filter((o) => o.method === 'GET')) {
    const ctx = contextFor(f, op);
    const query = validQuery(op, ctx, false);
    if (op.queryParams.some((p) => p.name === 'limit')) query.push(['limit', '200']);
    await run(f, op, { label: 'harvest' }, { path: validPath(f, op, ctx), query, body: undefined });
  }
}

/**
 * Business rules a schema cannot express, so that the valid request is valid (and hostile variants of
 * it reach the handler): one won and one lost stage in a pipeline.
 */
const balanced = (body: Record<string, unknown>) => {
  const [line] = (body.lines as Record<string, unknown>[] | undefined) ?? [];
  const { debit: _d, credit: _c, ...rest } = line ?? {};
  return {
    ...body,
    lines: [
      { ...rest, debit: '100.00' },
      { ...rest, credit: '100.00' },
    ],
  };
};
const FIXUPS: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
  'POST /api/v1/finance/journal-entries': balanced,
  'PUT /api/v1/finance/journal-entries/{id}': balanced,
  'POST /api/v1/crm/pipelines': (body) => ({
    ...body,
    stages: [
      { name: 'Open', probability: 10 },
      { name: 'Won', probability: 100, isWon: true },
      { name: 'Lost', probability: 0, isLost: true },
    ],
  }),
};

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A body the handler accepts, for creates and updates: the schema-derived one, less the optional
 * fields a 4xx names (one field's value can make another's invalid: a credit reference on an
 * invoice), else the required fields only. Hostile variants are then made from it.
 */
async function acceptedBody(
  f: Fuzzer,
  op: Operation,
  defaults: { path: Record<string, string>; query: [string, string][] },
  full: unknown,
  minimal: unknown,
  required: string[],
): Promise<unknown> {
  let body = full;
  const tried = new Set<string>();
  for (let attempt = 0; attempt < 8 && isRecord(body); attempt++) {
    const res = await run(f, op, { label: 'valid: schema-derived' }, { ...defaults, body });
    if (res.status < 300) return body;
    const named = ((res.body as { errors?: { path?: string }[] } | null)?.errors ?? []).flatMap((e) =>
      e.path ? [e.path.split('.')] : [],
    );
    let changed = false;
    for (const at of named) {
      // An optional field whose value does not fit the others (a credit reference on an invoice): leave it out.
      const top = at[0];
      if (top && top in (body as object) && !required.includes(top)) {
        body = Object.fromEntries(Object.entries(body as object).filter(([k]) => k !== top));
        changed = true;
        continue;
      }
      // An id the handler refused (a customer where a vendor is due, a deactivated party): another one.
      const value = getAt(body, at);
      const field = String(at.findLast((k) => Number.isNaN(Number(k))) ?? '');
      if (typeof value === 'string' && UUID.test(value)) {
        tried.add(value);
        const next = f.pool.all(f.pool.keysFor(field, ownKeys(op.path))).find((id) => !tried.has(id));
        if (next) {
          body = setAt(body, at, next);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const res = await run(f, op, { label: 'valid: required fields only' }, { ...defaults, body: minimal });
  return res.status < 300 ? minimal : body;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function getAt(value: unknown, at: string[]): unknown {
  return at.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    value,
  );
}

/**
 * Hostile variants of a valid request, then the valid requests. Creates and updates look for a body
 * the handler accepts first, so that values the schema lets through meet the database.
 */
export async function fuzzOperation(f: Fuzzer, op: Operation) {
  const ctx = contextFor(f, op);
  const path = validPath(f, op, ctx);
  const required = validQuery(op, ctx, false);
  const fixup = FIXUPS[op.key] ?? ((b: Record<string, unknown>) => b);
  const generated = op.body ? validValue(op.body, 'body', ctx) : undefined;
  const full = isRecord(generated) ? fixup(generated) : generated;
  const requiredKeys = op.body ? (nonNull(op.body, ctx.resolve).required ?? []) : [];
  const minimal = isRecord(full)
    ? Object.fromEntries(Object.entries(full).filter(([k]) => requiredKeys.includes(k) || k === 'version'))
    : full;
  const createsOrUpdates =
    (op.method === 'POST' && !op.path.includes('{')) || op.method === 'PUT' || op.method === 'PATCH';
  const body =
    createsOrUpdates && op.body
      ? await acceptedBody(f, op, { path, query: required }, full, minimal, requiredKeys)
      : full;
  const variants: Variant[] = [
    ...pathVariants(f, op, ctx, path),
    ...queryVariants(f, op, ctx, required),
    ...(await cursorVariants(f, op, ctx, path, required)),
    ...bodyVariants(f, op, ctx, body),
    { label: 'no token', anonymous: true },
    { label: 'valid: required fields only', body: minimal },
    { label: 'valid: every field', query: validQuery(op, ctx, true), body },
  ];
  for (const variant of variants) await run(f, op, variant, { path, query: required, body });
}
