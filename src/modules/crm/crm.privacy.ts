import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../platform/db/database.js';
import {
  privacyRecord,
  type PrivacyErasure,
  type PrivacyHandlers,
  type PrivacyIdentity,
  type PrivacySection,
} from '../../platform/modules/privacy.js';
import './crm.tables.js';

/**
 * CRM's part of privacy requests (Compliance, docs/adr/0025). A person is the contact a request is
 * about, and any other contact or lead with one of their email addresses (an employee who is also a
 * business contact). Erasure replaces a contact's names, emails, phones, title, tags and marketing
 * consent, clears the subject and text of the activities on it, and anonymizes the leads it came
 * from; opportunities stay (records of the organization), linked to the anonymized contact.
 */

/** The name an erased contact keeps (so lists still show a row). */
export const ERASED_FIRST_NAME = 'Erased';
export const ERASED_LAST_NAME = 'contact';

const lower = (values: readonly string[]) => values.map((v) => v.trim().toLowerCase()).filter(Boolean);

async function contactIdsOf(db: Db, identity: PrivacyIdentity): Promise<string[]> {
  const ids = new Set<string>(identity.contactId ? [identity.contactId] : []);
  if (identity.emails.length > 0) {
    const emails = identity.emails;
    const rows = await db
      .selectFrom('crm.contacts')
      .select('id')
      .where(sql<boolean>`exists (select 1 from unnest(emails) e where lower(e) in (${sql.join(emails)}))`)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  return [...ids].sort();
}

async function leadIdsOf(db: Db, identity: PrivacyIdentity, contactIds: string[]): Promise<string[]> {
  const ids = new Set<string>();
  if (contactIds.length > 0) {
    const rows = await db
      .selectFrom('crm.leads')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('converted_contact_id', 'in', contactIds),
          eb('id', 'in', eb.selectFrom('crm.contacts').select('lead_id').where('id', 'in', contactIds)),
        ]),
      )
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  if (identity.emails.length > 0) {
    const rows = await db
      .selectFrom('crm.leads')
      .select('id')
      .where(sql<boolean>`lower(email) in (${sql.join(identity.emails)})`)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  return [...ids].sort();
}

const contactColumns = [
  'id',
  'first_name',
  'last_name',
  'emails',
  'phones',
  'title',
  'organization_id',
  'owner_id',
  'tags',
  'marketing_opted_in',
  'marketing_consent_at',
  'marketing_consent_source',
  'lead_id',
  'created_at',
  'updated_at',
] as const;

async function exportCrm(db: Db, identity: PrivacyIdentity): Promise<PrivacySection[]> {
  const contactIds = await contactIdsOf(db, identity);
  const leadIds = await leadIdsOf(db, identity, contactIds);
  const none = contactIds.length === 0;
  const contacts = none
    ? []
    : await db.selectFrom('crm.contacts').select(contactColumns).where('id', 'in', contactIds).orderBy('id').execute();
  const activities = none
    ? []
    : await db
        .selectFrom('crm.activities')
        .select([
          'id',
          'type',
          'subject',
          'body',
          'due_at',
          'completed_at',
          'contact_id',
          'opportunity_id',
          'created_at',
        ])
        .where('contact_id', 'in', contactIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
  const opportunities = none
    ? []
    : await db
        .selectFrom('crm.opportunities as o')
        .innerJoin('crm.opportunity_contacts as oc', 'oc.opportunity_id', 'o.id')
        .select([
          'o.id',
          'o.name',
          'o.amount',
          'o.currency',
          'o.status',
          'o.expected_close_date',
          'o.closed_at',
          'oc.contact_id',
        ])
        .where('oc.contact_id', 'in', contactIds)
        .orderBy('o.id')
        .execute();
  const leads =
    leadIds.length === 0
      ? []
      : await db
          .selectFrom('crm.leads')
          .select(['id', 'name', 'email', 'company', 'source', 'status', 'converted_contact_id', 'created_at'])
          .where('id', 'in', leadIds)
          .orderBy('id')
          .execute();
  return [
    { key: 'crm.contacts', title: 'CRM contacts', records: contacts.map(privacyRecord) },
    { key: 'crm.activities', title: 'CRM activities on the contacts', records: activities.map(privacyRecord) },
    {
      key: 'crm.opportunities',
      title: 'CRM opportunities the contacts are on',
      records: opportunities.map(privacyRecord),
    },
    { key: 'crm.leads', title: 'CRM leads', records: leads.map(privacyRecord) },
  ];
}

async function eraseCrm(
  trx: Tx,
  identity: PrivacyIdentity,
  ctx: Parameters<PrivacyHandlers['erase']>[2],
): Promise<PrivacyErasure> {
  const contactIds = await contactIdsOf(trx, identity);
  const leadIds = await leadIdsOf(trx, identity, contactIds);
  const out: PrivacyErasure = { anonymized: [], retained: [] };
  if (contactIds.length > 0) {
    const changed = await trx
      .updateTable('crm.contacts')
      .set({
        first_name: ERASED_FIRST_NAME,
        last_name: ERASED_LAST_NAME,
        emails: [],
        phones: [],
        title: null,
        tags: [],
        marketing_opted_in: false,
        marketing_consent_at: null,
        marketing_consent_source: null,
        version: sql<number>`version + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', 'in', contactIds)
      // Already erased (a second request, a retried job): nothing to change, nothing to audit.
      .where((eb) =>
        eb.or([
          eb('first_name', '<>', ERASED_FIRST_NAME),
          eb('last_name', '<>', ERASED_LAST_NAME),
          sql<boolean>`cardinality(emails) > 0`,
          sql<boolean>`cardinality(phones) > 0`,
          eb('title', 'is not', null),
          sql<boolean>`cardinality(tags) > 0`,
          eb('marketing_consent_at', 'is not', null),
        ]),
      )
      .returning('id')
      .execute();
    for (const { id } of changed)
      await writeAudit(trx, ctx, {
        action: 'contact.anonymized',
        entityType: 'crm.contact',
        entityId: id,
        after: { anonymized: ['first_name', 'last_name', 'emails', 'phones', 'title', 'tags', 'marketing consent'] },
      });
    out.anonymized.push({
      what: 'Contacts: names, emails, phones, title, tags, marketing consent',
      count: changed.length,
    });

    const activities = await trx
      .updateTable('crm.activities')
      .set({ subject: '(erased)', body: null, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('contact_id', 'in', contactIds)
      .where((eb) => eb.or([eb('subject', '<>', '(erased)'), eb('body', 'is not', null)]))
      .returning('id')
      .execute();
    for (const { id } of activities)
      await writeAudit(trx, ctx, {
        action: 'activity.anonymized',
        entityType: 'crm.activity',
        entityId: id,
        after: { anonymized: ['subject', 'body'] },
      });
    out.anonymized.push({ what: 'Activities on the contacts: subject and text', count: activities.length });

    const opportunities = await trx
      .selectFrom('crm.opportunity_contacts')
      .select((eb) => eb.fn.count<string>('opportunity_id').distinct().as('n'))
      .where('contact_id', 'in', contactIds)
      .executeTakeFirstOrThrow();
    if (Number(opportunities.n) > 0)
      out.retained.push({
        what: 'Opportunities the contacts are on (now linked to the anonymized contact)',
        count: Number(opportunities.n),
        reason: 'Records of the customer organization, not of the person; they hold no personal data of their own.',
      });
  }
  if (leadIds.length > 0) {
    const leads = await trx
      .updateTable('crm.leads')
      .set({ name: 'Erased lead', email: null, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('id', 'in', leadIds)
      .where((eb) => eb.or([eb('name', '<>', 'Erased lead'), eb('email', 'is not', null)]))
      .returning('id')
      .execute();
    for (const { id } of leads)
      await writeAudit(trx, ctx, {
        action: 'lead.anonymized',
        entityType: 'crm.lead',
        entityId: id,
        after: { anonymized: ['name', 'email'] },
      });
    out.anonymized.push({ what: 'Leads: name and email', count: leads.length });
  }
  return out;
}

/** Identifies a CRM contact (`crm.contact`): the contact's names and emails. */
async function identifyContact(db: Db, subject: { type: string; id: string }): Promise<PrivacyIdentity | null> {
  const row = await db
    .selectFrom('crm.contacts')
    .select(['id', 'first_name', 'last_name', 'emails'])
    .where('id', '=', subject.id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    subject,
    name: `${row.first_name} ${row.last_name}`.trim(),
    emails: [...new Set(lower(row.emails))],
    userId: null,
    employeeId: null,
    contactId: row.id,
  };
}

export const crmPrivacy: PrivacyHandlers = {
  identify: async (db, subject) => (subject.type === 'crm.contact' ? identifyContact(db, subject) : null),
  export: exportCrm,
  erase: eraseCrm,
};
