/**
 * `build`'s value, built on the first call and kept: what a manifest declares (a job's payload schema,
 * an event's, a metric's parameters, a mail template's data) is built on first use, not when the
 * manifest is imported. Every function imports every manifest at a cold start, and most requests
 * never use most schemas (docs/adr/0008, "Schemas built on first use").
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/**
 * A schema a manifest declares: a function that builds it, or imports the file that does
 * (`async () => (await import('./x.schemas.js')).xPayload()`), so that Zod itself is not loaded when
 * the manifest is (docs/adr/0008, "Zod off the cold start").
 */
export type SchemaSource<S> = () => S | Promise<S>;

/**
 * `load`'s value, loaded on the first call and kept as a promise; a failed load (an `import()` that
 * could not read its chunk) is tried again on the next call instead of failing for good.
 */
export function lazyAsync<T>(load: () => T | Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= (async () => load())().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}

/** `source`'s schema, built (or imported) on the first call and kept (`lazyAsync`). */
export const lazySchema: <S>(source: SchemaSource<S>) => () => Promise<S> = lazyAsync;
