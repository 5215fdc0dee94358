import type { Operation, Param } from './operations.js';
import {
  BAD_DATES,
  EDGE_DATES,
  hostileValues,
  kindOf,
  nonNull,
  type Schema,
  type ValueContext,
} from './schema-values.js';
import { enc, setAt, withParam, type Fuzzer, type Variant } from './fuzz-kit.js';

/** Hostile variants of a valid request: each path and query parameter, each body field, the body itself. */

const RAW = '\u0001raw\u0001';

interface ParamValue {
  label: string;
  /** URL-encoded. */
  value: string;
  mustRefuse?: boolean | undefined;
}

function hostileParam(param: Param, ctx: ValueContext, f: Fuzzer, where: 'path' | 'query'): ParamValue[] {
  const schema = nonNull(param.schema, ctx.resolve);
  const at = `${where}.${param.name}`;
  const text = (label: string, value: string, mustRefuse?: boolean): ParamValue => ({
    label: `${at}: ${label}`,
    value,
    mustRefuse,
  });
  let values: ParamValue[];
  switch (kindOf(schema)) {
    case 'uuid':
      values = [
        text('not a uuid', 'not-a-uuid'),
        text('unknown uuid', f.rng.uuid()),
        text('nul', 'fuzz%00text', true),
        text('huge', 'x'.repeat(300)),
      ];
      break;
    case 'number':
      values = [
        text('1e309', '1e309'),
        ...f.rng.sample(
          [
            text('abc', 'abc'),
            text('-1', '-1'),
            text('0', '0'),
            text('huge', '99999999999999999999'),
            text('1.5', '1.5'),
            text('empty', ''),
            text('NaN', 'NaN'),
            text('nul', '1%00', true),
          ],
          3,
        ),
      ];
      break;
    case 'date':
      values = [
        ...BAD_DATES.map((d) => text(`date ${d}`, d, true)),
        ...EDGE_DATES.map((d) => text(`date ${d}`, d)),
        text('date nul', '2026-01-01%00', true),
      ];
      break;
    case 'datetime':
      values = ['0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z', '2026-02-30T10:00:00Z'].map((d) =>
        text(`datetime ${d}`, enc(d), true),
      );
      break;
    case 'enum':
    case 'boolean':
      values = [text('not in enum', 'not-in-enum'), text('nul', `${enc(schema.enum?.[0] ?? 'true')}%00`, true)];
      break;
    default:
      values = [
        text('nul', 'fuzz%00text', true),
        text('lone surrogate (invalid UTF-8)', '%ED%A0%80'),
        text('control characters', 'fuzz%01%07%1Btext'),
        text('huge', 'x'.repeat(3000)),
        text('bad percent-encoding', '%zz%'),
        ...(schema.pattern?.includes('\\d{4}') ? [text('year 0', '0000-01'), text('year 99999', '99999-12')] : []),
      ];
  }
  return values;
}

export function pathVariants(f: Fuzzer, op: Operation, ctx: ValueContext, path: Record<string, string>): Variant[] {
  return op.pathParams.flatMap((param) =>
    hostileParam(param, ctx, f, 'path').map((v) => ({
      label: v.label,
      mustRefuse: v.mustRefuse,
      path: { ...path, [param.name]: v.value },
    })),
  );
}

export function queryVariants(f: Fuzzer, op: Operation, ctx: ValueContext, base: [string, string][]): Variant[] {
  return op.queryParams
    .filter((p) => p.name !== 'cursor')
    .flatMap((param) => [
      ...hostileParam(param, ctx, f, 'query').map((v) => ({
        label: v.label,
        mustRefuse: v.mustRefuse,
        query: withParam(base, param.name, v.value),
      })),
      {
        label: `query.${param.name}: repeated`,
        query: [...base, [param.name, 'a'], [param.name, 'b']] as [string, string][],
      },
    ]);
}

/** Every field of a body (nested objects, the first element of arrays), with its schema. */
function fieldsOf(schema: Schema, value: unknown, ctx: ValueContext, at: (string | number)[] = []) {
  const out: { at: (string | number)[]; schema: Schema; name: string }[] = [];
  if (at.length > 4) return out;
  const s = nonNull(schema, ctx.resolve);
  if (kindOf(s) === 'object') {
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      out.push({ at: [...at, name], schema: prop, name });
      out.push(...fieldsOf(prop, (value as Record<string, unknown> | undefined)?.[name], ctx, [...at, name]));
    }
  } else if (kindOf(s) === 'array' && s.items && Array.isArray(value) && value.length > 0) {
    out.push(...fieldsOf(s.items, value[0], ctx, [...at, 0]));
  }
  return out;
}

export function bodyVariants(f: Fuzzer, op: Operation, ctx: ValueContext, body: unknown): Variant[] {
  if (!op.body) return [];
  const variants: Variant[] = [];
  for (const field of fieldsOf(op.body, body, ctx)) {
    for (const h of hostileValues(field.schema, field.name, ctx, f.rng)) {
      const label = `body.${field.at.join('.')}: ${h.label}`;
      if (h.raw === undefined) variants.push({ label, mustRefuse: h.mustRefuse, body: setAt(body, field.at, h.value) });
      else variants.push({ label, raw: JSON.stringify(setAt(body, field.at, RAW)).replace(`"${RAW}"`, h.raw) });
    }
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    variants.push({ label: 'body: unknown field', body: { ...body, fuzzUnknownField: 1 } });
    variants.push({ label: 'body: key with nul', body: { ...body, 'a\u0000b': 'x' } });
  }
  variants.push(
    { label: 'body: an array', body: [] },
    { label: 'body: a string', body: 'x' },
    { label: 'body: null', raw: 'null' },
    { label: 'body: malformed JSON', raw: '{"a":' },
    { label: 'body: empty', raw: '' },
    { label: 'body: raw NUL byte in a string', raw: '{"a":"x\u0000y"}' },
    { label: 'body: nested 100,000 deep', raw: '['.repeat(100_000) + ']'.repeat(100_000) },
    { label: 'body: over the size limit', raw: `{"a":"${'x'.repeat(1_100_000)}"}` },
  );
  return variants;
}
