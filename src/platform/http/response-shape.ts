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

/**
 * For a cut that gives back the value it was given when it fits (a leaf's type check): the same check
 * as a JavaScript expression over a variable, so an object's cut checks its fields inline.
 */
const inlineChecks = new WeakMap<Cut, (variable: string) => string>();

function withInline(cut: Cut, check: (variable: string) => string): Cut {
  inlineChecks.set(cut, check);
  return cut;
}

const typed = (type: 'string' | 'number' | 'boolean' | 'bigint'): Cut =>
  withInline(
    (value) => {
      if (typeof value !== type) throw MISMATCH;
      return value;
    },
    (v) => `typeof ${v} === '${type}'`,
  );

/** `nullable` / `optional`: `empty` leaves as it is, anything else goes through `inner`. */
function passing(empty: null | undefined, inner: Cut): Cut {
  const cut: Cut = (value) => (value === empty ? empty : inner(value));
  const check = inlineChecks.get(inner);
  return check ? withInline(cut, (v) => `(${v} === ${String(empty)} || ${check(v)})`) : cut;
}

/**
 * An object's cut, generated once per schema (as Zod generates its own object parsers): each field
 * read once, leaves checked inline, the copy built as one object literal in the schema's key order —
 * a few times faster than a loop over the fields with a call per field. Its keys enter the code only
 * as JSON string literals; `__proto__` (which a literal would take as the prototype) keeps the loop.
 */
function objectCut(fields: readonly { key: string; cut: Cut; mayBeAbsent: boolean }[]): Cut {
  if (fields.some((field) => field.key === '__proto__')) return loopObjectCut(fields);
  const lines = ["if (input === null || typeof input !== 'object' || Array.isArray(input)) throw M;"];
  fields.forEach((field, i) => {
    const v = `v${i}`;
    const check = inlineChecks.get(field.cut);
    const present = check ? `if (!(${check(v)})) throw M;` : `${v} = cuts[${i}](${v});`;
    lines.push(`let ${v} = input[${JSON.stringify(field.key)}];`);
    lines.push(
      field.mayBeAbsent ? `if (${v} !== undefined) { ${present} }` : `if (${v} === undefined) throw M; ${present}`,
    );
  });
  if (fields.every((field) => !field.mayBeAbsent)) {
    lines.push(`return { ${fields.map((field, i) => `${JSON.stringify(field.key)}: v${i}`).join(', ')} };`);
  } else {
    lines.push('const out = {};');
    fields.forEach((field, i) => {
      const assign = `out[${JSON.stringify(field.key)}] = v${i};`;
      lines.push(field.mayBeAbsent ? `if (v${i} !== undefined) ${assign}` : assign);
    });
    lines.push('return out;');
  }
  const make = new Function('M', 'cuts', `return function cut(input) {\n${lines.join('\n')}\n};`) as (
    mismatch: Mismatch,
    fieldCuts: readonly Cut[],
  ) => Cut;
  return make(
    MISMATCH,
    fields.map((field) => field.cut),
  );
}

/** The same cut as a loop, as the cut was before it was generated (for a schema with a `__proto__` key). */
function loopObjectCut(fields: readonly { key: string; cut: Cut; mayBeAbsent: boolean }[]): Cut {
  return (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw MISMATCH;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const item = input[field.key];
      if (item === undefined) {
        if (!field.mayBeAbsent) throw MISMATCH; // a default to fill in, or an error: Zod's
        continue;
      }
      out[field.key] = field.cut(item); // as Zod assigns it (so `__proto__` is not an own key, as in its output)
    }
    return out;
  };
}

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
      cut = withInline(
        (value) => {
          if (value !== null) throw MISMATCH;
          return value;
        },
        (v) => `${v} === null`,
      );
      break;
    case 'enum':
    case 'literal':
      // Strings, numbers, booleans or null: never an object that could carry undeclared fields.
      cut = withInline(
        (value) => {
          if (value !== null && typeof value === 'object') throw MISMATCH;
          return value;
        },
        (v) => `(${v} === null || typeof ${v} !== 'object')`,
      );
      break;
    case 'date':
      cut = withInline(
        (value) => {
          if (!(value instanceof Date)) throw MISMATCH;
          return value;
        },
        (v) => `${v} instanceof Date`,
      );
      break;
    case 'any':
    case 'unknown':
      cut = withInline(
        (value) => value,
        () => 'true',
      );
      break;
    case 'nullable':
      cut = passing(null, compile(def.innerType!));
      break;
    case 'optional':
      cut = passing(undefined, compile(def.innerType!));
      break;
    case 'readonly':
      cut = compile(def.innerType!);
      break;
    case 'array': {
      const element = compile(def.element!);
      const check = inlineChecks.get(element);
      if (check) {
        // Elements checked in place: the array itself leaves (JSON writes only its elements).
        const fits = new Function('v', `return ${check('v')};`) as (value: unknown) => boolean;
        cut = (value) => {
          if (!Array.isArray(value)) throw MISMATCH;
          for (const item of value as unknown[]) if (!fits(item)) throw MISMATCH;
          return value;
        };
        break;
      }
      cut = (value) => {
        if (!Array.isArray(value)) throw MISMATCH;
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = element(value[i]);
        return out;
      };
      break;
    }
    case 'object': {
      if (def.catchall) {
        cut = (value) => schema.parse(value); // strict or loose objects: Zod decides
        break;
      }
      cut = objectCut(
        Object.entries(def.shape!).map(([key, field]) => ({
          key,
          cut: compile(field),
          mayBeAbsent: defOf(field).optout === 'optional',
        })),
      );
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
