/**
 * A `Headers` that does not need undici: the header list of a light request or response
 * (`light-request.ts`, `light-response.ts`). A read without a body — the bulk of the traffic — then
 * never loads undici, which is ~25–35 ms of a cold start and a few microseconds of each request
 * (docs/adr/0026).
 *
 * It follows the Fetch standard's Headers (guard "none") as undici implements it, and
 * `light-headers.test.ts` holds it to undici's on random sequences of operations:
 * - names are HTTP tokens and compare without case; iteration gives them in lower case, sorted;
 * - values lose leading and trailing HTTP whitespace and may not hold NUL, CR or LF; names and values
 *   are byte strings (no character above U+00FF); anything else is a TypeError;
 * - `get` joins a name's values with ", "; iteration does too, except `set-cookie`, one entry per value.
 * Where a light object must become undici's, undici takes this one as any iterable of pairs.
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// HTTP whitespace: tab, LF, CR, space.
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
// NUL, LF and CR may not appear in a header value.
const FORBIDDEN_IN_VALUE = /[\0\n\r]/;
const NOT_A_BYTE = /[^\0-\xFF]/;
const SET_COOKIE = 'set-cookie';

type HeadersInitLike = Iterable<readonly unknown[]> | Record<string, unknown> | undefined;

function byteString(value: unknown, what: string): string {
  const text = String(value);
  if (NOT_A_BYTE.test(text)) throw new TypeError(`Headers: the ${what} "${text}" is not a byte string`);
  return text;
}

/** Names seen before, lower-cased: the same dozen or so come with every request and answer. */
const knownNames = new Map<string, string>();
const MAX_KNOWN_NAMES = 500;

function headerName(name: unknown): string {
  if (typeof name === 'string') {
    const known = knownNames.get(name);
    if (known !== undefined) return known;
  }
  const text = byteString(name, 'header name');
  if (!TOKEN.test(text)) throw new TypeError(`Headers: "${text}" is an invalid header name`);
  const lower = text.toLowerCase();
  if (knownNames.size < MAX_KNOWN_NAMES) knownNames.set(text, lower);
  return lower;
}

/** Visible ASCII with inner spaces, no edge whitespace: a value to take as it is (most are). */
const PLAIN_VALUE = /^[!-~](?:[ -~]*[!-~])?$/;

function headerValue(value: unknown): string {
  if (typeof value === 'string' && PLAIN_VALUE.test(value)) return value;
  const text = byteString(value, 'header value').replace(EDGE_WHITESPACE, '');
  if (FORBIDDEN_IN_VALUE.test(text)) throw new TypeError(`Headers: "${text}" is an invalid header value`);
  return text;
}

export class LightHeaders {
  /** Lower-case name → its values in the order they were added. */
  readonly #list = new Map<string, string[]>();

  constructor(init?: HeadersInitLike) {
    if (init === undefined) return;
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
      throw new TypeError('Headers: the init is neither a sequence of pairs nor a record');
    }
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<readonly unknown[]>) {
        if (typeof pair !== 'object' || pair === null || !(Symbol.iterator in pair)) {
          throw new TypeError('Headers: each pair of the init must be a sequence');
        }
        const items = [...(pair as Iterable<unknown>)];
        if (items.length !== 2) throw new TypeError('Headers: each pair of the init must have 2 items');
        this.append(items[0], items[1]);
      }
      return;
    }
    const record = init as Record<string, unknown>;
    for (const key of Object.keys(record)) this.append(key, record[key]);
  }

  append(name: unknown, value: unknown): void {
    const key = headerName(name);
    const text = headerValue(value);
    const values = this.#list.get(key);
    if (values) values.push(text);
    else this.#list.set(key, [text]);
  }

  set(name: unknown, value: unknown): void {
    const key = headerName(name);
    this.#list.set(key, [headerValue(value)]);
  }

  delete(name: unknown): void {
    this.#list.delete(headerName(name));
  }

  get(name: unknown): string | null {
    const values = this.#list.get(headerName(name));
    if (!values) return null;
    return values.length === 1 ? values[0]! : values.join(', ');
  }

  has(name: unknown): boolean {
    return this.#list.has(headerName(name));
  }

  getSetCookie(): string[] {
    return [...(this.#list.get(SET_COOKIE) ?? [])];
  }

  /** The Fetch standard's "sort and combine". */
  #pairs(): [string, string][] {
    const names = [...this.#list.keys()].sort();
    const pairs: [string, string][] = [];
    for (const name of names) {
      const values = this.#list.get(name)!;
      if (name === SET_COOKIE) for (const value of values) pairs.push([name, value]);
      else pairs.push([name, values.length === 1 ? values[0]! : values.join(', ')]);
    }
    return pairs;
  }

  forEach(callback: (value: string, name: string, headers: LightHeaders) => void, thisArg?: unknown): void {
    if (typeof callback !== 'function') throw new TypeError('Headers.forEach: the callback is not a function');
    for (const [name, value] of this.#pairs()) callback.call(thisArg, value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#pairs()[Symbol.iterator]();
  }

  keys(): IterableIterator<string> {
    const names = this.#pairs().map(([name]) => name);
    return names[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    const values = this.#pairs().map(([, value]) => value);
    return values[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}

/** A light header list typed as the standard one (it has every member code may use). */
export const newHeaders = (init?: HeadersInitLike): Headers => new LightHeaders(init) as unknown as Headers;
