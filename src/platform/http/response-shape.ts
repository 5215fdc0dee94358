import type { z } from '@hono/zod-openapi';

/**
 * How an answer leaves through `reply` (docs/adr/0026). In tests and development every answer is
 * parsed by its Zod schema, as always: a field of the wrong type or format fails the test that
 * produced it. In production (Lambda, `npm start`) the answer is cut to its schema's shape instead —
 * the same keys as a parse leaves (nothing a schema does not declare ever leaves), the same types
 * checked with `typeof` — without running each field's format checks (uuid, ISO date-time regexes),
 * which made up most of a 50-row list's validation cost. Anything the cut cannot do exactly as a
 * parse would (transforms, defaults, unions, records, …) is parsed by Zod, and a value of an
 * unexpected type makes the whole answer go through the full parse (so it fails as before).
 *
 * MOMS_RESPONSE_CHECK=full|shape|verify chooses explicitly. `verify` parses and cuts, and fails when
 * the two JSONs differ: the default under vitest, so every answer the test suite produces checks that
 * production's cut says the same as the parse. The default is `full` with NODE_ENV=test|development,
 * else `shape`.
 */
export type ResponseCheck = 'full' | 'shape' | 'verify';

export function responseCheckFromEnv(env: NodeJS.ProcessEnv = process.env): ResponseCheck {
  const chosen = env.MOMS_RESPONSE_CHECK;
  if (chosen === 'full' || chosen === 'shape' || chosen === 'verify') return chosen;
  if (env.VITEST) return 'verify';
  return env.NODE_ENV === 'test' || env.NODE_ENV === 'development' ? 'full' : 'shape';
}

/** The value does not have its schema's shape: the caller parses the whole answer instead. */
class Mismatch extends Error {}
const MISMATCH = new Mismatch('response does not match its schema');

type Cut = (value: unknown) => unknown;

interface Def {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: { check: string } } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def; optout?: string } })._zod;

const cuts = new WeakMap<z.ZodType, Cut>();

const typed =
  (type: 'string' | 'number' | 'boolean' | 'bigint'): Cut =>
  (value) => {
    if (typeof value !== type) throw MISMATCH;
    return value;
  };

function compile(schema: z.ZodType): Cut {
  const known = cuts.get(schema);
  if (known) return known;
  // Recursive schemas (a tree whose `children` getter names the node's own schema) meet themselves
  // while compiling: they get this forwarder, which calls the finished cut.
  const finished: { cut?: Cut } = {};
  cuts.set(schema, (value) => finished.cut!(value));
  const { def } = defOf(schema);
  // A check that rewrites the value (trim, toLowerCase …) or a coercion: only Zod gives its result.
  const rewrites = def.coerce === true || (def.checks ?? []).some((check) => check._zod.def.check === 'overwrite');
  let cut: Cut;
  switch (rewrites ? 'rewrites' : def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      cut = typed(def.type as 'string' | 'number' | 'boolean' | 'bigint');
      break;
    case 'int':
      cut = typed('number');
      break;
    case 'null':
      cut = (value) => {
        if (value !== null) throw MISMATCH;
        return value;
      };
      break;
    case 'enum':
    case 'literal':
      // Strings, numbers, booleans or null: never an object that could carry undeclared fields.
      cut = (value) => {
        if (value !== null && typeof value === 'object') throw MISMATCH;
        return value;
      };
      break;
    case 'date':
      cut = (value) => {
        if (!(value instanceof Date)) throw MISMATCH;
        return value;
      };
      break;
    case 'any':
    case 'unknown':
      cut = (value) => value;
      break;
    case 'nullable': {
      const inner = compile(def.innerType!);
      cut = (value) => (value === null ? null : inner(value));
      break;
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      cut = (value) => (value === undefined ? undefined : inner(value));
      break;
    }
    case 'readonly':
      cut = compile(def.innerType!);
      break;
    case 'array': {
      const element = compile(def.element!);
      cut = (value) => {
        if (!Array.isArray(value)) throw MISMATCH;
        // The array itself when every element comes out as it went in (no copy); a copy otherwise.
        let out: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          const kept = element(item);
          if (out) out[i] = kept;
          else if (kept !== item) {
            out = value.slice(0, i);
            out[i] = kept;
          }
        }
        return out ?? value;
      };
      break;
    }
    case 'object': {
      if (def.catchall) {
        cut = (value) => schema.parse(value); // strict or loose objects: Zod decides
        break;
      }
      const fields = Object.entries(def.shape!).map(([key, field]) => ({
        key,
        cut: compile(field),
        mayBeAbsent: defOf(field).optout === 'optional',
      }));
      cut = (value) => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw MISMATCH;
        const input = value as Record<string, unknown>;
        // The object itself when its own keys are exactly the declared ones present, in the schema's
        // order, and every value comes out as it went in: what a DTO mapper builds, so the answer's
        // JSON is the same as the copy's. A copy of the declared keys otherwise.
        let same = Object.getPrototypeOf(input) === Object.prototype;
        for (const field of fields) {
          const item = input[field.key];
          if (item === undefined) {
            if (!field.mayBeAbsent) throw MISMATCH; // a default to fill in, or an error: Zod's
            continue;
          }
          if (field.cut(item) !== item) same = false;
        }
        if (same && ownKeysAreDeclared(input, fields)) return input;
        const out: Record<string, unknown> = {};
        for (const field of fields) {
          const item = input[field.key];
          if (item !== undefined) out[field.key] = field.cut(item);
        }
        return out;
      };
      break;
    }
    default:
      // Unions, records, tuples, transforms, defaults, pipes, lazy …: this part exactly as Zod parses it.
      cut = (value) => schema.parse(value);
  }
  finished.cut = cut;
  cuts.set(schema, cut);
  return cut;
}

/**
 * True when `input`'s own enumerable keys are exactly its declared keys that hold a value, in the
 * declared order: then JSON.stringify writes the object as it would write the cut copy.
 */
function ownKeysAreDeclared(input: Record<string, unknown>, fields: readonly { key: string }[]): boolean {
  let f = 0;
  for (const key in input) {
    while (f < fields.length && input[fields[f]!.key] === undefined) f++; // declared, absent
    if (f >= fields.length || fields[f]!.key !== key || !Object.hasOwn(input, key)) return false;
    f++;
  }
  while (f < fields.length && input[fields[f]!.key] === undefined) f++;
  return f === fields.length;
}

/** The answer cut to `schema`'s shape (see above); the full parse when it does not fit. */
export function shapeResponse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  try {
    return compile(schema)(body) as z.output<S>;
  } catch (error) {
    if (error !== MISMATCH) throw error;
    return schema.parse(body);
  }
}

/** `verify`: the parse's answer, after checking the cut gives the same JSON. */
export function verifiedResponse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.parse(body);
  const parsedJson = JSON.stringify(parsed);
  const shapedJson = JSON.stringify(shapeResponse(schema, body));
  if (shapedJson !== parsedJson) {
    throw new Error(
      `shapeResponse differs from the parse:\n  parse: ${parsedJson.slice(0, 500)}\n  shape: ${shapedJson.slice(0, 500)}`,
    );
  }
  return parsed;
}
