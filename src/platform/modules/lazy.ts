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
 * `source`'s schema, built (or imported) on the first call and kept as a promise; a failed import is
 * tried again on the next call.
 */
export function lazySchema<S>(source: SchemaSource<S>): () => Promise<S> {
  let built: Promise<S> | undefined;
  return () =>
    (built ??= (async () => source())().catch((error: unknown) => {
      built = undefined;
      throw error;
    }));
}
