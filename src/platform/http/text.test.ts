import { describe, expect, it } from 'vitest';
import { unstorableText } from './text.js';

describe('unstorableText', () => {
  it('finds NUL and unpaired surrogates anywhere in an input, with their paths', () => {
    expect(
      unstorableText({
        name: 'ok',
        lines: [{ description: 'fine' }, { description: 'a\u0000b' }],
        tags: ['x\ud800'],
        map: { 'k\u0000': 1, nested: { end: '\udc00y' } },
      }).map((e) => e.path),
    ).toEqual(['lines.1.description', 'tags.0', 'map.k\ufffd', 'map.nested.end']);
  });

  it('accepts well-formed text: surrogate pairs, other control characters, non-strings', () => {
    expect(unstorableText({ a: '🚀 Café \u0007\t\n', n: 1, b: true, z: null, d: new Date(0) })).toEqual([]);
    expect(unstorableText('\ud83d\ude80')).toEqual([]);
  });

  it('walks any depth without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableText(deep)).toHaveLength(1);
  });

  it('names the field and stops after 20', () => {
    expect(unstorableText('\u0000')).toEqual([
      { path: '', message: 'Text may not contain the NUL character (U+0000).', code: 'invalid_text' },
    ]);
    expect(unstorableText(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });
});
