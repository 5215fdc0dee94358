/**
 * A fast reader for the `timestamptz` text PostgreSQL sends (DateStyle ISO):
 * `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`. It gives the same Date as pg's own parser
 * (postgres-date) without its regular expressions, which showed in the profile of a 50-row list
 * (issue #19, docs/adr/0026); anything else (infinity, BC, years before 1000, other styles) goes to
 * `fallback`, pg's parser.
 */
const digit = (value: string, i: number): number => {
  const d = value.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const two = (value: string, i: number) => digit(value, i) * 10 + digit(value, i + 1);

export function timestamptzParser(fallback: (value: string) => unknown): (value: string) => unknown {
  return (value) => {
    // 2026-12-05 22:19:32+00 is the shortest form: 22 characters.
    if (
      value.length < 22 ||
      value.charCodeAt(4) !== 45 || // -
      value.charCodeAt(7) !== 45 ||
      value.charCodeAt(10) !== 32 || // space
      value.charCodeAt(13) !== 58 || // :
      value.charCodeAt(16) !== 58
    ) {
      return fallback(value);
    }
    const year = two(value, 0) * 100 + two(value, 2);
    const month = two(value, 5);
    const day = two(value, 8);
    const hour = two(value, 11);
    const minute = two(value, 14);
    const second = two(value, 17);
    let i = 19;
    let ms = 0;
    if (value.charCodeAt(i) === 46) {
      // .ffffff: the same float arithmetic as postgres-date, so the truncation agrees to the millisecond.
      const start = i;
      i++;
      while (i < value.length && digit(value, i) === digit(value, i)) i++;
      if (i === start + 1) return fallback(value);
      ms = 1000 * parseFloat(value.slice(start, i));
    }
    const sign = value.charCodeAt(i);
    if (sign !== 43 && sign !== 45) return fallback(value); // + or -
    let offset = two(value, i + 1) * 3600;
    i += 3;
    if (i < value.length) {
      if (value.charCodeAt(i) !== 58) return fallback(value);
      offset += two(value, i + 1) * 60;
      i += 3;
      if (i < value.length) {
        if (value.charCodeAt(i) !== 58) return fallback(value);
        offset += two(value, i + 1);
        i += 3;
      }
    }
    if (i !== value.length || year < 1000 || Number.isNaN(year + month + day + hour + minute + second + offset)) {
      return fallback(value);
    }
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    return new Date(offset === 0 ? utc : utc - (sign === 45 ? -offset : offset) * 1000);
  };
}
