import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Response compression for the local server, as CloudFront does it on AWS: Brotli or gzip by the
 * request's `Accept-Encoding`, for text-like types of at least 1 KB (below that the headers cost more
 * than they save; CloudFront's own floor is 1,000 bytes).
 */
export type Encoding = 'br' | 'gzip';

export const MIN_COMPRESS_BYTES = 1_000;

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|problem\+json|xml|manifest\+json)|image\/svg\+xml)/;

export function isCompressible(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType.toLowerCase());
}

/** The best encoding the client accepts (`br` before `gzip`), honouring `q=0`; none for `identity`. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    accepted.set(name, Number.isFinite(quality) ? quality : 0);
  }
  const ok = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * `level` `'static'` spends more time once for files that are cached after (Brotli 11, gzip 9);
 * `'dynamic'` is quick enough for every API response (Brotli 4, gzip 6).
 */
export function compress(body: Buffer, encoding: Encoding, level: 'static' | 'dynamic'): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: level === 'static' ? 11 : 4,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  return gzipAsync(body, { level: level === 'static' ? 9 : 6 });
}
