/**
 * undici's `Request`, `Response` and `Headers`, fetched only when something needs them. Node defines
 * these globals as lazy getters: the first read loads and compiles all of undici, ~25–35 ms, which a
 * cold start would pay at import if a module read them then (docs/adr/0026). The API functions'
 * light classes (`light-*.ts`) answer reads without undici and ask here when they must hand over to it.
 *
 * The globals' descriptors are recorded before MOMS replaces `Response` (`installLightResponse`), once
 * per process (a `Symbol.for` slot, so a second copy of these modules — a test runner's fresh module
 * graph — finds Node's originals, not another copy's light class).
 */
type FetchClass = 'Request' | 'Response' | 'Headers';
type Originals = Partial<Record<FetchClass, PropertyDescriptor>>;

const ORIGINALS = Symbol.for('moms.fetch.originals');
const slot = globalThis as { [ORIGINALS]?: Originals };
const originals: Originals = (slot[ORIGINALS] ??= {});
for (const name of ['Request', 'Response', 'Headers'] as const) {
  originals[name] ??= Object.getOwnPropertyDescriptor(globalThis, name);
}

const loaded: Partial<Record<FetchClass, unknown>> = {};

function native<T>(name: FetchClass): T {
  let value = loaded[name];
  if (value === undefined) {
    const descriptor = originals[name];
    value = descriptor?.get ? descriptor.get.call(globalThis) : descriptor?.value;
    if (typeof value !== 'function') throw new Error(`This runtime has no global ${name}`);
    loaded[name] = value;
  }
  return value as T;
}

export const nativeRequest = (): typeof Request => native<typeof Request>('Request');
export const nativeResponse = (): typeof Response => native<typeof Response>('Response');
export const nativeHeaders = (): typeof Headers => native<typeof Headers>('Headers');

/** Whether `value` can be an instance of undici's `name` (its tag says so) without loading undici to ask. */
export function taggedAs(value: object, name: FetchClass): boolean {
  return Object.prototype.toString.call(value) === `[object ${name}]`;
}
