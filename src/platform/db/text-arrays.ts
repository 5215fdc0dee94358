/**
 * A fast reader for the text PostgreSQL sends for a one-dimensional `text[]` (and `varchar[]`,
 * `uuid[]`): `{a,"b c","",NULL,"say \"hi\""}`. It gives the same array as pg's own parser
 * (postgres-array) without its character-by-character state machine, which was a twelfth of a 50-row
 * contacts page's CPU (three arrays a row; issue #19, docs/adr/0026). Anything else — nested arrays,
 * explicit bounds (`[0:1]={…}`), text PostgreSQL would not write — goes to `fallback`, pg's parser.
 *
 * As postgres-array reads it: a quoted element is its text with backslash escapes removed; an unquoted
 * `NULL` is null; any other unquoted element is its text as it stands.
 */
const OPEN = 123; // {
const CLOSE = 125; // }
const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COMMA = 44; // ,

export function textArrayParser(fallback: (value: string) => unknown): (value: string) => unknown {
  return (value) => {
    const last = value.length - 1;
    if (last < 1 || value.charCodeAt(0) !== OPEN || value.charCodeAt(last) !== CLOSE) return fallback(value);
    if (last === 1) return [];
    const items: (string | null)[] = [];
    let i = 1;
    for (;;) {
      if (value.charCodeAt(i) === QUOTE) {
        let text = '';
        let start = ++i;
        for (;;) {
          if (i >= last) return fallback(value); // no closing quote before the closing brace
          const c = value.charCodeAt(i);
          if (c === QUOTE) break;
          if (c === BACKSLASH) {
            text += value.slice(start, i);
            start = i + 1; // the escaped character, kept as it is
            i += 2;
          } else i++;
        }
        items.push(text + value.slice(start, i));
        i++; // past the closing quote
      } else {
        const start = i;
        for (; i < last; i++) {
          const c = value.charCodeAt(i);
          if (c === COMMA) break;
          if (c === QUOTE || c === BACKSLASH || c === OPEN || c === CLOSE) return fallback(value);
        }
        if (i === start) return fallback(value); // an empty unquoted element: not PostgreSQL's text
        const text = value.slice(start, i);
        items.push(text === 'NULL' ? null : text);
      }
      if (i === last) return items;
      if (value.charCodeAt(i) !== COMMA) return fallback(value);
      i++;
    }
  };
}
