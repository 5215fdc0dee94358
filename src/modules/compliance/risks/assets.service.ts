import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { activeUserIds } from '../../auth/index.js';
import type { AssetsTable } from '../compliance.tables.js';
import type { AssetListQuery, CreateAssetBody, UpdateAssetBody } from './risks.schemas.js';

type AssetRow = Selectable<AssetsTable>;

const dto = (r: AssetRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  description: r.description,
  ownerId: r.owner_id,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
const auditView = (r: AssetRow) => ({ name: r.name, kind: r.kind, ownerId: r.owner_id });

async function checkOwner(db: Db, ownerId: string | null | undefined) {
  if (ownerId && !(await activeUserIds(db, [ownerId])).has(ownerId))
    throw errors.invalidReference('ownerId', 'User', ownerId);
}

async function assetRow(db: Db, id: string, forUpdate = false): Promise<AssetRow> {
  let q = db.selectFrom('compliance.assets').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Asset', id);
  return row;
}

export async function listAssets(db: Db, filter: z.output<typeof AssetListQuery>) {
  let q = db.selectFrom('compliance.assets as a').selectAll('a');
  if (filter.kind) q = q.where('a.kind', '=', filter.kind);
  if (filter.q) q = q.where('a.name', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { name: 'a.name', updatedAt: 'a.updated_at' },
    id: 'a.id',
    idKey: 'id',
  });
  return { items: page.items.map(dto), nextCursor: page.nextCursor };
}

export const getAsset = async (db: Db, id: string) => dto(await assetRow(db, id));

export async function createAsset(db: Db, ctx: RequestContext, input: z.output<typeof CreateAssetBody>) {
  await checkOwner(db, input.ownerId);
  return dto(
    await inTransaction(db, async (trx) => {
      const created = await trx
        .insertInto('compliance.assets')
        .values({ name: input.name, kind: input.kind, description: input.description, owner_id: input.ownerId })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'compliance.asset-created',
        entityType: 'compliance.asset',
        entityId: created.id,
        after: auditView(created),
      });
      return created;
    }),
  );
}

export async function updateAsset(db: Db, ctx: RequestContext, id: string, input: z.output<typeof UpdateAssetBody>) {
  await checkOwner(db, input.ownerId);
  return dto(
    await inTransaction(db, async (trx) => {
      const before = await assetRow(trx, id, true);
      assertVersion('Asset', before, input.version);
      const after = await trx
        .updateTable('compliance.assets')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
          version: before.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'compliance.asset-updated',
        entityType: 'compliance.asset',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    }),
  );
}

/** Deletes an asset (409 while a risk names it). */
export async function deleteAsset(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await assetRow(trx, id, true);
    assertVersion('Asset', before, version);
    const risk = await trx.selectFrom('compliance.risks').select('id').where('asset_id', '=', id).executeTakeFirst();
    if (risk) throw errors.conflict('A risk names this asset: change the risk first.', { riskId: risk.id });
    await trx.deleteFrom('compliance.assets').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.asset-deleted',
      entityType: 'compliance.asset',
      entityId: id,
      before: auditView(before),
    });
  });
}
