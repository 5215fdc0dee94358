import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion, versionField } from '../../../platform/http/versioning.js';
import { uuid } from '../../../platform/http/schemas.js';
import { scopeOf } from '../visibility.js';
import * as repo from './contacts.repository.js';
import { contactAnswer } from './contacts.service.js';

export const MergeContactBody = z
  .strictObject({
    version: versionField,
    sourceId: uuid.openapi({ description: 'The duplicate to merge into this contact (it is deleted)' }),
    sourceVersion: versionField,
  })
  .openapi('MergeContactRequest');

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * Merges a duplicate (`sourceId`) into a contact: emails, phones and tags are united, empty fields
 * are filled from the duplicate, its activities and opportunities move over, and the duplicate is
 * deleted. One transaction; both must be visible to you and at the versions you sent.
 */
export async function mergeContacts(db: Db, ctx: RequestContext, id: string, input: z.output<typeof MergeContactBody>) {
  if (input.sourceId === id)
    throw errors.validation([{ path: 'sourceId', message: 'A contact cannot be merged into itself.', code: 'same' }]);
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    // Lock both in id order so two opposite merges cannot deadlock.
    const [first, second] = [id, input.sourceId].sort();
    const rows = new Map<string, repo.ContactRow>();
    for (const key of [first!, second!]) {
      const row = await repo.findContact(trx, scope, key, { forUpdate: true });
      if (row) rows.set(key, row);
    }
    const target = rows.get(id);
    const source = rows.get(input.sourceId);
    if (!target) throw errors.notFound('Contact', id);
    if (!source) throw errors.notFound('Contact', input.sourceId);
    assertVersion('Contact', target, input.version);
    assertVersion('Contact', source, input.sourceVersion);

    await trx.updateTable('crm.activities').set({ contact_id: id }).where('contact_id', '=', source.id).execute();
    await sql`insert into crm.opportunity_contacts (opportunity_id, contact_id)
              select opportunity_id, ${id}::uuid from crm.opportunity_contacts where contact_id = ${source.id}
              on conflict do nothing`.execute(trx);
    await repo.deleteContact(trx, source.id);
    const after = await repo.updateContact(trx, id, {
      emails: union(target.emails, source.emails),
      phones: union(target.phones, source.phones),
      tags: union(target.tags, source.tags),
      title: target.title ?? source.title,
      organization_id: target.organization_id ?? source.organization_id,
      lead_id: target.lead_id ?? source.lead_id,
    });
    await writeAudit(trx, ctx, {
      action: 'contact.deleted',
      entityType: 'crm.contact',
      entityId: source.id,
      before: { ...source },
      after: { merged_into: id },
    });
    await writeAudit(trx, ctx, {
      action: 'contact.merged',
      entityType: 'crm.contact',
      entityId: id,
      before: { ...target },
      after: { ...after, merged_from: source.id },
    });
    return contactAnswer(trx, scope, after.id);
  });
}
