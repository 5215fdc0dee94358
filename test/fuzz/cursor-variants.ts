import { resourceKeys } from './id-pool.js';
import type { Operation } from './operations.js';
import { kindOf, nonNull, type ValueContext } from './schema-values.js';
import { b64, enc, fill, ownKeys, withParam, type Fuzzer, type Variant } from './fuzz-kit.js';

/** Cursors: malformed, crafted for every sort order with values of the wrong type, real ones altered, others' replayed. */
export async function cursorVariants(
  f: Fuzzer,
  op: Operation,
  ctx: ValueContext,
  initialPath: Record<string, string>,
  base: [string, string][],
): Promise<Variant[]> {
  let path = initialPath;
  if (!op.queryParams.some((p) => p.name === 'cursor')) return [];
  const sortParam = op.queryParams.find((p) => p.name === 'sort');
  const sorts = (sortParam ? (nonNull(sortParam.schema, ctx.resolve).enum ?? []) : []).map(String);
  const withSort = (sort: string | undefined, cursor: string): [string, string][] =>
    withParam(sort ? withParam(query, 'sort', enc(sort)) : query, 'cursor', enc(cursor));

  // Real cursors: the first page (of one row) in the default order and two others. A list needs two
  // rows for one: wide date ranges, and other records for the ids it is scoped to, until one has them.
  const wide = base.map(([k, v]): [string, string] =>
    /^(from|start)/i.test(k) && /^\d{4}-/.test(v)
      ? [k, '2000-01-01']
      : /^(to|end)/i.test(k) && /^\d{4}-/.test(v)
        ? [k, '2099-12-31']
        : [k, v],
  );
  const uuidParams = [
    ...op.pathParams
      .filter((p) => kindOf(nonNull(p.schema, ctx.resolve)) === 'uuid')
      .map((p) => ({ p, where: 'path' })),
    ...op.queryParams
      .filter((p) => p.required && kindOf(nonNull(p.schema, ctx.resolve)) === 'uuid')
      .map((p) => ({ p, where: 'query' })),
  ];
  const attempts: { path: Record<string, string>; query: [string, string][] }[] = [
    { path, query: base },
    { path, query: wide },
  ];
  const first = uuidParams[0];
  const enumParam = op.pathParams.find((p) => nonNull(p.schema, ctx.resolve).enum);
  const choices = enumParam ? (nonNull(enumParam.schema, ctx.resolve).enum ?? []).map(String) : [undefined];
  const segments = op.path.split('/').filter(Boolean);
  for (const choice of choices) {
    if (!first) break;
    const { p, where } = first;
    const at = enumParam && choice ? { ...path, [enumParam.name]: enc(choice) } : path;
    const before = segments
      .slice(0, segments.indexOf(`{${p.name}}`))
      .map((s) => (s.startsWith('{') ? decodeURIComponent(at[s.slice(1, -1)] ?? s) : s));
    const ids = f.pool.all(where === 'path' ? resourceKeys(before) : f.pool.keysFor(p.name, ownKeys(op.path)));
    // The latest records are the fuzz test's own (often empty); the earliest are the demo's.
    for (const id of new Set([...ids.slice(0, 3), ...ids.slice(-6)])) {
      if (where === 'path') attempts.push({ path: { ...at, [p.name]: enc(id) }, query: wide });
      else attempts.push({ path: at, query: withParam(wide, p.name, enc(id)) });
    }
  }
  const real: { sort: string | undefined; cursor: string }[] = [];
  let query = base;
  const firstPage = async (at: Record<string, string>, q: [string, string][], sort: string | undefined) => {
    const params = withParam(sort ? withParam(q, 'sort', enc(sort)) : q, 'limit', '1');
    const res = await f.send(op.fn, 'GET', `${fill(op.path, at)}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`, {
      token: f.token,
    });
    const next = (res.body as { nextCursor?: unknown } | null)?.nextCursor;
    return res.status === 200 && typeof next === 'string' ? next : undefined;
  };
  for (const attempt of attempts) {
    const cursor = await firstPage(attempt.path, attempt.query, undefined);
    if (cursor) {
      real.push({ sort: undefined, cursor });
      path = attempt.path;
      query = attempt.query;
      break;
    }
  }
  if (real.length > 0) {
    for (const sort of f.rng.sample(sorts, 2)) {
      const cursor = await firstPage(path, query, sort);
      if (cursor) real.push({ sort, cursor });
    }
  } else f.noCursor.push(op.key);
  f.cursors.push(...real.map((r) => ({ key: op.key, ...r })));

  const variants: Variant[] = [];
  const add = (label: string, sort: string | undefined, cursor: string) =>
    variants.push({ label: `cursor: ${label}`, path, query: withSort(sort, cursor) });
  for (const junk of ['garbage', 'x'.repeat(600), '\u0000', '%', b64('null'), b64('[]'), b64('{}'), b64('not json')])
    add(`malformed ${JSON.stringify(junk.slice(0, 12))}`, undefined, junk);
  add('wrong field types', undefined, b64(JSON.stringify({ s: 1, v: 2, id: 3 })));
  const crafted: [string, unknown, string][] = [
    ['value "garbage"', 'garbage', f.rng.uuid()],
    ['value 1e308', 1e308, f.rng.uuid()],
    ['value 0000-01-01', '0000-01-01', f.rng.uuid()],
    ['value an object', { a: 1 }, f.rng.uuid()],
    ['value with nul', 'a\u0000b', f.rng.uuid()],
    ['id not a uuid', null, 'not-a-uuid'],
    ['id a number', -1, '1'],
  ];
  for (const sort of sorts.length ? sorts : [undefined]) {
    for (const [label, v, id] of f.rng.sample(crafted, 2))
      add(`crafted for ${sort ?? 'default order'}, ${label}`, sort, b64(JSON.stringify({ s: sort, v, id })));
  }
  for (const { sort, cursor } of real) {
    const [head, ...rest] = cursor.split('.');
    add('truncated', sort, cursor.slice(0, -3));
    add('one character changed', sort, cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6));
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(head ?? '', 'base64url').toString('utf8'));
    } catch {
      continue;
    }
    if (!decoded || typeof decoded !== 'object') continue;
    for (const [key, was] of Object.entries(decoded)) {
      // A date keeps its shape but leaves the calendar: year 0, month 13.
      const dated =
        typeof was === 'string' && /^\d{4}-\d{2}-\d{2}/.test(was)
          ? [`0000${was.slice(4)}`, `${was.slice(0, 5)}13${was.slice(7)}`]
          : [];
      for (const value of [
        ...dated,
        ...f.rng.sample(['garbage', 123456789, null, '0000-01-01', 1e308, { a: 1 }, 'a\u0000b', -1], 3),
      ]) {
        const altered = [b64(JSON.stringify({ ...decoded, [key]: value })), ...rest].join('.');
        add(`real, ${key} = ${JSON.stringify(value)}`, sort, altered);
      }
    }
  }
  for (const other of f.rng.sample(
    f.cursors.filter((c) => c.key !== op.key),
    3,
  )) {
    const sort = other.sort && sorts.includes(other.sort) ? other.sort : undefined;
    add(`from ${other.key}`, sort, other.cursor);
  }
  return variants;
}
