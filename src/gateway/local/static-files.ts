import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import path from 'node:path';
import { cacheControlFor, contentTypeFor } from '../../platform/static-assets/asset-headers.js';
import { chooseEncoding, compress, isCompressible, MIN_COMPRESS_BYTES, type Encoding } from './compression.js';

/** Compressed copies of build files, made on first request and kept while the file is unchanged. */
const compressed = new Map<string, { mtimeMs: number; size: number; body: Promise<Buffer> }>();

function compressedCopy(file: string, encoding: Encoding, mtimeMs: number, size: number): Promise<Buffer> {
  const key = `${encoding}:${file}`;
  const cached = compressed.get(key);
  if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.body;
  const body = compress(readFileSync(file), encoding, 'static');
  body.catch(() => compressed.delete(key));
  compressed.set(key, { mtimeMs, size, body });
  return body;
}

/**
 * Serves the web build as S3 + CloudFront would: the file if it exists, otherwise index.html for
 * client-side routes (SPA fallback), compressed (Brotli or gzip) when the client accepts it and the
 * type is text-like, as CloudFront compresses. Returns false when there is nothing to serve.
 */
export function serveStatic(
  root: string,
  urlPath: string,
  method: string,
  res: ServerResponse,
  requestHeaders: IncomingHttpHeaders = {},
): boolean {
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
  const { size, mtimeMs } = statSync(file);
  const contentType = contentTypeFor(file);
  const headers = { 'content-type': contentType, 'cache-control': cacheControlFor(file) };
  const compressible = isCompressible(contentType) && size >= MIN_COMPRESS_BYTES;
  const encoding = compressible ? chooseEncoding(requestHeaders['accept-encoding']) : undefined;
  if (!encoding) {
    res.writeHead(200, { ...headers, 'content-length': size, ...(compressible ? { vary: 'accept-encoding' } : {}) });
    if (method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  }
  const servedFile = file;
  compressedCopy(servedFile, encoding, mtimeMs, size).then(
    (body) => {
      res.writeHead(200, {
        ...headers,
        'content-encoding': encoding,
        'content-length': body.length,
        vary: 'accept-encoding',
      });
      res.end(method === 'HEAD' ? undefined : body);
    },
    () => {
      // Compression failed (it should not): the file as it is.
      res.writeHead(200, { ...headers, 'content-length': size, vary: 'accept-encoding' });
      if (method === 'HEAD') res.end();
      else createReadStream(servedFile).pipe(res);
    },
  );
  return true;
}
