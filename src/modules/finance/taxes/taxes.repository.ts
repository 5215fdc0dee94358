import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { DocumentTaxesTable, FiscalPositionsTable, TaxCodesTable, TaxReturnsTable } from './taxes.tables.js';

export type TaxCodeRow = Selectable<TaxCodesTable>;
export type DocumentTaxRow = Selectable<DocumentTaxesTable>;
export type FiscalPositionRow = Selectable<FiscalPositionsTable>;
export type TaxReturnRow = Selectable<TaxReturnsTable>;

export function listTaxCodes(db: Db) {
  return db.selectFrom('finance.tax_codes').selectAll().orderBy('code').execute();
}

export function findTaxCodes(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as TaxCodeRow[]);
  return db
    .selectFrom('finance.tax_codes')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function findTaxCode(db: Db, id: string) {
  return db.selectFrom('finance.tax_codes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockTaxCode(trx: Db, id: string) {
  return trx.selectFrom('finance.tax_codes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findTaxCodeByCode(db: Db, code: string) {
  return db.selectFrom('finance.tax_codes').select('id').where('code', '=', code).executeTakeFirst();
}

export function insertTaxCode(trx: Db, values: Insertable<TaxCodesTable>) {
  return trx.insertInto('finance.tax_codes').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateTaxCode(trx: Db, id: string, values: Updateable<TaxCodesTable>): Promise<void> {
  await trx
    .updateTable('finance.tax_codes')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

/** Components of groups, in order. */
export function componentsOf(db: Db, groupIds: string[]) {
  if (groupIds.length === 0)
    return Promise.resolve([] as { group_id: string; seq: number; component_id: string; compound: boolean }[]);
  return db
    .selectFrom('finance.tax_code_components')
    .selectAll()
    .where('group_id', 'in', [...new Set(groupIds)])
    .orderBy('group_id')
    .orderBy('seq')
    .execute();
}

export async function replaceComponents(
  trx: Db,
  groupId: string,
  components: { taxCodeId: string; compound: boolean }[],
): Promise<void> {
  await trx.deleteFrom('finance.tax_code_components').where('group_id', '=', groupId).execute();
  if (components.length === 0) return;
  await trx
    .insertInto('finance.tax_code_components')
    .values(
      components.map((c, i) => ({ group_id: groupId, seq: i + 1, component_id: c.taxCodeId, compound: c.compound })),
    )
    .execute();
}

/** Whether a code is a component of a group, or used on any document. */
export async function taxCodeUsed(db: Db, id: string): Promise<boolean> {
  const row = await sql<{ used: boolean }>`
    select exists (select 1 from finance.document_lines where tax_code_id = ${id})
        or exists (select 1 from finance.document_taxes where tax_code_id = ${id})
        or exists (select 1 from finance.tax_code_components where component_id = ${id}) as used`.execute(db);
  return row.rows[0]?.used ?? false;
}

export async function deleteTaxCode(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('finance.account_tax_defaults').where('tax_code_id', '=', id).execute();
  await trx
    .deleteFrom('finance.fiscal_position_taxes')
    .where((eb) => eb.or([eb('from_tax_code_id', '=', id), eb('to_tax_code_id', '=', id)]))
    .execute();
  await trx.deleteFrom('finance.tax_codes').where('id', '=', id).execute();
}

/** Accounts that active tax codes post to: only documents post there. */
export async function taxCodeAccountIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('finance.tax_codes')
    .select(['account_id', 'reverse_account_id'])
    .where('active', '=', true)
    .where((eb) => eb.or([eb('account_id', 'in', ids), eb('reverse_account_id', 'in', ids)]))
    .execute();
  return new Set(rows.flatMap((r) => [r.account_id, r.reverse_account_id]).filter((x): x is string => x !== null));
}

// Fiscal positions

export function listFiscalPositions(db: Db) {
  return db.selectFrom('finance.fiscal_positions').selectAll().orderBy('name').execute();
}

export function listPositionMaps(db: Db) {
  return db.selectFrom('finance.fiscal_position_taxes').selectAll().execute();
}

export function findFiscalPosition(db: Db, id: string) {
  return db.selectFrom('finance.fiscal_positions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockFiscalPosition(trx: Db, id: string) {
  return trx.selectFrom('finance.fiscal_positions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertFiscalPosition(trx: Db, values: Insertable<FiscalPositionsTable>) {
  return trx.insertInto('finance.fiscal_positions').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateFiscalPosition(trx: Db, id: string, values: Updateable<FiscalPositionsTable>) {
  await trx
    .updateTable('finance.fiscal_positions')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function replacePositionMaps(trx: Db, positionId: string, maps: { from: string; to: string }[]) {
  await trx.deleteFrom('finance.fiscal_position_taxes').where('position_id', '=', positionId).execute();
  if (maps.length === 0) return;
  await trx
    .insertInto('finance.fiscal_position_taxes')
    .values(maps.map((m) => ({ position_id: positionId, from_tax_code_id: m.from, to_tax_code_id: m.to })))
    .execute();
}

/** The code `from` maps to under a party's fiscal position (the code itself when none). */
export function positionMapsOf(db: Db, positionId: string) {
  return db
    .selectFrom('finance.fiscal_position_taxes')
    .select(['from_tax_code_id', 'to_tax_code_id'])
    .where('position_id', '=', positionId)
    .execute();
}

export async function setPartyFiscalPosition(trx: Db, partyId: string, positionId: string | null) {
  return trx
    .updateTable('finance.parties')
    .set((eb) => ({ fiscal_position_id: positionId, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', partyId)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export function partyFiscalPosition(db: Db, partyId: string) {
  return db
    .selectFrom('finance.parties')
    .select(['fiscal_position_id', 'version'])
    .where('id', '=', partyId)
    .executeTakeFirst();
}

// Account defaults

export function listAccountDefaults(db: Db) {
  return db.selectFrom('finance.account_tax_defaults').selectAll().execute();
}

export function accountDefaultsFor(db: Db, accountIds: string[]) {
  if (accountIds.length === 0) return Promise.resolve([] as { account_id: string; tax_code_id: string }[]);
  return db
    .selectFrom('finance.account_tax_defaults')
    .selectAll()
    .where('account_id', 'in', [...new Set(accountIds)])
    .execute();
}

export async function setAccountDefault(trx: Db, accountId: string, taxCodeId: string | null): Promise<void> {
  if (taxCodeId === null) {
    await trx.deleteFrom('finance.account_tax_defaults').where('account_id', '=', accountId).execute();
    return;
  }
  await trx
    .insertInto('finance.account_tax_defaults')
    .values({ account_id: accountId, tax_code_id: taxCodeId })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ tax_code_id: taxCodeId }))
    .execute();
}

// Documents' breakdowns

export function documentTaxesOf(db: Db, documentId: string) {
  return db
    .selectFrom('finance.document_taxes')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('seq')
    .execute();
}

export async function replaceDocumentTaxes(
  trx: Db,
  documentId: string,
  rows: Omit<Insertable<DocumentTaxesTable>, 'document_id' | 'seq'>[],
): Promise<void> {
  await trx.deleteFrom('finance.document_taxes').where('document_id', '=', documentId).execute();
  if (rows.length === 0) return;
  await trx
    .insertInto('finance.document_taxes')
    .values(rows.map((r, i) => ({ ...r, document_id: documentId, seq: i + 1 })))
    .execute();
}

// Returns

export function insertTaxReturn(trx: Db, values: Insertable<TaxReturnsTable>) {
  return trx.insertInto('finance.tax_returns').values(values).returningAll().executeTakeFirstOrThrow();
}

export function listTaxReturns(db: Db) {
  return db.selectFrom('finance.tax_returns').selectAll().orderBy('period_start', 'desc').execute();
}

export function findTaxReturn(db: Db, id: string) {
  return db.selectFrom('finance.tax_returns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A filed return whose period overlaps [from, to]. */
export function findOverlappingReturn(db: Db, from: string, to: string) {
  return db
    .selectFrom('finance.tax_returns')
    .select(['id', 'period_start', 'period_end'])
    .where('period_start', '<=', to)
    .where('period_end', '>=', from)
    .orderBy('period_start')
    .executeTakeFirst();
}
