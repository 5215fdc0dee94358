import path from 'node:path';
import mime from 'mime';

/**
 * The HTTP headers a web build file is served with. Shared by the local emulator
 * (`gateway/local/static-files.ts`) and `collectStatic` (S3 object metadata) so both serve the same.
 */

/**
 * Hashed build outputs (`index-3f2a9c1b.js`, `app-BXk9sf3Q.css`) never change: cache them for a
 * year. The hash must hold a digit or a capital letter, so a plain name like `my-component.js` is not
 * mistaken for one (a real hash without either just gets the short cache: the safe side).
 */
export const HASHED_FILE =
  /[.-](?=[0-9A-Za-z_-]*[0-9A-Z])[0-9A-Za-z_-]{8,}\.(js|mjs|css|woff2?|png|jpe?g|svg|webp|avif|ico|map)$/;

export function cacheControlFor(file: string): string {
  if (path.basename(file) === 'index.html') return 'no-cache';
  return HASHED_FILE.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
}

export function contentTypeFor(file: string): string {
  const type = mime.getType(file) ?? 'application/octet-stream';
  return /^(text\/|application\/(javascript|json))/.test(type) ? `${type}; charset=utf-8` : type;
}
