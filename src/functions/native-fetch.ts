/**
 * undici's `Request`, `Response` and `Headers`, fetched only when something needs them. Node defines
 * these globals as lazy data properties: the first read — even `Object.getOwnPropertyDescriptor` —
 * loads and compiles all of undici, ~20–35 ms, which a cold start would pay at import if a module
 * touched them then (docs/adr/0026). The API functions' light classes (`light-*.ts`) answer reads
 * without undici and ask here when they must hand over to it.
 *
 * `Response` is special: the API functions make their light class the `Response` that code sees. In a
 * bundled function esbuild injects it for the identifier (`infra/light-response-inject.ts`) and the
 * global stays undici's; where the global itself is replaced (tests, unbundled scripts,
 * `installLightResponse`), undici's class is kept here first, once per process (a `Symbol.for` slot, so
 * a second copy of these modules — a test runner's fresh module graph — finds the original).
 */
const NATIVE_RESPONSE = Symbol.for('moms.fetch.native-response');
const slot = globalThis as { [NATIVE_RESPONSE]?: typeof Response };

export const nativeRequest = (): typeof Request => globalThis.Request;
export const nativeHeaders = (): typeof Headers => globalThis.Headers;
export const nativeResponse = (): typeof Response => slot[NATIVE_RESPONSE] ?? globalThis.Response;

/** Keeps undici's Response before the global is replaced (this loads undici). */
export function keepNativeResponse(): void {
  slot[NATIVE_RESPONSE] ??= globalThis.Response;
}

/** Whether `value` can be an instance of undici's `name` (its tag says so) without loading undici to ask. */
export function taggedAs(value: object, name: 'Request' | 'Response' | 'Headers'): boolean {
  return Object.prototype.toString.call(value) === `[object ${name}]`;
}
