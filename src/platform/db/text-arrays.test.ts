import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textArrayParser } from './text-arrays.js';

// The parser pg-types gives pg for text[] (pg.types' own may already be ours: pg-pool.ts installs it
// process-wide, and test files can share a process).
const postgresArray = createRequire(import.meta.url)('postgres-array') as { parse: (value: string) => unknown };
const original = (value: string) => postgresArray.parse(value);
let fallbacks = 0;
const fast = textArrayParser((value) => {
  fallbacks++;
  return original(value);
});
const outcome = (parse: (value: string) => unknown, value: string) => {
  try {
    return { value: parse(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

/** What PostgreSQL's array_out writes for a one-dimensional text array. */
function arrayOut(items: readonly (string | null)[]): string {
  const element = (item: string | null) => {
    if (item === null) return 'NULL';
    const quote = item === '' || /^null$/i.test(item) || /[{}",\\\s]/.test(item);
    return quote ? `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"` : item;
  };
  return `{${items.map(element).join(',')}}`;
}

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'ab {}",\\\tNUL'), maxLength: 8 }),
  fc.constantFrom('NULL', 'null', 'Null', '', ' ', '"', '\\', '{}', 'a,b', 'é✓'),
);

describe('textArrayParser', () => {
  it('reads every one-dimensional array PostgreSQL writes as postgres-array does, without falling back', () => {
    fallbacks = 0;
    fc.assert(
      fc.property(fc.array(fc.option(text, { nil: null }), { maxLength: 10 }), (items) => {
        const written = arrayOut(items);
        expect(fast(written), written).toEqual(original(written));
        expect(fast(written)).toEqual(items);
      }),
      { numRuns: 5000 },
    );
    expect(fallbacks).toBe(0);
  });

  it('gives what postgres-array gives for any other text (it hands what it does not read to it)', () => {
    const noise = fc.string({ unit: fc.constantFrom(...'{}",\\aN[]:=0 '), maxLength: 14 });
    fc.assert(
      fc.property(noise, (value) => {
        expect(outcome(fast, value), value).toEqual(outcome(original, value));
      }),
      { numRuns: 20000 },
    );
    for (const value of ['{{a,b},{c,d}}', '[0:1]={a,b}', '{a,,b}', '{a,}', '{"a"b}', '{"a', '{a"b}', '{}']) {
      expect(outcome(fast, value), value).toEqual(outcome(original, value));
    }
  });
});
