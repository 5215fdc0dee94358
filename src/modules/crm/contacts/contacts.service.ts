import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { crmErrors } from '../crm.errors.js';
import { withOwnerName, withOwnerNames } from '../crm.names.js';
import { requireVisibleOrganization } from '../organizations/organizations.service.js';
import { assertAssignable, scopeOf, type CrmScope } from '../visibility.js';
import * as repo from './contacts.repository.js';
import type { ContactListFilter, ContactRecord, CreateContactInput, UpdateContactInput } from './contacts.schemas.js';

const ENTITY = 'crm.contact';

export function toContactDto(row: repo.ContactViewRow): ContactRecord {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    emails: row.emails,
    phones: row.phones,
    title: row.title,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    ownerId: row.owner_id,
    tags: row.tags,
    marketing: {
      optedIn: row.marketing_opted_in,
      consentedAt: isoTimestampOrNull(row.marketing_consent_at),
      source: row.marketing_consent_source,
    },
    leadId: row.lead_id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function listContacts(db: Db, ctx: RequestContext, filter: ContactListFilter) {
  const page = await repo.listContacts(db, scopeOf(ctx), filter);
  return { items: await withOwnerNames(db, page.items.map(toContactDto)), nextCursor: page.nextCursor };
}

/** The contact as the API answers it (with its organization's and owner's names), read again after a change. */
export async function contactAnswer(db: Db, scope: CrmScope, id: string) {
  const [row] = await repo.findContactViews(db, scope, [id]);
  if (!row) throw errors.notFound('Contact', id);
  return withOwnerName(db, toContactDto(row));
}

export async function getContact(db: Db, ctx: RequestContext, id: string) {
  return contactAnswer(db, scopeOf(ctx), id);
}

export async function requireVisibleContact(db: Db, scope: CrmScope, id: string, path: string) {
  const row = await repo.findContact(db, scope, id);
  if (!row) throw errors.invalidReference(path, 'Contact', id);
  return row;
}

function values(input: Partial<CreateContactInput>): repo.ContactValues {
  const m = input.marketing;
  return {
    ...(input.firstName !== undefined ? { first_name: input.firstName } : {}),
    ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
    ...(input.emails !== undefined ? { emails: [...new Set(input.emails)] } : {}),
    ...(input.phones !== undefined ? { phones: input.phones } : {}),
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.organizationId !== undefined ? { organization_id: input.organizationId } : {}),
    ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
    ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
    ...(m
      ? {
          marketing_opted_in: m.optedIn,
          marketing_consent_at: m.optedIn ? new Date(m.consentedAt ?? Date.now()) : null,
          marketing_consent_source: m.optedIn ? (m.source ?? null) : null,
        }
      : {}),
  };
}

async function assertNoDuplicate(db: Db, emails: string[] | undefined, exceptId?: string) {
  if (!emails || emails.length === 0) return;
  const existing = await repo.findByEmails(db, emails, exceptId);
  if (existing)
    throw crmErrors.duplicateContact(existing.id, emails.find((e) => existing.emails.includes(e)) ?? emails[0]!);
}

/** Creates a contact inside the caller's transaction (also used by lead conversion). */
export async function insertContact(
  trx: Tx,
  ctx: RequestContext,
  input: CreateContactInput & { leadId?: string },
  options: { allowDuplicate?: boolean | undefined; pathPrefix?: string } = {},
) {
  const scope = scopeOf(ctx);
  const prefix = options.pathPrefix ?? '';
  const ownerId = input.ownerId ?? scope.userId;
  await assertAssignable(trx, scope, ownerId, `${prefix}ownerId`);
  if (input.organizationId)
    await requireVisibleOrganization(trx, scope, input.organizationId, `${prefix}organizationId`);
  if (!options.allowDuplicate) await assertNoDuplicate(trx, input.emails);
  const row = await repo.insertContact(trx, {
    ...values(input),
    first_name: input.firstName,
    last_name: input.lastName,
    owner_id: ownerId,
    lead_id: input.leadId ?? null,
  });
  await writeAudit(trx, ctx, { action: 'contact.created', entityType: ENTITY, entityId: row.id, after: { ...row } });
  return row;
}

export async function createContact(db: Db, ctx: RequestContext, input: CreateContactInput, allowDuplicate?: boolean) {
  return inTransaction(db, async (trx) => {
    const row = await insertContact(trx, ctx, input, { allowDuplicate });
    return contactAnswer(trx, scopeOf(ctx), row.id);
  });
}

export async function updateContact(db: Db, ctx: RequestContext, id: string, input: UpdateContactInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const before = await repo.findContact(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Contact', id);
    assertVersion('Contact', before, input.version);
    if (input.ownerId && input.ownerId !== before.owner_id) await assertAssignable(trx, scope, input.ownerId);
    if (input.organizationId) await requireVisibleOrganization(trx, scope, input.organizationId, 'organizationId');
    if (input.emails) {
      const added = input.emails.filter((e) => !before.emails.includes(e));
      await assertNoDuplicate(trx, added, id);
    }
    const after = await repo.updateContact(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'contact.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return contactAnswer(trx, scope, after.id);
  });
}

export async function deleteContact(db: Db, ctx: RequestContext, id: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    const before = await repo.findContact(trx, scope, id, { forUpdate: true });
    if (!before) throw errors.notFound('Contact', id);
    assertVersion('Contact', before, version);
    await repo.deleteContact(trx, id);
    await writeAudit(trx, ctx, { action: 'contact.deleted', entityType: ENTITY, entityId: id, before: { ...before } });
  });
}
