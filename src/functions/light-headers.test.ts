import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LightHeaders } from './light-headers.js';
import { nativeHeaders } from './native-fetch.js';

/** What a Headers shows: every way of reading it, and a TypeError as such. */
function observe(headers: Headers | LightHeaders) {
  const h = headers as Headers;
  const seen: unknown[] = [];
  h.forEach((value, name, self) => seen.push([name, value, self === h]));
  return {
    entries: [...h],
    keys: [...h.keys()],
    values: [...h.values()],
    forEach: seen,
    setCookie: h.getSetCookie(),
    tag: Object.prototype.toString.call(h),
  };
}

const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
};

// Names in several cases, set-cookie, and names undici refuses; values with edge whitespace, CR, LF,
// NUL, characters above U+00FF, and non-strings.
const name = fc.oneof(
  fc.constantFrom('content-type', 'Content-Type', 'X-Request-Id', 'set-cookie', 'Set-Cookie', 'vary', 'a', 'B'),
  fc.constantFrom('', 'a b', 'é', 'x:y', 'x\ny', '(x)'),
  fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,6}$/),
);
const value = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(' x ', '\tx\t', '\r\nx\r\n', 'x\ny', 'x\ry', 'x\0', 'ĀB', 'é', '', '  '),
  fc.integer(),
);
const operation = fc.oneof(
  fc.record({ op: fc.constant('append' as const), name, value }),
  fc.record({ op: fc.constant('set' as const), name, value }),
  fc.record({ op: fc.constant('delete' as const), name }),
  fc.record({ op: fc.constant('get' as const), name }),
  fc.record({ op: fc.constant('has' as const), name }),
);
type Operation =
  { op: 'append' | 'set'; name: string; value: unknown } | { op: 'delete' | 'get' | 'has'; name: string };

function apply(headers: Headers | LightHeaders, step: Operation) {
  const h = headers as Headers;
  return outcome(() =>
    step.op === 'append' || step.op === 'set' ? h[step.op](step.name, step.value as string) : h[step.op](step.name),
  );
}

describe('LightHeaders', () => {
  it('answers every sequence of operations as undici Headers does', () => {
    const Native = nativeHeaders();
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (steps) => {
        const light = new LightHeaders();
        const native = new Native();
        for (const step of steps) expect(apply(light, step)).toEqual(apply(native, step));
        expect(observe(light)).toEqual(observe(native));
      }),
      { numRuns: 3000 },
    );
  });

  it('is built from the same inits as undici Headers, and refuses the same', () => {
    const Native = nativeHeaders();
    const pairs = fc.array(fc.tuple(name, value), { maxLength: 8 });
    const inits = fc.oneof(
      pairs,
      pairs.map((list) => Object.fromEntries(list)),
      // undici's own Headers, holding the pairs it accepts
      pairs.map((list) => {
        const headers = new Native();
        for (const [n, v] of list) outcome(() => headers.append(n, v as string));
        return headers;
      }),
      fc.constantFrom<unknown>(undefined, null, 'abc', 5, [['a']], [['a', 'b', 'c']], ['ab'], new Map([['a', '1']])),
    );
    fc.assert(
      fc.property(inits, (init) => {
        const light = outcome(() => observe(new LightHeaders(init as ConstructorParameters<typeof Headers>[0])));
        const native = outcome(() => observe(new Native(init as ConstructorParameters<typeof Headers>[0])));
        expect(light).toEqual(native);
      }),
      { numRuns: 2000 },
    );
  });

  it('hands over to undici as any init does', () => {
    const light = new LightHeaders([
      ['Set-Cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
    const Native = nativeHeaders();
    const native = new Native(light as unknown as Headers);
    expect([...native]).toEqual([...(light as unknown as Headers)]);
    expect(native.getSetCookie()).toEqual(['a=1', 'b=2']);
  });
});
