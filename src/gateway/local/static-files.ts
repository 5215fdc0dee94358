import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { cacheControlFor, contentTypeFor } from '../../platform/static-assets/asset-headers.js';

/**
 * Serves the web build as S3 + CloudFront would: the file if it exists, otherwise index.html for
 * client-side routes (SPA fallback). Returns false when there is nothing to serve.
 */
export function serveStatic(root: string, urlPath: string, method: string, res: ServerResponse): boolean {
  if (!existsSync(root)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return false;
  }
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!candidate.startsWith(path.resolve(root))) return false; // no path traversal
  let file = existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
  if (!file && !path.extname(decoded)) {
    const index = path.join(root, 'index.html');
    if (existsSync(index)) file = index;
  }
  if (!file) return false;
  const size = statSync(file).size;
  res.writeHead(200, {
    'content-type': contentTypeFor(file),
    'content-length': size,
    'cache-control': cacheControlFor(file),
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
