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
