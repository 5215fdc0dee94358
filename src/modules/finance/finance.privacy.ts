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
import './documents/documents.tables.js';
import './printing/printing.tables.js';

/**
 * Finance's part of privacy requests (Compliance, docs/adr/0025). The person's parties are those
 * whose email is one of theirs (a private customer, an employee paid as a vendor). Everything is
 * exported. Nothing that was posted is erased: issued documents, payments and the journal entries
 * behind them are accounting records kept for the statutory period (GDPR art. 17(3)(b)), and so is the
 * party they name. A party with no posted document or payment is anonymized (name, email, tax id).
 */

export const ACCOUNTING_RETENTION =
  'Posted accounting records (invoices, bills, credit notes, payments and their journal entries) are kept unchanged for the statutory retention period of bookkeeping law (GDPR art. 17(3)(b): a legal obligation).';

async function partyIdsOf(db: Db, identity: PrivacyIdentity): Promise<string[]> {
  if (identity.emails.length === 0) return [];
  const rows = await db
    .selectFrom('finance.parties')
    .select('id')
    .where(sql<boolean>`lower(email) in (${sql.join(identity.emails)})`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

async function exportFinance(db: Db, identity: PrivacyIdentity): Promise<PrivacySection[]> {
  const ids = await partyIdsOf(db, identity);
  const none = ids.length === 0;
  const parties = none
    ? []
    : await db
        .selectFrom('finance.parties')
        .select(['id', 'kind', 'name', 'email', 'tax_id', 'currency', 'active', 'created_at'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
  const documents = none
    ? []
    : await db
        .selectFrom('finance.documents')
        .select([
          'id',
          'kind',
          'number',
          'status',
          'party_id',
          'document_date',
          'due_date',
          'currency',
          'reference',
          'memo',
          'subtotal',
          'tax_total',
          'total',
          'issued_at',
        ])
        .where('party_id', 'in', ids)
        .orderBy('document_date')
        .orderBy('id')
        .execute();
  const payments = none
    ? []
    : await db
        .selectFrom('finance.payments')
        .select(['id', 'direction', 'kind', 'number', 'status', 'party_id', 'payment_date', 'currency', 'amount'])
        .where('party_id', 'in', ids)
        .orderBy('payment_date')
        .orderBy('id')
        .execute();
  const sends = none
    ? []
    : await db
        .selectFrom('finance.document_sends')
        .select(['id', 'kind', 'document_id', 'party_id', 'recipients', 'subject', 'status', 'created_at'])
        .where('party_id', 'in', ids)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
  return [
    { key: 'finance.parties', title: 'Finance parties (customers, vendors)', records: parties.map(privacyRecord) },
    { key: 'finance.documents', title: 'Invoices, bills and credit notes', records: documents.map(privacyRecord) },
    { key: 'finance.payments', title: 'Payments', records: payments.map(privacyRecord) },
    {
      key: 'finance.document-sends',
      title: 'Documents and statements sent by email',
      records: sends.map(privacyRecord),
    },
  ];
}

async function eraseFinance(
  trx: Tx,
  identity: PrivacyIdentity,
  ctx: Parameters<PrivacyHandlers['erase']>[2],
): Promise<PrivacyErasure> {
  const out: PrivacyErasure = { anonymized: [], retained: [] };
  const ids = await partyIdsOf(trx, identity);
  if (ids.length === 0) return out;
  const posted = await trx
    .selectFrom('finance.documents')
    .select(['party_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('party_id', 'in', ids)
    .where('status', '<>', 'draft')
    .groupBy('party_id')
    .execute();
  const payments = await trx
    .selectFrom('finance.payments')
    .select(['party_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('party_id', 'in', ids)
    .groupBy('party_id')
    .execute();
  const drafts = await trx
    .selectFrom('finance.documents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('party_id', 'in', ids)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  const withRecords = new Set([...posted, ...payments].map((r) => r.party_id));
  const free = ids.filter((id) => !withRecords.has(id));
  const postedCount = posted.reduce((n, r) => n + Number(r.n), 0);
  const paymentCount = payments.reduce((n, r) => n + Number(r.n), 0);
  if (postedCount > 0)
    out.retained.push({
      what: 'Issued or posted documents (with their journal entries)',
      count: postedCount,
      reason: ACCOUNTING_RETENTION,
    });
  if (paymentCount > 0) out.retained.push({ what: 'Payments', count: paymentCount, reason: ACCOUNTING_RETENTION });
  if (withRecords.size > 0)
    out.retained.push({
      what: 'Parties named on posted documents or payments: name, email, tax id',
      count: withRecords.size,
      reason: ACCOUNTING_RETENTION,
    });
  if (Number(drafts.n) > 0)
    out.retained.push({
      what: 'Draft documents',
      count: Number(drafts.n),
      reason:
        'Not posted: kept for Finance to issue or delete (a draft is deleted in Finance, not by a privacy request).',
    });
  if (free.length > 0) {
    const changed = await trx
      .updateTable('finance.parties')
      .set({
        name: 'Erased party',
        email: null,
        tax_id: null,
        version: sql<number>`version + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', 'in', free)
      .returning('id')
      .execute();
    for (const { id } of changed)
      await writeAudit(trx, ctx, {
        action: 'party.anonymized',
        entityType: 'finance.party',
        entityId: id,
        after: { anonymized: ['name', 'email', 'tax_id'] },
      });
    out.anonymized.push({
      what: 'Parties with no posted document or payment: name, email, tax id',
      count: changed.length,
    });
  }
  return out;
}

export const financePrivacy: PrivacyHandlers = { export: exportFinance, erase: eraseFinance };
