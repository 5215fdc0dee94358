import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { existingOrganizationIds } from '../../crm/index.js';
import * as repo from './parties.repository.js';
import type { CreatePartyInput, PartyListFilter, UpdatePartyInput } from './parties.schemas.js';

const ENTITY = 'finance.party';

export function toPartyDto(p: repo.PartyRow) {
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
    createdAt: isoTimestamp(p.created_at),
    updatedAt: isoTimestamp(p.updated_at),
  };
}

export async function getParty(db: Db, id: string) {
  const row = await repo.findParty(db, id);
  if (!row) throw errors.notFound('Party', id);
  return toPartyDto(row);
}

export async function listParties(db: Db, filter: PartyListFilter) {
  const page = await repo.listParties(db, filter);
  return { items: page.items.map(toPartyDto), nextCursor: page.nextCursor };
}

/** A link to a CRM organization names one that exists (checked through CRM's public surface). */
async function assertCrmOrganization(db: Db, id: string | null | undefined) {
  if (!id) return;
  if (!(await existingOrganizationIds(db, [id])).has(id))
    throw errors.invalidReference('crmOrganizationId', 'CRM organization', id);
}

export async function createParty(db: Db, ctx: RequestContext, input: CreatePartyInput) {
  return inTransaction(db, async (trx) => {
    await assertCrmOrganization(trx, input.crmOrganizationId);
    const row = await repo.insertParty(trx, {
      kind: input.kind,
      name: input.name,
      email: input.email ?? null,
      tax_id: input.taxId ?? null,
      currency: input.currency ?? null,
      crm_organization_id: input.crmOrganizationId ?? null,
      ...(input.paymentTermsDays !== undefined ? { payment_terms_days: input.paymentTermsDays } : {}),
    });
    const dto = toPartyDto(row);
    await writeAudit(trx, ctx, { action: 'party.created', entityType: ENTITY, entityId: row.id, after: dto });
    return dto;
  });
}

export async function updateParty(db: Db, ctx: RequestContext, id: string, input: UpdatePartyInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findParty(trx, id, true);
    if (!before) throw errors.notFound('Party', id);
    assertVersion('Party', before, input.version);
    await assertCrmOrganization(trx, input.crmOrganizationId);
    const after = await repo.updateParty(trx, id, {
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.taxId !== undefined ? { tax_id: input.taxId } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.paymentTermsDays !== undefined ? { payment_terms_days: input.paymentTermsDays } : {}),
      ...(input.crmOrganizationId !== undefined ? { crm_organization_id: input.crmOrganizationId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
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
    const before = await repo.findParty(trx, id, true);
    if (!before) throw errors.notFound('Party', id);
    const used = (await repo.findDocumentOfParty(trx, id)) ?? (await repo.findPaymentOfParty(trx, id));
    if (used) throw errors.conflict('This party has documents or payments: deactivate it instead.');
    await repo.deleteParty(trx, id);
    await writeAudit(trx, ctx, {
      action: 'party.deleted',
      entityType: ENTITY,
      entityId: id,
      before: toPartyDto(before),
    });
  });
}
