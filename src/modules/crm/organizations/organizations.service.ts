import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { crmErrors } from '../crm.errors.js';
import { withOwnerName, withOwnerNames } from '../crm.names.js';
import { assertAssignable, scopeOf, type CrmScope } from '../visibility.js';
import * as repo from './organizations.repository.js';
import type {
  CreateOrganizationInput,
  OrganizationListFilter,
  OrganizationRecord,
  UpdateOrganizationInput,
} from './organizations.schemas.js';

const ENTITY = 'crm.organization';

export function toOrganizationDto(row: repo.OrganizationRow): OrganizationRecord {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    size: row.size,
    address: row.address,
    ownerId: row.owner_id,
    tags: row.tags,
    parentId: row.parent_id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function listOrganizations(db: Db, ctx: RequestContext, filter: OrganizationListFilter) {
  const page = await repo.listOrganizations(db, scopeOf(ctx), filter);
  return { items: await withOwnerNames(db, page.items.map(toOrganizationDto)), nextCursor: page.nextCursor };
}

export async function getOrganization(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findOrganization(db, scopeOf(ctx), id);
  if (!row) throw errors.notFound('Organization', id);
  return withOwnerName(db, toOrganizationDto(row));
}

/** The organization if the caller can see it, else a 422 on `path` (for references from other records). */
export async function requireVisibleOrganization(db: Db, scope: CrmScope, id: string, path: string) {
  const row = await repo.findOrganization(db, scope, id);
  if (!row) throw errors.invalidReference(path, 'Organization', id);
  return row;
}

function values(input: Partial<CreateOrganizationInput>): repo.OrganizationValues {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.domain !== undefined ? { domain: input.domain } : {}),
    ...(input.industry !== undefined ? { industry: input.industry } : {}),
    ...(input.size !== undefined ? { size: input.size } : {}),
    ...(input.address !== undefined ? { address: input.address === null ? null : JSON.stringify(input.address) } : {}),
    ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
    ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
    ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
  };
}

/** Creates an organization inside the caller's transaction (also used by lead conversion). */
export async function insertOrganization(
  db: Tx,
  ctx: RequestContext,
  input: CreateOrganizationInput,
  options: { allowDuplicate?: boolean | undefined; pathPrefix?: string } = {},
) {
  const scope = scopeOf(ctx);
  const prefix = options.pathPrefix ?? '';
  const ownerId = input.ownerId ?? scope.userId;
  await assertAssignable(db, scope, ownerId, `${prefix}ownerId`);
  if (input.parentId) await requireVisibleOrganization(db, scope, input.parentId, `${prefix}parentId`);
  if (input.domain && !options.allowDuplicate) {
    const existing = await repo.findByDomain(db, input.domain);
    if (existing) throw crmErrors.duplicateOrganization(existing.id, input.domain);
  }
  const row = await repo.insertOrganization(db, { ...values(input), name: input.name, owner_id: ownerId });
  await writeAudit(db, ctx, {
    action: 'organization.created',
    entityType: ENTITY,
    entityId: row.id,
    after: { ...row },
  });
  return row;
}

export async function createOrganization(
  db: Db,
  ctx: RequestContext,
  input: CreateOrganizationInput,
  allowDuplicate?: boolean,
) {
  return inTransaction(db, async (trx) =>
    withOwnerName(trx, toOrganizationDto(await insertOrganization(trx, ctx, input, { allowDuplicate }))),
  );
}

export async function updateOrganization(db: Db, ctx: RequestContext, id: string, input: UpdateOrganizationInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const before = await repo.findOrganization(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Organization', id);
    assertVersion('Organization', before, input.version);
    if (input.ownerId && input.ownerId !== before.owner_id) await assertAssignable(trx, scope, input.ownerId);
    if (input.parentId) {
      await requireVisibleOrganization(trx, scope, input.parentId, 'parentId');
      if (input.parentId === id || (await repo.wouldCycle(trx, id, input.parentId)))
        throw crmErrors.organizationCycle();
    }
    const after = await repo.updateOrganization(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'organization.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return withOwnerName(trx, toOrganizationDto(after));
  });
}

export async function deleteOrganization(db: Db, ctx: RequestContext, id: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const before = await repo.findOrganization(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Organization', id);
    assertVersion('Organization', before, version);
    await repo.deleteOrganization(trx, id);
    await writeAudit(trx, ctx, {
      action: 'organization.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
    });
  });
}
