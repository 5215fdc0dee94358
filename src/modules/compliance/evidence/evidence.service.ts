import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { activeUserIds } from '../../auth/index.js';
import type { EvidenceTable } from '../compliance.tables.js';
import type { CreateEvidenceBody, EvidenceListQuery, UpdateEvidenceBody } from './evidence.schemas.js';

type EvidenceRow = Selectable<EvidenceTable>;

const today = () => new Date().toISOString().slice(0, 10);

const dto = (r: EvidenceRow) => ({
  id: r.id,
  controlId: r.control_id,
  kind: r.kind,
  title: r.title,
  url: r.url,
  note: r.note,
  ownerId: r.owner_id,
  expiresOn: r.expires_on,
  expired: r.expires_on !== null && r.expires_on < today(),
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const auditView = (r: EvidenceRow) => ({
  controlId: r.control_id,
  kind: r.kind,
  title: r.title,
  url: r.url,
  ownerId: r.owner_id,
  expiresOn: r.expires_on,
});

async function checkOwner(db: Db, ownerId: string) {
  if (!(await activeUserIds(db, [ownerId])).has(ownerId)) throw errors.invalidReference('ownerId', 'User', ownerId);
}

async function evidenceRow(db: Db, id: string, forUpdate = false): Promise<EvidenceRow> {
  let q = db.selectFrom('compliance.evidence').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Evidence', id);
  return row;
}

export async function listEvidence(db: Db, filter: z.output<typeof EvidenceListQuery>) {
  let q = db.selectFrom('compliance.evidence as e').selectAll('e');
  if (filter.controlId) q = q.where('e.control_id', '=', filter.controlId);
  if (filter.ownerId) q = q.where('e.owner_id', '=', filter.ownerId);
  if (filter.expired === true) q = q.where(sql<boolean>`e.expires_on < current_date`);
  if (filter.expired === false) q = q.where(sql<boolean>`(e.expires_on is null or e.expires_on >= current_date)`);
  if (filter.q) q = q.where('e.title', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { title: 'e.title', createdAt: 'e.created_at', expiresOn: 'e.expires_on' },
    id: 'e.id',
    idKey: 'id',
  });
  return { items: page.items.map(dto), nextCursor: page.nextCursor };
}

export async function getEvidence(db: Db, id: string) {
  return dto(await evidenceRow(db, id));
}

export async function createEvidence(db: Db, ctx: RequestContext, input: z.output<typeof CreateEvidenceBody>) {
  const ownerId = input.ownerId ?? ctx.actor!.userId;
  if (input.kind === 'link' && !input.url)
    throw errors.validation([{ path: 'url', message: 'A link needs its URL.', code: 'required' }]);
  if (input.kind !== 'link' && input.url)
    throw errors.validation([{ path: 'url', message: 'Only a link has a URL.', code: 'unexpected' }]);
  await checkOwner(db, ownerId);
  const row = await inTransaction(db, async (trx) => {
    const control = await trx
      .selectFrom('compliance.controls')
      .select('id')
      .where('id', '=', input.controlId)
      .forShare()
      .executeTakeFirst();
    if (!control) throw errors.invalidReference('controlId', 'Control', input.controlId);
    const created = await trx
      .insertInto('compliance.evidence')
      .values({
        control_id: input.controlId,
        kind: input.kind,
        title: input.title,
        url: input.url ?? null,
        note: input.note,
        owner_id: ownerId,
        expires_on: input.expiresOn,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'compliance.evidence-created',
      entityType: 'compliance.evidence',
      entityId: created.id,
      after: auditView(created),
    });
    return created;
  });
  return dto(row);
}

export async function updateEvidence(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UpdateEvidenceBody>,
) {
  if (input.ownerId) await checkOwner(db, input.ownerId);
  const row = await inTransaction(db, async (trx) => {
    const before = await evidenceRow(trx, id, true);
    assertVersion('Evidence', before, input.version);
    if (input.url !== undefined && before.kind !== 'link')
      throw errors.validation([{ path: 'url', message: 'Only a link has a URL.', code: 'unexpected' }]);
    const after = await trx
      .updateTable('compliance.evidence')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
        ...(input.expiresOn !== undefined ? { expires_on: input.expiresOn } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'compliance.evidence-updated',
      entityType: 'compliance.evidence',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
  return dto(row);
}

export async function deleteEvidence(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await evidenceRow(trx, id, true);
    assertVersion('Evidence', before, version);
    const attached = await trx
      .selectFrom('platform.attachments')
      .select('id')
      .where('record_type', '=', 'compliance.evidence')
      .where('record_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (attached)
      throw errors.conflict('The evidence has attached files: delete them first (they are part of its record).', {
        attachmentId: attached.id,
      });
    await trx.deleteFrom('compliance.evidence').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.evidence-deleted',
      entityType: 'compliance.evidence',
      entityId: id,
      before: auditView(before),
    });
  });
}
