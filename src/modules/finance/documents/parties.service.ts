import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import type { PartiesTable } from './documents.tables.js';
import type { CreatePartyInput, PartyListFilter, UpdatePartyInput } from './parties.schemas.js';

const ENTITY = 'finance.party';
export type PartyRow = Selectable<PartiesTable>;

export function toPartyDto(p: PartyRow) {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    email: p.email,
    taxId: p.tax_id,
    currency: p.currency,
    paymentTermsDays: p.payment_terms_days,
    crmOrganizationId: p.crm_organization_id,
    active: p.active,
    version: p.version,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

export function findParty(db: Db, id: string, forUpdate = false) {
  const q = db.selectFrom('finance.parties').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function getParty(db: Db, id: string) {
  const row = await findParty(db, id);
  if (!row) throw errors.notFound('Party', id);
  return toPartyDto(row);
}

export async function listParties(db: Db, filter: PartyListFilter) {
  let q = db.selectFrom('finance.parties as p').selectAll('p').select('p.created_at as createdAt');
  if (filter.kind) q = q.where('p.kind', 'in', [filter.kind, 'both']);
  if (filter.active) q = q.where('p.active', '=', filter.active === 'true');
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([eb('p.name', 'ilike', pattern), eb('p.email', 'ilike', pattern), eb('p.tax_id', 'ilike', pattern)]),
    );
  }
  const page = await paginate(q, filter, {
    sort: { name: 'p.name', createdAt: 'p.created_at' },
    id: 'p.id',
    idKey: 'id',
  });
  return { items: page.items.map(toPartyDto), nextCursor: page.nextCursor };
}

export async function createParty(db: Db, ctx: RequestContext, input: CreatePartyInput) {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('finance.parties')
      .values({
        kind: input.kind,
        name: input.name,
        email: input.email ?? null,
        tax_id: input.taxId ?? null,
        currency: input.currency ?? null,
        crm_organization_id: input.crmOrganizationId ?? null,
        ...(input.paymentTermsDays !== undefined ? { payment_terms_days: input.paymentTermsDays } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const dto = toPartyDto(row);
    await writeAudit(trx, ctx, { action: 'party.created', entityType: ENTITY, entityId: row.id, after: dto });
    return dto;
  });
}

export async function updateParty(db: Db, ctx: RequestContext, id: string, input: UpdatePartyInput) {
  return inTransaction(db, async (trx) => {
    const before = await findParty(trx, id, true);
    if (!before) throw errors.notFound('Party', id);
    assertVersion('Party', before, input.version);
    const after = await trx
      .updateTable('finance.parties')
      .set((eb) => ({
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.taxId !== undefined ? { tax_id: input.taxId } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
        ...(input.paymentTermsDays !== undefined ? { payment_terms_days: input.paymentTermsDays } : {}),
        ...(input.crmOrganizationId !== undefined ? { crm_organization_id: input.crmOrganizationId } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const dto = toPartyDto(after);
    await writeAudit(trx, ctx, {
      action: 'party.updated',
      entityType: ENTITY,
      entityId: id,
      before: toPartyDto(before),
      after: dto,
    });
    return dto;
  });
}

/** Deletes a party that no document or payment refers to (otherwise 409: deactivate it instead). */
export async function deleteParty(db: Db, ctx: RequestContext, id: string) {
  await inTransaction(db, async (trx) => {
    const before = await findParty(trx, id, true);
    if (!before) throw errors.notFound('Party', id);
    const used =
      (await trx.selectFrom('finance.documents').select('id').where('party_id', '=', id).executeTakeFirst()) ??
      (await trx.selectFrom('finance.payments').select('id').where('party_id', '=', id).executeTakeFirst());
    if (used) throw errors.conflict('This party has documents or payments: deactivate it instead.');
    await trx.deleteFrom('finance.parties').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'party.deleted',
      entityType: ENTITY,
      entityId: id,
      before: toPartyDto(before),
    });
  });
}
