import { expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv.js';

it('parses RFC 4180: quotes, escaped quotes, embedded commas and newlines, CRLF, BOM, blank lines', () => {
  const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","multi\nline"\n\n1,,3';
  expect(parseCsv(text)).toEqual([
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'multi\nline'],
    ['1', '', '3'],
  ]);
});

it('writes RFC 4180 and defuses formulas, but not plain numbers', () => {
  expect(
    toCsv(
      ['a', 'b'],
      [
        ['=1+1', '-12.50'],
        ['-2+3+cmd', 'x, "y"'],
        ['+44 20 7946 0000', null],
      ],
    ),
  ).toBe('a,b\r\n\'=1+1,-12.50\r\n\'-2+3+cmd,"x, ""y"""\r\n\'+44 20 7946 0000,\r\n');
});
