import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestamptzParser } from './timestamps.js';

// The parser pg-types gives pg for timestamptz (pg.types' own may already be ours: pg-pool.ts installs it
// process-wide, and test files can share a process).
const original = createRequire(import.meta.url)('postgres-date') as (value: string) => unknown;
const fast = timestamptzParser(original);
const same = (text: string) => {
  const a = fast(text);
  const b = original(text);
  expect(a instanceof Date ? a.getTime() : a, text).toEqual(b instanceof Date ? b.getTime() : b);
};

describe('timestamptzParser', () => {
  it('is compared with the parser pg ships (not with itself)', () => {
    expect((original as { fast?: true }).fast).toBeUndefined();
    expect(original('2026-12-05 22:19:32.5+01')).toEqual(new Date('2026-12-05T21:19:32.500Z'));
  });

  it('reads what PostgreSQL sends as pg does, to the millisecond, in any offset and precision', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 6 }),
        fc.constantFrom('+00', '-05', '+05:30', '-03:30', '+14', '-09:30:15', '+00:00:01'),
        (y, mo, d, h, mi, s, fraction, zone) => {
          same(
            `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}${fraction ? `.${fraction}` : ''}${zone}`,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hands everything else to pg', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0099-01-01 00:00:00+00',
      '0500-06-01 10:00:00.5+01',
      '2026-01-01 00:00:00+00 BC',
      '12026-01-01 00:00:00+00',
      '2026-01-01 00:00:00.+00',
      '2026-01-01T00:00:00Z',
      '2026-13-01 00:00:00+00',
    ]) {
      same(text);
    }
    expect((fast('2026-12-05 22:19:32.123+00') as Date).toISOString()).toBe('2026-12-05T22:19:32.123Z');
    // The usual forms never reach the fallback.
    const strict = timestamptzParser(() => {
      throw new Error('fell back');
    });
    expect((strict('2026-12-05 22:19:32+00') as Date).toISOString()).toBe('2026-12-05T22:19:32.000Z');
    expect((strict('2026-12-05 22:19:32.123456+05:30') as Date).toISOString()).toBe('2026-12-05T16:49:32.123Z');
    expect((fast('2026-12-05 22:19:32.1239-01:30') as Date).toISOString()).toBe('2026-12-05T23:49:32.123Z');
  });
});
