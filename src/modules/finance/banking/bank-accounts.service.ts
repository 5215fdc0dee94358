import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { financeErrors } from '../finance.errors.js';
import { SYSTEM_ROLES } from '../ledger/account-rules.js';
import { ensureLedger } from '../ledger/chart.js';
import { Money, fitsCurrency, formatDb } from '../money.js';
import { bankingErrors } from './banking.errors.js';
import type { CreateBankAccountInput, UpdateBankAccountInput } from './banking.schemas.js';
import * as repo from './bank-accounts.repository.js';

const ENTITY = 'finance.bank-account';
/** Roles whose accounts never hold money at a bank. */
const NOT_BANK_ROLES = [...SYSTEM_ROLES, 'inventory'];

type Row = NonNullable<Awaited<ReturnType<typeof repo.findBankAccount>>>;

export function toBankAccountDto(r: Row) {
  return {
    id: r.id,
    name: r.name,
    iban: r.iban,
    accountNumber: r.account_number,
    bic: r.bic,
    currency: r.currency,
    accountId: r.account_id,
    accountCode: r.account_code,
    accountName: r.account_name,
    openingBalance: formatDb(r.opening_balance, r.currency),
    csvMapping: r.csv_mapping,
    active: r.active,
    openStatements: Number(r.open_statements ?? 0),
    version: r.version,
    createdAt: isoTimestamp(r.created_at),
    updatedAt: isoTimestamp(r.updated_at),
  };
}

/**
 * The ledger account behind a bank account is a cash/bank account: an active posting asset account
 * that is no control, tax or inventory account, and stands behind no other bank account.
 */
async function assertBankLedgerAccount(db: Db, accountId: string, exceptId?: string) {
  const rows = await repo.ledgerAccountWithRoles(db, accountId);
  const a = rows[0];
  if (!a) throw financeErrors.unknownAccount(accountId, 'accountId');
  if (a.is_group) throw financeErrors.groupAccount(a.code, 'accountId');
  if (!a.active) throw financeErrors.inactiveAccount(a.code, 'accountId');
  if (a.type !== 'asset') throw bankingErrors.invalidAccount(`Account ${a.code} is not an asset account.`);
  const role = rows.map((r) => r.role).find((r) => r !== null && NOT_BANK_ROLES.includes(r));
  if (role) throw bankingErrors.invalidAccount(`Account ${a.code} is the ${role} account, not a cash or bank account.`);
  const taken = await repo.findByLedgerAccount(db, accountId);
  if (taken && taken.id !== exceptId)
    throw bankingErrors.invalidAccount(`Account ${a.code} already stands behind the bank account "${taken.name}".`);
}

export async function listBankAccounts(db: Db, includeInactive: boolean) {
  await ensureLedger(db);
  return { items: (await repo.listBankAccounts(db, includeInactive)).map(toBankAccountDto) };
}

export async function getBankAccount(db: Db, id: string) {
  const row = await repo.findBankAccount(db, id);
  if (!row) throw errors.notFound('Bank account', id);
  return toBankAccountDto(row);
}

export async function createBankAccount(db: Db, ctx: RequestContext, input: CreateBankAccountInput) {
  await ensureLedger(db);
  return inTransaction(db, async (trx) => {
    await assertBankLedgerAccount(trx, input.accountId);
    if (!fitsCurrency(input.openingBalance.replace(/^-/, ''), input.currency))
      throw financeErrors.tooManyDecimals(input.openingBalance, input.currency, 'openingBalance');
    const { id } = await repo.insertBankAccount(trx, {
      name: input.name,
      iban: input.iban,
      account_number: input.accountNumber,
      bic: input.bic,
      currency: input.currency,
      account_id: input.accountId,
      opening_balance: new Money(input.openingBalance).toString(),
      csv_mapping: input.csvMapping ? JSON.stringify(input.csvMapping) : null,
      active: input.active,
    });
    await writeAudit(trx, ctx, { action: 'bank-account.created', entityType: ENTITY, entityId: id, after: input });
    return id;
  });
}

export async function updateBankAccount(db: Db, ctx: RequestContext, id: string, input: UpdateBankAccountInput) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockBankAccount(trx, id);
    if (!before) throw errors.notFound('Bank account', id);
    assertVersion('Bank account', before, input.version);
    const iban = input.iban ?? before.iban;
    const accountNumber = input.accountNumber ?? before.account_number;
    if (iban === '' && accountNumber === '')
      throw errors.validation([{ path: 'iban', message: 'Give an IBAN or an account number.' }]);
    if (input.openingBalance !== undefined && !fitsCurrency(input.openingBalance.replace(/^-/, ''), before.currency))
      throw financeErrors.tooManyDecimals(input.openingBalance, before.currency, 'openingBalance');
    await repo.updateBankAccount(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      iban,
      account_number: accountNumber,
      ...(input.bic !== undefined ? { bic: input.bic } : {}),
      ...(input.openingBalance !== undefined ? { opening_balance: new Money(input.openingBalance).toString() } : {}),
      ...(input.csvMapping !== undefined
        ? { csv_mapping: input.csvMapping === null ? null : JSON.stringify(input.csvMapping) }
        : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, { action: 'bank-account.updated', entityType: ENTITY, entityId: id, after });
  });
}

/**
 * For a payment through a bank account: the account must be active, in the payment's currency, and
 * agree with an `accountId` given as well.
 */
export async function bankAccountForPayment(trx: Db, id: string, currency: string, accountId: string | undefined) {
  const row = await repo.findBankAccount(trx, id);
  if (!row || !row.active) throw errors.invalidReference('bankAccountId', 'Bank account', id);
  if (row.currency !== currency)
    throw financeErrors.wrongCurrency(
      `The bank account "${row.name}" is in ${row.currency}, the payment in ${currency}.`,
      'bankAccountId',
    );
  if (accountId !== undefined && accountId !== row.account_id)
    throw bankingErrors.invalidAccount(
      `accountId is not the ledger account of the bank account "${row.name}" (${row.account_code}): leave it out.`,
    );
  return row;
}
