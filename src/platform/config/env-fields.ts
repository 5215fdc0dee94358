/**
 * The shapes an environment variable of MOMS takes, each a function from the variable's text (or
 * undefined when it is not set) to its value, throwing `EnvError` with what is wrong. No validation
 * library: the environment is read first thing at every cold start, and the few shapes below are all
 * it needs (docs/adr/0026). Values are never echoed in messages (some are secrets).
 */
export type EnvField<T> = (raw: string | undefined) => T;

export class EnvError extends Error {}

/** Optional fields give `undefined` when the variable is not set; `default` fills it instead. */
interface Presence<T> {
  default?: T;
}

function present<T>(raw: string | undefined, options: Presence<T>, read: (raw: string) => T): T | undefined {
  return raw === undefined ? options.default : read(raw);
}

/** An integer (as `Number()` reads the text: `" 42 "`, `"1e3"`) in [min, max]. */
export function integer(options: { min: number; max?: number; default: number }): EnvField<number> {
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const range = options.max === undefined ? `at least ${options.min}` : `from ${options.min} to ${max}`;
  return (raw) => {
    if (raw === undefined) return options.default;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < options.min || value > max) throw new EnvError(`An integer ${range}.`);
    return value;
  };
}

interface TextOptions<T> extends Presence<T> {
  minLength?: number;
  maxLength?: number;
  /** The text must match; `message` says what is expected. */
  pattern?: { regex: RegExp; message: string };
}

/** Text, optionally with a length range and a pattern. */
export function text(options: TextOptions<string> & { default: string }): EnvField<string>;
export function text(options?: TextOptions<string>): EnvField<string | undefined>;
export function text(options: TextOptions<string> = {}): EnvField<string | undefined> {
  return (raw) =>
    present(raw, options, (value) => {
      if (options.minLength !== undefined && value.length < options.minLength)
        throw new EnvError(`At least ${options.minLength} characters.`);
      if (options.maxLength !== undefined && value.length > options.maxLength)
        throw new EnvError(`At most ${options.maxLength} characters.`);
      if (options.pattern && !options.pattern.regex.test(value)) throw new EnvError(options.pattern.message);
      return value;
    });
}

/** An absolute URL (surrounding spaces dropped). */
export function url(): EnvField<string | undefined> {
  return (raw) =>
    present(raw, {}, (value) => {
      const trimmed = value.trim();
      if (!URL.canParse(trimmed)) throw new EnvError('An absolute URL, such as https://example.com/path.');
      return trimmed;
    });
}

/** Zod's default e-mail pattern (`z.email()`), which the API's own e-mail fields use. */
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function email(): EnvField<string | undefined> {
  return text({ pattern: { regex: EMAIL, message: 'An e-mail address, such as admin@example.com.' } });
}

/** One of `values`. */
export function oneOf<const V extends string>(values: readonly V[], options: { default: V }): EnvField<V>;
export function oneOf<const V extends string>(values: readonly V[]): EnvField<V | undefined>;
export function oneOf<const V extends string>(
  values: readonly V[],
  options: Presence<V> = {},
): EnvField<V | undefined> {
  return (raw) =>
    present(raw, options, (value) => {
      if (!(values as readonly string[]).includes(value)) throw new EnvError(`One of ${values.join(', ')}.`);
      return value as V;
    });
}

type ValueOf<F> = F extends EnvField<infer T> ? T : never;
type OptionalKeys<S> = { [K in keyof S]: undefined extends ValueOf<S[K]> ? K : never }[keyof S];

/** The values a table of fields reads: a field that may be undefined is an optional property. */
export type EnvValues<S extends Record<string, EnvField<unknown>>> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: ValueOf<S[K]>;
} & { [K in OptionalKeys<S>]?: ValueOf<S[K]> };

/** Reads every field of `fields` from `env`; throws one error listing every bad variable. */
export function readEnv<S extends Record<string, EnvField<unknown>>>(
  fields: S,
  env: Record<string, string | undefined>,
): EnvValues<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    try {
      const value = field(env[name]);
      if (value !== undefined) values[name] = value;
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      problems.push(`  ${name}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  return values as EnvValues<S>;
}
