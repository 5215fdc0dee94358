import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { PartyEinvoiceTable } from './einvoice.tables.js';

export type PartyEinvoiceRow = Selectable<PartyEinvoiceTable>;

/** A party with its e-invoicing details (empty strings when none were set) and its fiscal position's kind. */
export function findPartyWithEinvoice(db: Db, partyId: string, forUpdate = false) {
  const q = db
    .selectFrom('finance.parties as p')
    .leftJoin('finance.party_einvoice as e', 'e.party_id', 'p.id')
    .leftJoin('finance.fiscal_positions as f', 'f.id', 'p.fiscal_position_id')
    .select([
      'p.id',
      'p.name',
      'p.email',
      'p.tax_id',
      'p.version',
      'f.kind as fiscal_kind',
      sql<string>`coalesce(e.street, '')`.as('street'),
      sql<string>`coalesce(e.city, '')`.as('city'),
      sql<string>`coalesce(e.postal_zone, '')`.as('postal_zone'),
      sql<string>`coalesce(e.country_code, '')`.as('country_code'),
      sql<string>`coalesce(e.endpoint_scheme, '')`.as('endpoint_scheme'),
      sql<string>`coalesce(e.endpoint_id, '')`.as('endpoint_id'),
    ])
    .where('p.id', '=', partyId);
  return (forUpdate ? q.forUpdate('p') : q).executeTakeFirst();
}

export async function upsertPartyEinvoice(
  trx: Db,
  partyId: string,
  values: Omit<Updateable<PartyEinvoiceTable>, 'party_id' | 'updated_at'>,
): Promise<void> {
  await trx
    .insertInto('finance.party_einvoice')
    .values({ party_id: partyId, ...values })
    .onConflict((oc) => oc.column('party_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/** Bumps a party's version (its e-invoicing details changed). */
export async function touchParty(trx: Db, partyId: string): Promise<number> {
  const row = await trx
    .updateTable('finance.parties')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', partyId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/**
 * Parties whose VAT id (the party's tax id, compared without spaces, dots and dashes, case-blind)
 * or Peppol endpoint matches; `matchedBy` says which.
 */
export async function findPartiesByIdentity(
  db: Db,
  identity: { vatId: string | null; endpointScheme: string | null; endpointId: string | null },
) {
  const vat = identity.vatId ? normalizeVatId(identity.vatId) : null;
  const endpoint = identity.endpointId
    ? { scheme: identity.endpointScheme ?? '', id: identity.endpointId.toLowerCase() }
    : null;
  if (!vat && !endpoint) return [];
  const rows = await db
    .selectFrom('finance.parties as p')
    .leftJoin('finance.party_einvoice as e', 'e.party_id', 'p.id')
    .select(['p.id', 'p.name', 'p.kind', 'p.active', 'p.tax_id', 'e.endpoint_scheme', 'e.endpoint_id'])
    .where((eb) =>
      eb.or([
        ...(vat ? [eb(sql<string>`upper(regexp_replace(p.tax_id, '[^A-Za-z0-9]', '', 'g'))`, '=', vat)] : []),
        ...(endpoint
          ? [
              eb.and([
                eb('e.endpoint_scheme', '=', endpoint.scheme),
                eb(sql<string>`lower(e.endpoint_id)`, '=', endpoint.id),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    matchedBy: vat && r.tax_id && normalizeVatId(r.tax_id) === vat ? ('vatId' as const) : ('endpoint' as const),
  }));
}

/** A VAT id as compared: letters and digits only, upper case. */
export const normalizeVatId = (v: string) => v.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/** Locks a party's row: imports of one supplier's invoices run one at a time (the duplicate check holds). */
export async function lockParty(trx: Db, partyId: string): Promise<void> {
  await trx.selectFrom('finance.parties').select('id').where('id', '=', partyId).forUpdate().execute();
}

/** A bill (not void) of the supplier with this reference: the invoice was imported before. */
export function findBillByReference(db: Db, partyId: string, reference: string) {
  return db
    .selectFrom('finance.documents')
    .select(['id', 'number', 'status'])
    .where('kind', '=', 'bill')
    .where('party_id', '=', partyId)
    .where('reference', '=', reference)
    .where('status', '<>', 'void')
    .executeTakeFirst();
}

/** Active single (not group) purchase tax codes, by code: the candidates for an imported line's category. */
export function purchaseTaxCodes(db: Db) {
  return db
    .selectFrom('finance.tax_codes')
    .select(['id', 'code', 'rate', 'treatment'])
    .where('kind', '=', 'purchase')
    .where('is_group', '=', false)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
}

/** A live file in the e-invoice inbox (an attachment on the inbox record). */
export function findInboxFile(db: Db, attachmentId: string, inboxRecordId: string) {
  return db
    .selectFrom('platform.attachments')
    .select(['id', 'object_key', 'file_name', 'size'])
    .where('id', '=', attachmentId)
    .where('record_type', '=', 'finance.einvoice-inbox')
    .where('record_id', '=', inboxRecordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
