import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { FileStore } from '../../platform/files/file-store.js';
import { LocalFileStore } from '../../platform/files/local-file-store.js';
import { logger } from '../../platform/observability/logger.js';

export type LocalFileServer = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function answer(res: ServerResponse, status: number, message: string) {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * What S3 does for presigned URLs, for the local store (`/api/local-files/{get|put}/<key>?…&sig=`):
 * checks the HMAC signature and expiry, then streams the bytes from or to `.moms/files` — never
 * through the API function, so API Gateway's 10 MB request limit does not apply, as on AWS. A PUT
 * must send the signed Content-Type and exactly the signed number of bytes.
 */
export function createLocalFileServer(getStore: () => Promise<FileStore>): LocalFileServer {
  return async (req, res) => {
    const store = await getStore();
    const method = (req.method ?? 'GET').toUpperCase();
    if (!(store instanceof LocalFileStore)) {
      req.resume();
      return answer(res, 404, 'Files are not stored locally.');
    }
    const check = store.verify(method, req.url ?? '/');
    if (!check.ok) {
      req.resume();
      return answer(res, check.status, check.reason);
    }
    const { grant } = check;
    if (grant.op === 'get') {
      const info = await store.stat(grant.key);
      if (!info) return answer(res, 404, 'No such file.');
      res.writeHead(200, LocalFileStore.downloadHeaders(grant, info.size));
      if (method === 'HEAD') return void res.end();
      await pipeline(await store.read(grant.key), res);
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== grant.contentType) {
      req.resume();
      return answer(res, 403, `Send Content-Type: ${grant.contentType}, as signed.`);
    }
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) !== grant.size) {
      req.resume();
      return answer(res, 400, `Send exactly ${grant.size} bytes, as signed.`);
    }
    const outcome = await store.receive(grant, req);
    if (outcome === 'too-large') return answer(res, 413, `More than the ${grant.size} bytes signed.`);
    if (outcome === 'too-short') return answer(res, 400, `Fewer than the ${grant.size} bytes signed.`);
    logger.debug('local file stored', { key: grant.key, size: grant.size });
    res.writeHead(200, { etag: `"${grant.key}"`, 'content-length': '0' });
    res.end();
  };
}
