/**
 * A `Response` that holds a text (or empty) body as it was given, so that an API function can hand
 * it to API Gateway without undici encoding it into a stream and the adapter decoding it back
 * (docs/adr/0026). Hono builds every answer with `new Response(…)`; the API functions make that
 * identifier this class (`installLightResponse`). Anything beyond status, headers and the text — the
 * body stream, `text()`, `clone()`, `statusText`… — turns it into undici's own Response first and
 * answers from that, so a caller sees a standard Response either way. Other bodies (bytes, streams,
 * blobs, forms) are undici's from the start. `instanceof Response` holds for both kinds.
 *
 * The idea and the shape follow @hono/node-server's lightweight Response (MIT), which does the same
 * for Node's HTTP server; that class keeps its cached body private, so it cannot serve a Lambda adapter.
 *
 * A light response's headers are a `LightHeaders`, and undici's Response is fetched only when one is
 * needed (`native-fetch.ts`): a read answered with text never loads undici.
 */
import { newHeaders } from './light-headers.js';
import { keepNativeResponse, nativeResponse, taggedAs } from './native-fetch.js';

type BodyInit = ConstructorParameters<typeof Response>[0];
type HeadersInit = ConstructorParameters<typeof Headers>[0];
const TEXT_PLAIN = 'text/plain;charset=UTF-8';
/** Statuses whose response must have no body (Fetch standard). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

interface Held {
  status: number;
  body: string | null;
  headers: Headers | undefined;
  /** What `headers` is made from on first use. */
  init: HeadersInit | undefined;
}

export interface LightParts {
  status: number;
  /** The text body as given (null: no body). */
  body: string | null;
  headers: Headers;
}

export class LightResponse {
  #held: Held | undefined;
  #native: Response | undefined;
  #args: [BodyInit | null | undefined, ResponseInit | undefined];

  static [Symbol.hasInstance](instance: unknown): boolean {
    if (this !== LightResponse) return Function.prototype[Symbol.hasInstance].call(this, instance);
    if (typeof instance !== 'object' || instance === null) return false;
    if (#held in instance) return true;
    // An undici Response exists only once undici is loaded, and carries its tag: ask undici only then.
    return taggedAs(instance, 'Response') && instance instanceof nativeResponse();
  }

  static json(data: unknown, init?: ResponseInit): Response {
    return nativeResponse().json(data, init);
  }

  static error(): Response {
    return nativeResponse().error();
  }

  static redirect(url: string | URL, status?: Parameters<typeof Response.redirect>[1]): Response {
    return nativeResponse().redirect(url, status);
  }

  /** The held status, text and headers of a light response not yet turned into undici's; otherwise undefined. */
  static parts(response: Response): LightParts | undefined {
    if (!(#held in response)) return undefined;
    const light = response as unknown as LightResponse;
    const held = light.#held;
    if (!held) return undefined;
    return { status: held.status, body: held.body, headers: light.headers };
  }

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    this.#args = [body, init];
    const status = init?.status ?? 200;
    const simple =
      (body === null || body === undefined || typeof body === 'string') &&
      Number.isInteger(status) &&
      status >= 200 &&
      status <= 599 &&
      init?.statusText === undefined &&
      !(body && NULL_BODY.has(status)) &&
      !(init !== undefined && init !== null && taggedAs(init, 'Response'));
    if (simple) this.#held = { status, body: body ?? null, headers: undefined, init: init?.headers };
    // Anything else is undici's at once (it also raises the errors a bad status or body gives).
    else this.#native = new (nativeResponse())(body, init);
  }

  /** undici's Response for this one (made on first need; the same afterwards). */
  static native(light: LightResponse): Response {
    return light.#toNative();
  }

  #toNative(): Response {
    if (this.#native) return this.#native;
    const held = this.#held!;
    this.#held = undefined;
    const [body, init] = this.#args;
    const NativeResponse = nativeResponse();
    this.#native = new NativeResponse(body, held.headers ? { ...init, headers: held.headers } : init);
    return this.#native;
  }

  get headers(): Headers {
    const held = this.#held;
    if (!held) return this.#toNative().headers;
    if (!held.headers) {
      const headers = newHeaders(held.init as Parameters<typeof newHeaders>[0]);
      if (held.body !== null && !headers.has('content-type')) headers.set('content-type', TEXT_PLAIN);
      held.headers = headers;
    }
    return held.headers;
  }

  get status(): number {
    return this.#held?.status ?? this.#toNative().status;
  }

  get ok(): boolean {
    const status = this.status;
    return status >= 200 && status < 300;
  }
}

const PROPERTIES = ['body', 'bodyUsed', 'redirected', 'statusText', 'type', 'url'] as const;
const METHODS = ['arrayBuffer', 'blob', 'bytes', 'clone', 'formData', 'json', 'text'] as const;
for (const key of PROPERTIES) {
  Object.defineProperty(LightResponse.prototype, key, {
    get(this: LightResponse) {
      return (LightResponse.native(this) as unknown as Record<string, unknown>)[key];
    },
  });
}
for (const key of METHODS) {
  Object.defineProperty(LightResponse.prototype, key, {
    value(this: LightResponse) {
      const native = LightResponse.native(this) as unknown as Record<string, () => unknown>;
      return native[key]!.call(native);
    },
  });
}
Object.defineProperty(LightResponse.prototype, Symbol.toStringTag, { get: () => 'Response' });

/**
 * Makes `LightResponse` the `Response` that code sees (once; API function modules call it as they
 * load). In a bundled API function esbuild has already done so for the identifier `Response` in every
 * file (`infra/light-response-inject.ts`), leaving the global — and undici — untouched: nothing is left
 * to do. Elsewhere (the tests, scripts run from source) the global is replaced, after keeping undici's
 * class (`native-fetch.ts`), so what they exercise is what runs on Lambda.
 */
export function installLightResponse(): void {
  // `Response` here is the injected class in a bundle, the global otherwise (reading it loads undici).
  if ((Response as unknown) === LightResponse) return;
  keepNativeResponse();
  Object.defineProperty(globalThis, 'Response', {
    value: LightResponse,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
