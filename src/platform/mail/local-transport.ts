import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailAddress } from './mime.js';
import type { MailTransport, OutgoingMail, SentMail } from './transport.js';

/** An outbox entry's id: `<UTC time>-<send key>` (so names sort by time), the file `<id>.eml`. */
export const OUTBOX_ID = /^\d{8}T\d{9}Z-[0-9a-z-]{1,64}$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/**
 * The local transport: each message becomes an RFC 5322 file `<dir>/<time>-<key>.eml` (written to a
 * temporary name and renamed, so a reader never sees half a message). A retried send (same key)
 * replaces its earlier file instead of adding a second one.
 */
export class LocalMailTransport implements MailTransport {
  readonly kind = 'local' as const;
  constructor(
    readonly dir: string,
    readonly from: MailAddress | undefined,
  ) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    if (!/^[0-9a-z-]{1,64}$/.test(mail.key)) throw new Error(`Not a valid send key: ${mail.key}`);
    await mkdir(this.dir, { recursive: true });
    const earlier = (await readdir(this.dir)).find((f) => f.endsWith(`-${mail.key}.eml`));
    const id = earlier ? earlier.slice(0, -'.eml'.length) : `${stamp(mail.message.date)}-${mail.key}`;
    const temporary = path.join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(temporary, mail.raw);
    await rename(temporary, path.join(this.dir, `${id}.eml`));
    return { transport: 'local', id };
  }
}

export interface OutboxEntry {
  id: string;
  sentAt: Date;
  size: number;
  raw: Buffer;
}

/** The outbox's ids, newest first (file names sort by time). */
export async function outboxIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((n) => n.endsWith('.eml'))
    .map((n) => n.slice(0, -'.eml'.length))
    .filter((id) => OUTBOX_ID.test(id))
    .sort()
    .reverse();
}

function timeOf(id: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id)!;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!));
}

/** One outbox entry, or undefined (an id that is not an outbox id never reaches the file system). */
export async function readOutboxEntry(dir: string, id: string): Promise<OutboxEntry | undefined> {
  if (!OUTBOX_ID.test(id)) return undefined;
  const file = path.join(dir, `${id}.eml`);
  try {
    const [raw, info] = await Promise.all([readFile(file), stat(file)]);
    return { id, sentAt: timeOf(id), size: info.size, raw };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
