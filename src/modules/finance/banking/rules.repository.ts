import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { BankMatchingRulesTable } from './banking.tables.js';

export type RuleRow = Selectable<BankMatchingRulesTable>;

export function listRules(db: Db) {
  return db.selectFrom('finance.bank_matching_rules').selectAll().orderBy('priority').orderBy('name').execute();
}

/** The active rules for a bank account (its own and the general ones), by priority, with account codes. */
export function activeRulesFor(db: Db, bankAccountId: string) {
  return db
    .selectFrom('finance.bank_matching_rules as r')
    .leftJoin('finance.accounts as a', 'a.id', 'r.account_id')
    .select(['r.id', 'r.name', 'r.field', 'r.pattern', 'r.direction', 'r.party_id', 'r.account_id', 'a.code'])
    .where('r.active', '=', true)
    .where((eb) => eb.or([eb('r.bank_account_id', 'is', null), eb('r.bank_account_id', '=', bankAccountId)]))
    .orderBy('r.priority')
    .orderBy('r.name')
    .execute();
}

export function lockRule(trx: Db, id: string) {
  return trx.selectFrom('finance.bank_matching_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertRule(trx: Db, values: Insertable<BankMatchingRulesTable>) {
  return trx.insertInto('finance.bank_matching_rules').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRule(trx: Db, id: string, values: Insertable<BankMatchingRulesTable>) {
  return trx
    .updateTable('finance.bank_matching_rules')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRule(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('finance.bank_matching_rules').where('id', '=', id).execute();
}

export function partyExists(db: Db, id: string) {
  return db.selectFrom('finance.parties').select('id').where('id', '=', id).executeTakeFirst();
}

export function bankAccountExists(db: Db, id: string) {
  return db.selectFrom('finance.bank_accounts').select('id').where('id', '=', id).executeTakeFirst();
}
