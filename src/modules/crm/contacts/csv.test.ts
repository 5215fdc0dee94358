import { expect, it } from 'vitest';
import { parseCsv } from './csv.js';

it('parses RFC 4180: quotes, escaped quotes, embedded commas and newlines, CRLF, BOM, blank lines', () => {
  const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","multi\nline"\n\n1,,3';
  expect(parseCsv(text)).toEqual([
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'multi\nline'],
    ['1', '', '3'],
  ]);
});
