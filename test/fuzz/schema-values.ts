/**
 * Values for the OpenAPI fuzz test, derived from the JSON Schemas of `/api/openapi.json`: one valid
 * value per schema (real ids where a field names a known resource) and the hostile ones each kind of
 * schema must survive. Deterministic: the randomness comes from a seeded generator.
 */

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

/** mulberry32: a small seeded generator, so a failing run can be replayed exactly. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `count` distinct items, in a seeded order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Follows `$ref`s and folds `allOf` into one schema. */
export function makeResolver(doc: { components?: { schemas?: Record<string, Schema> } }) {
  const resolve = (schema: Schema): Schema => {
    let s = schema;
    for (let i = 0; s.$ref && i < 20; i++) {
      const target = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')];
      if (!target) throw new Error(`unresolved ${s.$ref}`);
      s = { ...target, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) };
    }
    if (s.allOf) {
      const parts = [...s.allOf.map(resolve), { ...s, allOf: undefined }];
      s = Object.assign({}, ...parts) as Schema;
      s.properties = Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<string, Schema>;
      s.required = parts.flatMap((p) => p.required ?? []);
    }
    return s;
  };
  return resolve;
}

/** The non-null alternative of a schema (`anyOf: [X, null]`, `type: ['string', 'null']`). */
export function nonNull(schema: Schema, resolve: (s: Schema) => Schema): Schema {
  const s = resolve(schema);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const branch = branches.map(resolve).find((b) => b.type !== 'null') ?? branches[0]!;
    return nonNull(branch, resolve);
  }
  if (Array.isArray(s.type)) return { ...s, type: s.type.find((t) => t !== 'null') ?? 'null' };
  return s;
}

export const isNullable = (schema: Schema, resolve: (s: Schema) => Schema): boolean => {
  const s = resolve(schema);
  return (
    (Array.isArray(s.type) && s.type.includes('null')) ||
    Boolean((s.anyOf ?? s.oneOf)?.some((b) => resolve(b).type === 'null'))
  );
};

export type Kind = 'object' | 'array' | 'uuid' | 'date' | 'datetime' | 'enum' | 'string' | 'number' | 'boolean';

export function kindOf(s: Schema): Kind {
  if (s.enum) return 'enum';
  if (s.type === 'object' || s.properties) return 'object';
  if (s.type === 'array') return 'array';
  if (s.type === 'integer' || s.type === 'number') return 'number';
  if (s.type === 'boolean') return 'boolean';
  if (s.format === 'uuid') return 'uuid';
  if (s.format === 'date') return 'date';
  if (s.format === 'date-time') return 'datetime';
  return 'string';
}

export interface ValueContext {
  resolve: (s: Schema) => Schema;
  /** A real id for a field or parameter name (`partyId`, `ownerIds`), if one is known. */
  idFor: (name: string) => string | undefined;
  /** A fresh number, so created records do not collide on unique fields. */
  serial: () => number;
}

/**
 * The n-th weekday from the first Monday after 4 January: a valid date that moves on with every value made, so records do
 * not collide (a holiday per date) and a start made before an end is not after it.
 */
export function weekday(n: number): string {
  // In the current year: the demo data opens its fiscal year, and leaves it open.
  const day = new Date(Date.UTC(new Date().getUTCFullYear(), 0, 5));
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  const k = n % 240;
  day.setUTCDate(day.getUTCDate() + Math.floor(k / 5) * 7 + (k % 5));
  return day.toISOString().slice(0, 10);
}
const PATTERN_CANDIDATES = [
  'EUR',
  '2',
  '1250.00',
  '20',
  '2026-11',
  'draft',
  'posted',
  'fuzz-{n}',
  'fz{n}',
  '+1 555 0100',
  'crm:read',
  '*',
];

/** A valid value, or `undefined` when none can be made (an optional id with no known record). */
export function validValue(schema: Schema, name: string, ctx: ValueContext): unknown {
  const s = nonNull(schema, ctx.resolve);
  if (s.const !== undefined) return s.const;
  // Attachments: the record type whose records the pool knows (see id-pool.ts, `record`).
  if (s.enum && name === 'recordType' && s.enum.includes('crm.organization')) return 'crm.organization';
  if (s.enum) return s.enum.find((v) => v !== null);
  const n = ctx.serial();
  switch (kindOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        const value = validValue(prop, key, ctx);
        if (value !== undefined) out[key] = value;
        else if (s.required?.includes(key)) out[key] = validOr(prop, key, ctx);
      }
      return out;
    }
    case 'array': {
      const item = validValue(s.items ?? {}, singular(name), ctx);
      if (item === undefined) return (s.minItems ?? 0) > 0 ? undefined : [];
      const count = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: count }, (_, i) => (i === 0 ? item : validValue(s.items ?? {}, singular(name), ctx)));
    }
    case 'uuid':
      return ctx.idFor(name);
    case 'date':
      return weekday(n);
    case 'datetime':
      return `${weekday(n)}T10:00:00Z`;
    case 'number': {
      if (typeof s.default === 'number') return s.default;
      if (/year/i.test(name)) return 2026;
      if (name === 'version') return 1;
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(1, min), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return typeof s.default === 'boolean' ? s.default : false;
    default:
      return validString(s, name, n);
  }
}

function validOr(schema: Schema, name: string, ctx: ValueContext): unknown {
  const s = nonNull(schema, ctx.resolve);
  return kindOf(s) === 'uuid' ? '00000000-0000-4000-8000-000000000000' : null;
}

function validString(s: Schema, name: string, n: number): string {
  const fits = (v: string) =>
    (!s.pattern || new RegExp(s.pattern).test(v)) &&
    v.length >= (s.minLength ?? 0) &&
    v.length <= (s.maxLength ?? Infinity);
  if (s.format === 'email' || /email/i.test(name)) return `fuzz${n}@example.com`;
  if (s.format === 'password' || /password/i.test(name)) return `Fuzz-password-${n}-long-enough`;
  if (s.format === 'uri' || /url|website/i.test(name)) return `https://example.com/${n}`;
  if (/domain/i.test(name)) return `fuzz${n}.example.com`;
  if (/country/i.test(name)) return 'DE';
  if (/phone/i.test(name) && fits('+1 555 0100')) return '+1 555 0100';
  if (/csv/i.test(name)) {
    // "CSV with a header row: first_name,last_name[,emails,…]": the required columns, one row.
    const header = /header row: ([a-z_,]+)/.exec(s.description ?? '')?.[1] ?? 'name';
    return `${header}\n${header
      .split(',')
      .map((c) => `Fuzz ${c} ${n}`)
      .join(',')}\n`;
  }
  if (s.pattern) {
    const candidates = [String(s.example ?? ''), ...PATTERN_CANDIDATES].map((c) => c.replace('{n}', String(n)));
    const found = candidates.find((c) => c && fits(c));
    if (found) return found;
  }
  // An example says what the field holds ("25.0" days); free text gets a fresh value instead.
  if (typeof s.example === 'string' && fits(s.example) && !/name|title|subject|text|memo|notes?$/i.test(name))
    return s.example;
  const text = `Fuzz ${name} ${n}`;
  return text.slice(0, s.maxLength ?? text.length).padEnd(s.minLength ?? 0, 'x');
}

/** `partyIds` → `party`, `entries` → `entry`, `types` → `type`. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|sh|ch|x)es$/.test(word)) return word.replace(/es$/, '');
  if (/s$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A hostile value, labelled with the class of input it stands for. */
export interface Hostile {
  label: string;
  value: unknown;
  /** When set, the raw JSON text to put in place of the value (numbers JSON.stringify cannot write). */
  raw?: string;
  /** Must be refused (4xx): the platform promises never to accept it. */
  mustRefuse?: boolean;
}

export const NUL = 'fuzz\u0000text';
export const LONE_SURROGATE = 'fuzz\ud800text';
export const BAD_DATES = ['0000-01-01', '99999-01-01', '2026-02-30', '1899-12-31', '-001-01-01', 'infinity'];
export const EDGE_DATES = ['9999-12-31', '1900-01-01'];

/** Hostile values for a field of this schema. `rng` picks the extra ones, so the run stays bounded. */
export function hostileValues(schema: Schema, name: string, ctx: ValueContext, rng: Rng): Hostile[] {
  const s = nonNull(schema, ctx.resolve);
  const out: Hostile[] = [];
  const wrong: Hostile[] = [
    { label: 'type: object', value: { nested: true } },
    { label: 'type: array', value: ['x'] },
    { label: 'type: number', value: 12345 },
    { label: 'type: boolean', value: true },
  ];
  if (!isNullable(schema, ctx.resolve)) wrong.push({ label: 'null', value: null });
  switch (kindOf(s)) {
    case 'object':
      out.push({ label: 'type: string', value: 'x' }, { label: 'type: array', value: [] });
      break;
    case 'array': {
      const item = validValue(s.items ?? {}, singular(name), ctx) ?? 'x';
      const size = Math.min((s.maxItems ?? 1000) + 1, 2001);
      out.push({ label: 'array: huge', value: Array.from({ length: size }, () => item) });
      out.push({ label: 'array: of nul strings', value: [NUL], mustRefuse: true });
      out.push(...rng.sample([{ label: 'type: string', value: 'x' }, ...wrong], 1));
      break;
    }
    case 'uuid':
      out.push({ label: 'uuid: not one', value: 'not-a-uuid' });
      out.push(
        ...rng.sample(
          [
            { label: 'uuid: unknown', value: rng.uuid() },
            { label: 'uuid: nil', value: '00000000-0000-0000-0000-000000000000' },
            { label: 'uuid: upper case', value: (ctx.idFor(name) ?? rng.uuid()).toUpperCase() },
            ...wrong,
          ],
          2,
        ),
      );
      break;
    case 'date':
      for (const d of BAD_DATES) out.push({ label: `date: ${d}`, value: d, mustRefuse: true });
      for (const d of EDGE_DATES) out.push({ label: `date: ${d}`, value: d });
      out.push(...rng.sample(wrong, 1));
      break;
    case 'datetime':
      for (const d of ['0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '1899-12-31T23:59:59Z'])
        out.push({ label: `datetime: ${d}`, value: d, mustRefuse: true });
      out.push({ label: 'datetime: 9999-12-31T23:59:59+14:00', value: '9999-12-31T23:59:59+14:00' });
      out.push(...rng.sample(wrong, 1));
      break;
    case 'number':
      out.push(
        { label: 'number: 1e309', value: 0, raw: '1e309' },
        { label: 'number: -1e309', value: 0, raw: '-1e309' },
      );
      out.push(
        ...rng.sample(
          [
            { label: 'number: 1e308', value: 1e308 },
            { label: 'number: -1', value: -1 },
            { label: 'number: 2^53+1', value: 0, raw: '9007199254740993' },
            { label: 'number: 1.5', value: 1.5 },
            { label: 'number: "NaN"', value: 'NaN' },
            { label: 'number: "12"', value: '12' },
            { label: 'number: -0', value: 0, raw: '-0' },
            ...wrong.filter((w) => w.label !== 'type: number'),
          ],
          3,
        ),
      );
      break;
    case 'boolean':
      out.push(
        ...rng.sample([{ label: 'boolean: "true"', value: 'true' }, { label: 'boolean: 0', value: 0 }, ...wrong], 2),
      );
      break;
    case 'enum':
      out.push({ label: 'enum: unknown', value: 'not-in-enum' });
      break;
    default:
      out.push(
        { label: 'nul', value: NUL, mustRefuse: true },
        { label: 'lone surrogate', value: LONE_SURROGATE, mustRefuse: true },
      );
      out.push(
        ...rng.sample(
          [
            { label: 'control characters', value: 'fuzz\u0001\u0007\u001b\u007f\u0085text' },
            { label: 'string: huge', value: 'x'.repeat(20_000) },
            { label: 'string: "1e309"', value: '1e309' },
            { label: 'string: "NaN"', value: 'NaN' },
            { label: 'string: "-1"', value: '-1' },
            { label: 'string: empty', value: '' },
            { label: 'string: digits', value: '9'.repeat(40) },
            ...wrong,
          ],
          3,
        ),
      );
  }
  return out;
}
