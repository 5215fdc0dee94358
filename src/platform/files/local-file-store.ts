import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  chunksOf,
  contentDisposition,
  FileNotFoundError,
  isValidKey,
  type DownloadUrlOptions,
  type FileBody,
  type FileStat,
  type FileStore,
  type SignedRequest,
  type UploadUrlOptions,
  type WriteOptions,
  type WrittenFile,
} from './file-store.js';

/** Where the local server answers signed file URLs (outside the route table; see `local-file-server.ts`). */
export const LOCAL_FILES_PATH = '/api/local-files/';

export type LocalFileOperation = 'get' | 'put';

/** What a signed local URL grants, once its signature and expiry are checked. */
export interface LocalFileGrant {
  op: LocalFileOperation;
  key: string;
  /** Unix seconds. */
  expires: number;
  contentType: string;
  /** `put`: the exact number of bytes. */
  size?: number;
  /** `get`: the download name. */
  fileName?: string;
}

export type GrantCheck = { ok: true; grant: LocalFileGrant } | { ok: false; status: 403 | 404; reason: string };

/** The local store's URL-signing key, derived from the deployment's token-signing secret (HKDF). */
export function localFilesKey(secret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'moms', 'moms local file urls v1', 32));
}

/**
 * Files in a folder (`.moms/files/` by default). Objects at `<root>/<key>`, their content type in
 * `<root>/.meta/<key>.json`, writes staged in `<root>/.tmp/` and renamed into place (a reader never
 * sees half a file). Keys never start with a dot, so they cannot reach the two internal folders.
 */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  readonly #key: Buffer;

  constructor(
    readonly root: string,
    signingKey: Uint8Array,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.#key = Buffer.from(signingKey);
  }

  #path(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  #metaPath(key: string): string {
    return path.join(this.root, '.meta', ...key.split('/')) + '.json';
  }

  async write(key: string, body: FileBody, options: WriteOptions = {}): Promise<WrittenFile> {
    const target = this.#path(key);
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const temp = await this.#stage(async (file) => {
      await pipeline(chunksOf(body), counter, createWriteStream(file, { flags: 'wx' }));
    });
    await this.#commit(temp, key, target, options.contentType ?? 'application/octet-stream');
    return { key, size, sha256: hash.digest('hex') };
  }

  /** Writes `work`'s output to a fresh temporary file; removes it when `work` fails. */
  async #stage(work: (file: string) => Promise<void>): Promise<string> {
    const dir = path.join(this.root, '.tmp');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, randomUUID());
    try {
      await work(file);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return file;
  }

  async #commit(temp: string, key: string, target: string, contentType: string): Promise<void> {
    const meta = this.#metaPath(key);
    await mkdir(path.dirname(meta), { recursive: true });
    await writeFile(meta, JSON.stringify({ contentType }));
    await mkdir(path.dirname(target), { recursive: true });
    await rename(temp, target);
  }

  /**
   * The local server's PUT: streams `body` into `key`, refusing (and keeping nothing of) a body that
   * is not exactly `size` bytes. Resolves to 'ok', 'too-large' or 'too-short'.
   */
  async receive(grant: LocalFileGrant, body: Readable): Promise<'ok' | 'too-large' | 'too-short'> {
    const expected = grant.size ?? 0;
    let size = 0;
    let outcome: 'ok' | 'too-large' | 'too-short' = 'ok';
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        // Past the signed size: keep reading (so the client gets an answer) but write nothing more.
        if (size > expected) {
          outcome = 'too-large';
          done();
        } else done(null, chunk);
      },
    });
    let temp: string;
    try {
      temp = await this.#stage(async (file) => {
        await pipeline(body, limiter, createWriteStream(file, { flags: 'wx' }));
        if (outcome === 'too-large') throw new Error('too large');
        if (size !== expected) {
          outcome = 'too-short';
          throw new Error('too short');
        }
      });
    } catch (error) {
      if (outcome !== 'ok') return outcome;
      throw error;
    }
    await this.#commit(temp, grant.key, this.#path(grant.key), grant.contentType);
    return 'ok';
  }

  async read(key: string): Promise<Readable> {
    const file = this.#path(key);
    if (!(await this.stat(key))) throw new FileNotFoundError(key);
    return createReadStream(file);
  }

  async stat(key: string): Promise<FileStat | null> {
    try {
      const info = await stat(this.#path(key));
      if (!info.isFile()) return null;
      let contentType: string | null = null;
      try {
        contentType =
          (JSON.parse(await readFile(this.#metaPath(key), 'utf8')) as { contentType?: string }).contentType ?? null;
      } catch {
        contentType = null;
      }
      return { size: info.size, contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
    await rm(this.#metaPath(key), { force: true });
  }

  downloadUrl(key: string, options: DownloadUrlOptions): Promise<SignedRequest> {
    return Promise.resolve(
      this.#sign(
        { op: 'get', key, contentType: options.contentType, fileName: options.fileName, expires: 0 },
        options.expiresInSeconds,
        {},
      ),
    );
  }

  uploadUrl(key: string, options: UploadUrlOptions): Promise<SignedRequest> {
    return Promise.resolve(
      this.#sign(
        { op: 'put', key, contentType: options.contentType, size: options.size, expires: 0 },
        options.expiresInSeconds,
        {
          'content-type': options.contentType,
        },
      ),
    );
  }

  #sign(grant: LocalFileGrant, expiresInSeconds: number, headers: Record<string, string>): SignedRequest {
    assertValidKey(grant.key);
    const expires = Math.floor(this.now() / 1000) + expiresInSeconds;
    const signed = { ...grant, expires };
    const query = new URLSearchParams({ exp: String(expires), ct: grant.contentType });
    if (grant.size !== undefined) query.set('len', String(grant.size));
    if (grant.fileName !== undefined) query.set('name', grant.fileName);
    query.set('sig', this.#signature(signed));
    return {
      method: grant.op === 'get' ? 'GET' : 'PUT',
      url: `${LOCAL_FILES_PATH}${grant.op}/${grant.key}?${query.toString()}`,
      headers,
      expiresAt: new Date(expires * 1000),
    };
  }

  #signature(grant: LocalFileGrant): string {
    const text = [grant.op, grant.key, grant.expires, grant.contentType, grant.size ?? '', grant.fileName ?? ''].join(
      '\n',
    );
    return createHmac('sha256', this.#key).update(text).digest('base64url');
  }

  /** Checks a signed URL (path and query, as the local server received them): signature first, then expiry. */
  verify(method: string, pathAndQuery: string): GrantCheck {
    const url = new URL(pathAndQuery, 'http://local');
    if (!url.pathname.startsWith(LOCAL_FILES_PATH)) return { ok: false, status: 404, reason: 'Not a file URL.' };
    const rest = url.pathname.slice(LOCAL_FILES_PATH.length);
    const slash = rest.indexOf('/');
    const op = rest.slice(0, slash);
    const key = rest.slice(slash + 1);
    if ((op !== 'get' && op !== 'put') || !isValidKey(key))
      return { ok: false, status: 404, reason: 'Not a file URL.' };
    if ((op === 'get') !== (method === 'GET' || method === 'HEAD') || (op === 'put') !== (method === 'PUT')) {
      return { ok: false, status: 403, reason: 'This URL is signed for another method.' };
    }
    const q = url.searchParams;
    const expires = Number(q.get('exp'));
    const len = q.get('len');
    const grant: LocalFileGrant = {
      op,
      key,
      expires,
      contentType: q.get('ct') ?? '',
      ...(len !== null ? { size: Number(len) } : {}),
      ...(q.has('name') ? { fileName: q.get('name') ?? '' } : {}),
    };
    const given = Buffer.from(q.get('sig') ?? '', 'base64url');
    const wanted = Buffer.from(this.#signature(grant), 'base64url');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      return { ok: false, status: 403, reason: 'The signature does not match.' };
    }
    if (!Number.isSafeInteger(expires) || expires * 1000 < this.now()) {
      return { ok: false, status: 403, reason: 'The URL has expired.' };
    }
    if (op === 'put' && !(Number.isSafeInteger(grant.size) && (grant.size ?? -1) >= 0)) {
      return { ok: false, status: 403, reason: 'The URL does not state a size.' };
    }
    return { ok: true, grant };
  }

  /** Headers for serving a granted download. */
  static downloadHeaders(grant: LocalFileGrant, size: number): Record<string, string> {
    return {
      'content-type': grant.contentType || 'application/octet-stream',
      'content-length': String(size),
      'content-disposition': contentDisposition(grant.fileName ?? path.posix.basename(grant.key)),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    };
  }
}
