import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { financeErrors } from '../finance.errors.js';
import { Money, fitsCurrency, formatDb } from '../money.js';
import * as accounts from './bank-accounts.repository.js';
import { bankingErrors, type DuplicateLine } from './banking.errors.js';
import type { CsvMapping } from './banking.tables.js';
import type { ImportStatementInput, StatementFilter, StatementLineFilter } from './banking.schemas.js';
import { parseCamt053 } from './statement-camt.js';
import { parseCsvStatement } from './statement-csv.js';
import { cleanLine, fingerprints, type ParsedStatement } from './statement-format.js';
import { parseOfx } from './statement-ofx.js';
import * as repo from './statements.repository.js';

const ENTITY = 'finance.bank-statement';

export function toStatementDto(s: repo.StatementWithTotals) {
  const reconciled = new Money(s.opening_balance).plus(s.reconciled_sum);
  return {
    id: s.id,
    bankAccountId: s.bank_account_id,
    bankAccountName: s.bank_account_name,
    currency: s.currency,
    format: s.format,
    statementRef: s.statement_ref,
    fileName: s.file_name,
    startDate: s.start_date,
    endDate: s.end_date,
    openingBalance: formatDb(s.opening_balance, s.currency),
    closingBalance: formatDb(s.closing_balance, s.currency),
    reconciledBalance: formatDb(reconciled.toString(), s.currency),
    difference: formatDb(new Money(s.closing_balance).minus(reconciled).toString(), s.currency),
    lineCount: s.line_count,
    reconciledCount: Number(s.reconciled_count),
    status: s.status,
    version: s.version,
    createdAt: isoTimestamp(s.created_at),
  };
}

export function toLineDto(l: repo.LineRow, currency: string) {
  return {
    id: l.id,
    statementId: l.statement_id,
    lineNo: l.line_no,
    bookingDate: l.booking_date,
    valueDate: l.value_date,
    amount: formatDb(l.amount, currency),
    description: l.description,
    reference: l.reference,
    counterparty: l.counterparty,
    counterpartyAccount: l.counterparty_account,
    bankRef: l.bank_ref,
    status: l.status,
    matchKind: l.match_kind,
    paymentId: l.payment_id,
    journalEntryId: l.journal_entry_id,
    version: l.version,
  };
}

export async function getStatement(db: Db, id: string) {
  const row = await repo.findStatement(db, id);
  if (!row) throw errors.notFound('Bank statement', id);
  return toStatementDto(row);
}

export async function listStatements(db: Db, filter: StatementFilter) {
  const page = await repo.listStatements(db, filter);
  return { items: page.items.map(toStatementDto), nextCursor: page.nextCursor };
}

export async function listLines(db: Db, id: string, filter: StatementLineFilter) {
  const statement = await repo.findStatement(db, id);
  if (!statement) throw errors.notFound('Bank statement', id);
  const page = await repo.listLines(db, id, filter);
  return { items: page.items.map((l) => toLineDto(l, statement.currency)), nextCursor: page.nextCursor };
}

const compactId = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The file's account must be this bank account's (by IBAN, else account number) and currency. */
function assertSameAccount(parsed: ParsedStatement, bank: accounts.BankAccountRow) {
  if (parsed.currency && parsed.currency !== bank.currency)
    throw bankingErrors.wrongAccount(`The statement is in ${parsed.currency}, the bank account in ${bank.currency}.`);
  if (parsed.accountIban && bank.iban && parsed.accountIban !== bank.iban)
    throw bankingErrors.wrongAccount(`The statement is of ${parsed.accountIban}, the bank account is ${bank.iban}.`);
  if (!parsed.accountIban && parsed.accountNumber) {
    const number = compactId(parsed.accountNumber);
    const ours = [compactId(bank.account_number), compactId(bank.iban)].filter(Boolean);
    if (!ours.some((o) => o === number || o.endsWith(number)))
      throw bankingErrors.wrongAccount(
        `The statement is of account ${parsed.accountNumber}, not of this bank account.`,
      );
  }
}

function parse(input: ImportStatementInput, bank: accounts.BankAccountRow, mapping: CsvMapping | null) {
  if (input.format === 'camt053') return parseCamt053(input.content, bank.iban || null);
  if (input.format === 'ofx') return parseOfx(input.content);
  if (!mapping) throw bankingErrors.csvMappingMissing();
  return parseCsvStatement(input.content, mapping);
}

/**
 * Imports a statement in one transaction: parsed, checked against the bank account, balanced
 * (opening + lines = closing), every line fingerprinted. The bank account row is locked for the
 * import, so two imports of one account run one after the other. A file holding a line imported
 * before is refused whole: 409 `bank-statement-duplicate` listing the lines (nothing is kept).
 */
export async function importStatement(db: Db, ctx: RequestContext, bankAccountId: string, input: ImportStatementInput) {
  return inTransaction(db, async (trx) => {
    const bank = await accounts.lockBankAccount(trx, bankAccountId);
    if (!bank) throw errors.notFound('Bank account', bankAccountId);
    if (!bank.active) throw errors.conflict('The bank account is deactivated.');
    const mapping = input.format === 'csv' ? (input.csvMapping ?? bank.csv_mapping) : null;
    const parsed = parse(input, bank, mapping);
    assertSameAccount(parsed, bank);
    const lines = parsed.lines.filter((l) => !new Money(l.amount).isZero()).map(cleanLine);
    if (lines.length === 0) throw bankingErrors.malformed('The statement has no booked lines.');
    lines.forEach((l, i) => {
      if (!fitsCurrency(l.amount.replace(/^-/, ''), bank.currency))
        throw financeErrors.tooManyDecimals(l.amount, bank.currency, `lines.${i}.amount`);
    });
    const sum = lines.reduce((s, l) => s.plus(l.amount), new Money(0));
    const previous = await repo.lastClosingBalance(trx, bank.id);
    const opening = new Money(
      parsed.openingBalance ??
        input.openingBalance ??
        (parsed.closingBalance !== null ? new Money(parsed.closingBalance).minus(sum).toString() : null) ??
        previous?.closing_balance ??
        bank.opening_balance,
    );
    const closing = new Money(parsed.closingBalance ?? input.closingBalance ?? opening.plus(sum).toString());
    if (!opening.plus(sum).eq(closing))
      throw bankingErrors.unbalanced(opening.toFixed(2), sum.toFixed(2), closing.toFixed(2));

    const prints = fingerprints(bank.id, lines);
    const existing = await repo.existingFingerprints(trx, bank.id, prints);
    if (existing.length > 0) {
      const where = new Map(existing.map((e) => [e.fingerprint, e.statement_id]));
      const duplicates: DuplicateLine[] = [];
      prints.forEach((p, i) => {
        const statementId = where.get(p);
        if (statementId)
          duplicates.push({
            lineNo: i + 1,
            bookingDate: lines[i]!.bookingDate,
            amount: lines[i]!.amount,
            reference: lines[i]!.bankRef || lines[i]!.reference,
            statementId,
          });
      });
      throw bankingErrors.duplicate(duplicates);
    }
    const dates = lines.map((l) => l.bookingDate).sort();
    const start = [dates[0]!, parsed.startDate].filter((d): d is string => !!d).sort()[0]!;
    const end = [dates[dates.length - 1]!, parsed.endDate]
      .filter((d): d is string => !!d)
      .sort()
      .reverse()[0]!;
    const { id } = await repo.insertStatement(trx, {
      bank_account_id: bank.id,
      format: input.format,
      statement_ref: parsed.statementRef.slice(0, 100),
      file_name: input.fileName,
      start_date: start,
      end_date: end,
      opening_balance: opening.toString(),
      closing_balance: closing.toString(),
      line_count: lines.length,
      imported_by: ctx.actor?.userId ?? null,
      finished_at: null,
    });
    await repo.insertLines(
      trx,
      lines.map((l, i) => ({
        statement_id: id,
        bank_account_id: bank.id,
        line_no: i + 1,
        booking_date: l.bookingDate,
        value_date: l.valueDate,
        amount: l.amount,
        description: l.description,
        reference: l.reference,
        counterparty: l.counterparty,
        counterparty_account: l.counterpartyAccount,
        bank_ref: l.bankRef,
        fingerprint: prints[i]!,
        match_kind: null,
        payment_id: null,
        journal_entry_id: null,
        rule_id: null,
        reconciled_by: null,
        reconciled_at: null,
      })),
    );
    if (input.format === 'csv' && input.csvMapping)
      await accounts.updateBankAccount(trx, bank.id, { csv_mapping: JSON.stringify(input.csvMapping) });
    await writeAudit(trx, ctx, {
      action: 'bank-statement.imported',
      entityType: ENTITY,
      entityId: id,
      after: {
        bankAccountId: bank.id,
        format: input.format,
        fileName: input.fileName,
        lines: lines.length,
        openingBalance: opening.toString(),
        closingBalance: closing.toString(),
      },
    });
    return id;
  });
}

/** Finishes a statement: its reconciled balance must be its closing balance (every line reconciled). */
export async function finishStatement(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const locked = await repo.lockStatement(trx, id);
    if (!locked) throw errors.notFound('Bank statement', id);
    assertVersion('Bank statement', locked, version);
    if (locked.status === 'finished') throw bankingErrors.finished();
    const s = toStatementDto((await repo.findStatement(trx, id))!);
    if (!new Money(s.difference).isZero()) throw bankingErrors.notBalanced(s.reconciledBalance, s.closingBalance);
    await repo.setStatementStatus(trx, id, 'finished');
    await writeAudit(trx, ctx, {
      action: 'bank-statement.finished',
      entityType: ENTITY,
      entityId: id,
      after: { reconciledBalance: s.reconciledBalance },
    });
  });
}

/** Reopens a finished statement (to unreconcile a line). */
export async function reopenStatement(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const locked = await repo.lockStatement(trx, id);
    if (!locked) throw errors.notFound('Bank statement', id);
    assertVersion('Bank statement', locked, version);
    if (locked.status !== 'finished') throw errors.conflict('The statement is not finished.');
    await repo.setStatementStatus(trx, id, 'open');
    await writeAudit(trx, ctx, { action: 'bank-statement.reopened', entityType: ENTITY, entityId: id });
  });
}

/** A line with its statement (the answer of a reconcile / unreconcile). */
export async function getLineWithStatement(db: Db, statementId: string, lineId: string) {
  const statement = await getStatement(db, statementId);
  const line = await repo.findLine(db, statementId, lineId);
  if (!line) throw errors.notFound('Bank statement line', lineId);
  return { line: toLineDto(line, statement.currency), statement };
}
