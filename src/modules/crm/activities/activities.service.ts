import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { requireVisibleContact } from '../contacts/contacts.service.js';
import { findLead } from '../leads/leads.repository.js';
import { requireVisibleOrganization } from '../organizations/organizations.service.js';
import { findOpportunity } from '../pipeline/opportunities.repository.js';
import { scopeOf, type CrmScope } from '../visibility.js';
import * as repo from './activities.repository.js';
import type {
  ActivityDto,
  ActivityListFilter,
  CreateActivityInput,
  UpdateActivityInput,
} from './activities.schemas.js';

const ENTITY = 'crm.activity';

export function toActivityDto(row: repo.ActivityRow): ActivityDto {
  return {
    id: row.id,
    type: row.type,
    subject: row.subject,
    body: row.body,
    dueAt: isoTimestampOrNull(row.due_at),
    completedAt: isoTimestampOrNull(row.completed_at),
    organizationId: row.organization_id,
    contactId: row.contact_id,
    leadId: row.lead_id,
    opportunityId: row.opportunity_id,
    ownerId: row.owner_id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** Every linked record must exist and be visible to the caller (422 on its field otherwise). */
async function assertLinksVisible(db: Db, scope: CrmScope, input: CreateActivityInput) {
  if (input.organizationId) await requireVisibleOrganization(db, scope, input.organizationId, 'organizationId');
  if (input.contactId) await requireVisibleContact(db, scope, input.contactId, 'contactId');
  if (input.leadId && !(await findLead(db, scope, input.leadId)))
    throw errors.invalidReference('leadId', 'Lead', input.leadId);
  if (input.opportunityId && !(await findOpportunity(db, scope, input.opportunityId)))
    throw errors.invalidReference('opportunityId', 'Opportunity', input.opportunityId);
}

export async function listActivities(db: Db, ctx: RequestContext, filter: ActivityListFilter) {
  const page = await repo.listActivities(db, scopeOf(ctx), filter);
  return { items: page.items.map(toActivityDto), nextCursor: page.nextCursor };
}

async function lockActivity(trx: Tx, scope: CrmScope, id: string, version: number) {
  const row = await repo.findActivity(trx, scope, id, { forUpdate: true });
  if (!row) throw errors.notFound('Activity', id);
  assertVersion('Activity', row, version);
  return row;
}

export async function getActivity(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findActivity(db, scopeOf(ctx), id);
  if (!row) throw errors.notFound('Activity', id);
  return toActivityDto(row);
}

export async function createActivity(db: Db, ctx: RequestContext, input: CreateActivityInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    await assertLinksVisible(trx, scope, input);
    const row = await repo.insertActivity(trx, {
      type: input.type,
      subject: input.subject,
      body: input.body ?? null,
      due_at: input.dueAt ?? null,
      organization_id: input.organizationId ?? null,
      contact_id: input.contactId ?? null,
      lead_id: input.leadId ?? null,
      opportunity_id: input.opportunityId ?? null,
      owner_id: scope.userId,
    });
    await writeAudit(trx, ctx, { action: 'activity.created', entityType: ENTITY, entityId: row.id, after: { ...row } });
    return toActivityDto(row);
  });
}

export async function updateActivity(db: Db, ctx: RequestContext, id: string, input: UpdateActivityInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const before = await lockActivity(trx, scope, id, input.version);
    const after = await repo.updateActivity(trx, id, {
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.dueAt !== undefined ? { due_at: input.dueAt } : {}),
      ...(input.completed !== undefined
        ? { completed_at: input.completed ? (before.completed_at ?? new Date()) : null }
        : {}),
    });
    await writeAudit(trx, ctx, {
      action: input.completed && !before.completed_at ? 'activity.completed' : 'activity.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toActivityDto(after);
  });
}

export async function deleteActivity(db: Db, ctx: RequestContext, id: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const before = await lockActivity(trx, scope, id, version);
    await repo.deleteActivity(trx, id);
    await writeAudit(trx, ctx, { action: 'activity.deleted', entityType: ENTITY, entityId: id, before: { ...before } });
  });
}
