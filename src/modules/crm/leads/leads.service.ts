import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { crmErrors } from '../crm.errors.js';
import { withOwnerName, withOwnerNames } from '../crm.names.js';
import { assertAssignable, scopeOf } from '../visibility.js';
import * as repo from './leads.repository.js';
import type { CreateLeadInput, LeadListFilter, LeadRecord, UpdateLeadInput } from './leads.schemas.js';

export const LEAD_ENTITY = 'crm.lead';

export function toLeadDto(row: repo.LeadRow): LeadRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    source: row.source,
    status: row.status,
    disqualifiedReason: row.disqualified_reason,
    score: row.score,
    ownerId: row.owner_id,
    convertedAt: isoTimestampOrNull(row.converted_at),
    convertedContactId: row.converted_contact_id,
    convertedOrganizationId: row.converted_organization_id,
    convertedOpportunityId: row.converted_opportunity_id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function listLeads(db: Db, ctx: RequestContext, filter: LeadListFilter) {
  const page = await repo.listLeads(db, scopeOf(ctx), filter);
  return { items: await withOwnerNames(db, page.items.map(toLeadDto)), nextCursor: page.nextCursor };
}

export async function getLead(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findLead(db, scopeOf(ctx), id);
  if (!row) throw errors.notFound('Lead', id);
  return withOwnerName(db, toLeadDto(row));
}

function values(input: Partial<CreateLeadInput>): repo.LeadValues {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.company !== undefined ? { company: input.company } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.disqualifiedReason !== undefined ? { disqualified_reason: input.disqualifiedReason } : {}),
    ...(input.score !== undefined ? { score: input.score } : {}),
    ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
  };
}

/** A disqualified lead says why; any other status has no disqualification reason. */
function withReasonRule(status: string, reason: string | null | undefined, patch: repo.LeadValues) {
  if (status === 'disqualified' && !reason)
    throw crmErrors.reasonRequired('disqualifiedReason', 'why it is disqualified');
  return status === 'disqualified' ? patch : { ...patch, disqualified_reason: null };
}

export async function createLead(db: Db, ctx: RequestContext, input: CreateLeadInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const ownerId = input.ownerId ?? scope.userId;
    await assertAssignable(trx, scope, ownerId);
    const patch = withReasonRule(input.status ?? 'new', input.disqualifiedReason, values(input));
    const row = await repo.insertLead(trx, { ...patch, name: input.name, owner_id: ownerId });
    await writeAudit(trx, ctx, {
      action: 'lead.created',
      entityType: LEAD_ENTITY,
      entityId: row.id,
      after: { ...row },
    });
    return withOwnerName(trx, toLeadDto(row));
  });
}

export async function updateLead(db: Db, ctx: RequestContext, id: string, input: UpdateLeadInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const before = await repo.findLead(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Lead', id);
    assertVersion('Lead', before, input.version);
    if (before.converted_at) throw crmErrors.leadAlreadyConverted(before.converted_contact_id);
    if (input.ownerId && input.ownerId !== before.owner_id) await assertAssignable(trx, scope, input.ownerId);
    const status = input.status ?? before.status;
    const reason = input.disqualifiedReason !== undefined ? input.disqualifiedReason : before.disqualified_reason;
    const after = await repo.updateLead(trx, id, withReasonRule(status, reason, values(input)));
    await writeAudit(trx, ctx, {
      action: 'lead.updated',
      entityType: LEAD_ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return withOwnerName(trx, toLeadDto(after));
  });
}

/** Deletes a lead that was not converted (its activities go with it); a converted one is a 409. */
export async function deleteLead(db: Db, ctx: RequestContext, id: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const before = await repo.findLead(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Lead', id);
    assertVersion('Lead', before, version);
    if (before.converted_at) throw crmErrors.convertedLeadNotDeletable(before.converted_contact_id);
    await repo.deleteLead(trx, id);
    await writeAudit(trx, ctx, {
      action: 'lead.deleted',
      entityType: LEAD_ENTITY,
      entityId: id,
      before: { ...before },
    });
  });
}
