import { describe, expect, it } from 'vitest';
import { cacheControlFor, contentTypeFor } from './asset-headers.js';

describe('asset headers', () => {
  it.each([
    ['index.html', 'no-cache'],
    ['assets/index-3f2a9c1b.js', 'public, max-age=31536000, immutable'],
    ['assets/app-BXk9sf3Q.css', 'public, max-age=31536000, immutable'],
    ['assets/my-component.js', 'public, max-age=300'],
    ['favicon.ico', 'public, max-age=300'],
    ['robots.txt', 'public, max-age=300'],
  ])('%s → %s', (file, expected) => {
    expect(cacheControlFor(file)).toBe(expected);
  });

  it('gives text types a charset', () => {
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('a.png')).toBe('image/png');
    expect(contentTypeFor('a.unknownext')).toBe('application/octet-stream');
  });
});
