import { writeAudit } from '../audit/audit-writer.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, errors } from '../errors/app-error.js';
import type { RequestContext } from '../http/app-env.js';
import { openCursor, sealCursor } from '../http/cursor.js';
import { localOutboxDir } from './mail-environment.js';
import { testMessage } from './mail.templates.js';
import { OUTBOX_ID, outboxIds, readOutboxEntry } from './local-transport.js';
import { parseMessage } from './mime.js';
import { sendMail } from './send-mail.js';

export interface OutboxSummary {
  id: string;
  sentAt: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  size: number;
  attachmentCount: number;
}

export interface OutboxMessage extends OutboxSummary {
  messageId: string | null;
  headers: { name: string; value: string }[];
  text: string | null;
  html: string | null;
  attachments: { fileName: string; contentType: string; size: number }[];
}

/** The outbox exists only with the local transport; on SES there is nothing to read here. */
function outboxDir(config: Config): string {
  if (config.mailTransport !== 'local')
    throw new AppError('mail-outbox-unavailable', 404, 'Not found', {
      detail:
        'This installation sends mail with SES: there is no local outbox to read (it exists only with MAIL_TRANSPORT=local). Look for sent mail in SES.',
    });
  return localOutboxDir(config);
}

async function read(dir: string, id: string): Promise<OutboxMessage | undefined> {
  const entry = await readOutboxEntry(dir, id);
  if (!entry) return undefined;
  const m = parseMessage(entry.raw);
  return {
    id,
    sentAt: entry.sentAt.toISOString(),
    from: m.from,
    to: m.to,
    cc: m.cc,
    subject: m.subject,
    size: entry.size,
    attachmentCount: m.attachments.length,
    messageId: m.messageId,
    headers: m.headers,
    text: m.text,
    html: m.html,
    attachments: m.attachments,
  };
}

const LIST = 'mail-outbox';

/** The local outbox, newest first, in pages (`nextCursor`: a signed cursor naming the last id). */
export async function listOutbox(
  config: Config,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: OutboxSummary[]; nextCursor: string | null }> {
  const dir = outboxDir(config);
  let after: string | undefined;
  if (page.cursor) {
    const c = await openCursor(page.cursor);
    if (c.l !== LIST || typeof c.id !== 'string' || !OUTBOX_ID.test(c.id))
      throw errors.badRequest('The cursor belongs to a different list; start again without it.');
    after = c.id;
  }
  const ids = (await outboxIds(dir)).filter((id) => after === undefined || id < after);
  const items: OutboxSummary[] = [];
  for (const id of ids.slice(0, page.limit)) {
    const message = await read(dir, id);
    if (!message) continue; // removed meanwhile
    const { messageId: _m, headers: _h, text: _t, html: _x, attachments: _a, ...summary } = message;
    items.push(summary);
  }
  const last = ids.slice(0, page.limit).at(-1);
  return {
    items,
    nextCursor: ids.length > page.limit && last ? await sealCursor({ l: LIST, id: last }) : null,
  };
}

export async function getOutboxMessage(config: Config, id: string): Promise<OutboxMessage> {
  const message = await read(outboxDir(config), id);
  if (!message) throw errors.notFound('Message', id);
  return message;
}

/** Queues a test message to `to` (default: the caller), through the same job as every mail. */
export async function sendTestMail(
  db: Db,
  ctx: RequestContext,
  input: { to?: string | undefined; note?: string | undefined },
) {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const to = input.to ?? actor.email;
  return inTransaction(db, async (trx) => {
    const job = await sendMail(trx, {
      template: testMessage,
      data: { requestedBy: actor.email, ...(input.note ? { note: input.note } : {}) },
      to: [to],
      createdBy: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'mail.test-requested',
      entityType: 'platform.job',
      entityId: job.id,
      before: null,
      after: { to, template: testMessage.name },
    });
    return { jobId: job.id };
  });
}
