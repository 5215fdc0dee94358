import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The reference: the server's decimal arithmetic (decimal.js, 40 digits, half-up) and currency table.
import { minorUnits as serverMinorUnits, Money } from '../../../src/platform/money/money';
import {
  addDecimals,
  compareDecimals,
  divRound,
  fromUnits,
  isDecimal,
  isZero,
  minDecimal,
  minorUnits,
  SCALE,
  subDecimals,
  sumDecimals,
  toUnits,
} from './decimal';

// The web client's string arithmetic (BigInt fixed point) must give the same strings as the server's Money.

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** A decimal string as the API sends and the forms take: an optional minus, integer digits (leading zeros too), decimals. */
const decimal = ({ maxDecimals = SCALE, minDecimals = 0, maxIntDigits = 15 } = {}) =>
  fc
    .record({ negative: fc.boolean(), int: digits(1, maxIntDigits), frac: digits(minDecimals, maxDecimals) })
    .map(({ negative, int, frac }) => `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);

/** Exactly halfway between two values with `places` decimals ("2.345" for 2): where half-up and half-even differ. */
const halfway = (places: number) =>
  fc
    .record({ negative: fc.boolean(), int: digits(1, 12), frac: digits(places, places) })
    .map(({ negative, int, frac }) => `${negative ? '-' : ''}${int}.${frac}5`);

const places = fc.integer({ min: 0, max: SCALE });

/**
 * What the server makes of a value: rounded half-up (away from zero) to `places` decimals. decimal.js
 * keeps the sign of a negative that rounds to zero ("-0.00"); the web client prints "0.00", so the
 * comparison reads both as the same zero.
 */
const server = (value: Money, places: number) =>
  value.toFixed(places, Money.ROUND_HALF_UP).replace(/^-(0(\.0+)?)$/, '$1');

describe('web decimal arithmetic against the server Money', () => {
  it('parses every decimal string with up to SCALE decimals to the value Money reads', () => {
    fc.assert(
      fc.property(decimal(), (s) => {
        expect(isDecimal(s)).toBe(true);
        const units = toUnits(s);
        expect(units).not.toBeNull();
        expect(fromUnits(units!, SCALE)).toBe(server(new Money(s), SCALE));
      }),
    );
  });

  it('refuses more decimals than allowed instead of rounding them away', () => {
    fc.assert(
      fc.property(decimal({ minDecimals: SCALE + 1, maxDecimals: SCALE + 6 }), (s) => {
        expect(isDecimal(s)).toBe(false);
        expect(toUnits(s)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(decimal(), fc.integer({ min: 0, max: SCALE }), (s, max) => {
        expect(isDecimal(s, max)).toBe((s.split('.')[1]?.length ?? 0) <= max);
      }),
    );
  });

  it('rounds half away from zero to any number of decimals, as Money ROUND_HALF_UP', () => {
    fc.assert(
      fc.property(decimal(), places, (s, p) => {
        expect(fromUnits(toUnits(s)!, p)).toBe(server(new Money(s), p));
      }),
    );
  });

  it('rounds exact halves up in magnitude (not to even)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SCALE - 1 }).chain((p) => fc.tuple(fc.constant(p), halfway(p))),
        ([p, s]) => {
          expect(fromUnits(toUnits(s)!, p)).toBe(server(new Money(s), p));
        },
      ),
    );
    expect(fromUnits(toUnits('0.125')!, 2)).toBe('0.13');
    expect(fromUnits(toUnits('-0.125')!, 2)).toBe('-0.13');
    expect(fromUnits(toUnits('2.5')!, 0)).toBe('3');
  });

  it('pads with zeros when asked for more decimals than it holds', () => {
    fc.assert(
      fc.property(decimal(), fc.integer({ min: SCALE, max: SCALE + 6 }), (s, p) => {
        expect(fromUnits(toUnits(s)!, p)).toBe(server(new Money(s), p));
      }),
    );
  });

  it('adds, subtracts and sums like Money, rounding once at the end', () => {
    fc.assert(
      fc.property(decimal(), decimal(), places, (a, b, p) => {
        expect(addDecimals(a, b, p)).toBe(server(new Money(a).plus(b), p));
        expect(subDecimals(a, b, p)).toBe(server(new Money(a).minus(b), p));
      }),
    );
    fc.assert(
      fc.property(fc.array(decimal(), { maxLength: 30 }), places, (values, p) => {
        const total = values.reduce((sum, v) => sum.plus(v), new Money(0));
        expect(sumDecimals(values, p)).toBe(server(total, p));
      }),
    );
  });

  it('multiplies in units (scale 2 × SCALE) like Money times', () => {
    fc.assert(
      fc.property(decimal({ maxIntDigits: 12 }), decimal({ maxIntDigits: 12 }), places, (a, b, p) => {
        const product = toUnits(a)! * toUnits(b)!;
        expect(fromUnits(product, p, 2 * SCALE)).toBe(server(new Money(a).times(b), p));
      }),
    );
  });

  it('divides to the nearest integer, halves away from zero, like Money', () => {
    const big = (max: bigint) => fc.bigInt({ min: -max, max });
    const divisor = big(10n ** 12n).filter((d) => d !== 0n);
    fc.assert(
      fc.property(big(10n ** 20n), divisor, (n, d) => {
        expect(divRound(n, d).toString()).toBe(server(new Money(n.toString()).div(d.toString()), 0));
      }),
    );
    // Small divisors hit exact halves often.
    fc.assert(
      fc.property(big(10n ** 6n), fc.constantFrom(2n, -2n, 4n, -4n, 8n, 10n, -10n), (n, d) => {
        expect(divRound(n, d).toString()).toBe(server(new Money(n.toString()).div(d.toString()), 0));
      }),
    );
  });

  it('compares, tests for zero and takes the smaller value like Money', () => {
    fc.assert(
      fc.property(decimal(), decimal(), places, (a, b, p) => {
        expect(compareDecimals(a, b)).toBe(new Money(a).cmp(b));
        expect(compareDecimals(a, a)).toBe(0);
        expect(isZero(a)).toBe(new Money(a).isZero());
        expect(minDecimal(a, b, p)).toBe(server(Money.min(a, b), p));
      }),
    );
    expect(isZero('-0.0000')).toBe(true);
    expect(compareDecimals('-0', '0')).toBe(0);
  });

  it('uses the server minor units for every currency', () => {
    for (const currency of Intl.supportedValuesOf('currency')) {
      expect([currency, minorUnits(currency)]).toEqual([currency, serverMinorUnits(currency)]);
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{3}$/), (currency) => {
        expect(minorUnits(currency)).toBe(serverMinorUnits(currency));
      }),
    );
  });
});
