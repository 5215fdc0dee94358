import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { assertPostable } from '../documents/documents.rules.js';
import { createPayment, voidPayment } from '../documents/payments.service.js';
import { unallocate } from '../documents/unallocations.service.js';
import { financeErrors } from '../finance.errors.js';
import { assertManualAccounts } from '../ledger/account-rules.js';
import { postJournalEntry, reverseEntry } from '../ledger/journal.service.js';
import { baseCurrency } from '../ledger/chart.js';
import { findPeriodStatusAt } from '../ledger/periods.repository.js';
import { latestRatesTo } from '../rates/rates.repository.js';
import { Money, formatDb } from '../money.js';
import * as accounts from './bank-accounts.repository.js';
import { bankingErrors } from './banking.errors.js';
import type { ProposalDto, ReconcileInput } from './banking.schemas.js';
import { proposeMatches } from './matching.js';
import { rulesFor } from './rules.service.js';
import * as repo from './statements.repository.js';
import { getStatement } from './statements.service.js';

const ENTITY = 'finance.bank-statement-line';

/** The statement, share-locked for the reconciliation (finishing it waits), and its bank account. */
async function openStatement(trx: Tx, statementId: string) {
  const statement = await repo.shareLockStatement(trx, statementId);
  if (!statement) throw errors.notFound('Bank statement', statementId);
  if (statement.status === 'finished') throw bankingErrors.finished();
  const bank = (await accounts.findBankAccount(trx, statement.bank_account_id))!;
  return { statement, bank };
}

/**
 * Proposals for every unmatched line of a statement (nothing is written): see `matching.ts`.
 * Open items are those in the bank account's currency; payments those on its ledger account.
 */
export async function proposals(db: Db, statementId: string): Promise<ProposalDto[]> {
  const statement = await repo.findStatement(db, statementId);
  if (!statement) throw errors.notFound('Bank statement', statementId);
  const bank = (await accounts.findBankAccount(db, statement.bank_account_id))!;
  const lines = await repo.unmatchedLines(db, statementId);
  if (lines.length === 0) return [];
  const payments = await repo.openPayments(db, bank.account_id, bank.currency);
  const items = await repo.openItems(db, bank.currency);
  const rules = await rulesFor(db, bank.id);
  const parties = await repo.activeParties(db);
  const base = await baseCurrency(db);
  const bookingDates = new Map(lines.map((l) => [l.id, l.booking_date]));
  // A foreign-currency account: each proposal that posts shows (and accepting uses) the table's rate.
  const rateOn = new Map<string, { rate: string; date: string } | null>();
  const fxRate = async (date: string) => {
    if (!rateOn.has(date)) {
      const [row] = await latestRatesTo(db, [bank.currency], base, date);
      rateOn.set(date, row ? { rate: new Money(row.rate).toString(), date: row.rate_date } : null);
    }
    return rateOn.get(date) ?? null;
  };
  const matches = proposeMatches({
    lines: lines.map((l) => ({
      id: l.id,
      version: l.version,
      amount: l.amount,
      bookingDate: l.booking_date,
      description: l.description,
      reference: l.reference,
      counterparty: l.counterparty,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      number: p.number,
      amount: p.direction === 'received' ? p.amount : new Money(p.amount).neg().toString(),
      date: p.payment_date,
      reference: p.reference,
      partyId: p.party_id,
      partyName: p.party_name,
    })),
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind as 'invoice' | 'bill',
      number: i.number ?? '',
      reference: i.reference,
      partyId: i.party_id,
      partyName: i.party_name,
      date: i.document_date,
      open: i.open,
    })),
    rules,
    parties,
  });
  const out: ProposalDto[] = [];
  for (const m of matches) {
    const fx = bank.currency !== base && m.kind !== 'payment' ? await fxRate(bookingDates.get(m.lineId)!) : null;
    out.push({ ...m, exchangeRate: fx?.rate ?? null, exchangeRateDate: fx?.date ?? null });
  }
  return out;
}

type Bank = NonNullable<Awaited<ReturnType<typeof accounts.findBankAccount>>>;

async function matchPayment(trx: Tx, bank: Bank, line: repo.LineRow, paymentId: string) {
  const p = await repo.findPayment(trx, paymentId);
  if (!p) throw errors.invalidReference('paymentId', 'Payment', paymentId);
  if (p.status !== 'posted') throw bankingErrors.mismatch(`Payment ${p.number} is void.`, 'paymentId');
  if (p.account_id !== bank.account_id || p.currency !== bank.currency)
    throw bankingErrors.mismatch(`Payment ${p.number} did not go through this bank account.`, 'paymentId');
  const signed = p.direction === 'received' ? new Money(p.amount) : new Money(p.amount).neg();
  if (!signed.eq(line.amount))
    throw bankingErrors.mismatch(
      `Payment ${p.number} (${signed.toFixed(2)}) is not the line's amount (${new Money(line.amount).toFixed(2)}).`,
      'paymentId',
    );
  const taken = await repo.lineOfPayment(trx, p.id);
  if (taken)
    throw bankingErrors.mismatch(`Payment ${p.number} is already matched to another statement line.`, 'paymentId');
  return p.id;
}

async function matchDocuments(
  trx: Tx,
  ctx: RequestContext,
  bank: Bank,
  line: repo.LineRow,
  input: Extract<ReconcileInput, { kind: 'documents' }>,
) {
  const incoming = new Money(line.amount).gt(0);
  const docs = await repo.documentParties(
    trx,
    input.allocations.map((a) => a.documentId),
  );
  const byId = new Map(docs.map((d) => [d.id, d]));
  input.allocations.forEach((a, i) => {
    const d = byId.get(a.documentId);
    if (!d) throw errors.invalidReference(`allocations.${i}.documentId`, 'Document', a.documentId);
    if (d.kind !== (incoming ? 'invoice' : 'bill'))
      throw bankingErrors.mismatch(
        incoming ? 'Money in settles invoices.' : 'Money out settles bills.',
        `allocations.${i}.documentId`,
      );
  });
  const parties = [...new Set(docs.map((d) => d.party_id))];
  const partyId = input.partyId ?? parties[0]!;
  if (parties.some((p) => p !== partyId))
    throw bankingErrors.mismatch('The documents belong to more than one party.', 'allocations');
  return createPayment(trx, ctx, {
    direction: incoming ? 'received' : 'made',
    partyId,
    date: line.booking_date,
    amount: formatDb(new Money(line.amount).abs().toString(), bank.currency),
    currency: bank.currency,
    exchangeRate: input.exchangeRate,
    bankAccountId: bank.id,
    reference: (line.reference || line.bank_ref).slice(0, 100),
    memo: `Bank statement line ${line.line_no}: ${line.counterparty} ${line.description}`.trim().slice(0, 2000),
    allocations: input.allocations,
  });
}

async function postLineEntry(
  trx: Tx,
  ctx: RequestContext,
  bank: Bank,
  line: repo.LineRow,
  input: Extract<ReconcileInput, { kind: 'entry' }>,
) {
  const ref = [{ id: input.accountId, path: 'accountId' }];
  await assertPostable(trx, ref);
  await assertManualAccounts(trx, ref);
  if (input.accountId === bank.account_id)
    throw bankingErrors.mismatch("The other side cannot be the bank's own account.", 'accountId');
  const size = formatDb(new Money(line.amount).abs().toString(), bank.currency);
  const description = (input.description ?? `${line.counterparty} ${line.description}`.trim()).slice(0, 500);
  const incoming = new Money(line.amount).gt(0);
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date: line.booking_date,
      reference: (line.reference || line.bank_ref).slice(0, 100),
      memo: `Bank statement line ${line.line_no}`,
      currency: bank.currency,
      exchangeRate: input.exchangeRate,
      lines: [
        { accountId: bank.account_id, ...(incoming ? { debit: size } : { credit: size }), description },
        { accountId: input.accountId, ...(incoming ? { credit: size } : { debit: size }), description },
      ],
    },
    { sourceType: 'bank-statement-line', sourceId: line.id },
  );
  return entry.id;
}

/**
 * Reconciles one line in the caller's transaction. The line is locked `for update`: a second
 * bookkeeper reconciling it at the same time waits, then finds it reconciled (409
 * `bank-line-reconciled`) — or, with `skipReconciled`, it is skipped (false).
 */
async function reconcileIn(
  trx: Tx,
  ctx: RequestContext,
  statementId: string,
  lineId: string,
  input: ReconcileInput,
  options: { ruleId?: string | null; skipReconciled?: boolean } = {},
): Promise<boolean> {
  const { bank } = await openStatement(trx, statementId);
  const line = await repo.lockLine(trx, statementId, lineId);
  if (!line) throw errors.notFound('Bank statement line', lineId);
  if (line.status === 'reconciled') {
    if (options.skipReconciled) return false;
    throw bankingErrors.lineReconciled();
  }
  assertVersion('Bank statement line', line, input.version);
  let paymentId: string | null = null;
  let entryId: string | null = null;
  if (input.kind === 'payment') paymentId = await matchPayment(trx, bank, line, input.paymentId);
  else if (input.kind === 'documents') paymentId = await matchDocuments(trx, ctx, bank, line, input);
  else entryId = await postLineEntry(trx, ctx, bank, line, input);
  await repo.markReconciled(trx, line.id, {
    match_kind: input.kind,
    payment_id: paymentId,
    journal_entry_id: entryId,
    rule_id: options.ruleId ?? null,
    reconciled_by: ctx.actor?.userId ?? null,
  });
  const { version: _v, ...match } = input;
  await writeAudit(trx, ctx, {
    action: 'bank-line.reconciled',
    entityType: ENTITY,
    entityId: line.id,
    after: { ...match, paymentId, journalEntryId: entryId, ruleId: options.ruleId ?? null },
  });
  return true;
}

export async function reconcileLine(
  db: Db,
  ctx: RequestContext,
  statementId: string,
  lineId: string,
  input: ReconcileInput,
) {
  await inTransaction(db, (trx) => reconcileIn(trx, ctx, statementId, lineId, input));
}

/**
 * Accepts the current proposals (of the lines named, else all) in one transaction. A line someone
 * reconciled in the meantime is skipped; any other refusal undoes the whole batch.
 */
export async function acceptProposals(db: Db, ctx: RequestContext, statementId: string, lineIds?: string[]) {
  const reconciled = await inTransaction(db, async (trx) => {
    await openStatement(trx, statementId);
    const wanted = lineIds ? new Set(lineIds) : null;
    const done: string[] = [];
    for (const p of await proposals(trx, statementId)) {
      if (wanted && !wanted.has(p.lineId)) continue;
      const input: ReconcileInput =
        p.kind === 'payment'
          ? { kind: 'payment', version: p.lineVersion, paymentId: p.paymentId! }
          : p.kind === 'entry'
            ? {
                kind: 'entry',
                version: p.lineVersion,
                accountId: p.accountId!,
                ...(p.exchangeRate ? { exchangeRate: p.exchangeRate } : {}),
              }
            : {
                kind: 'documents',
                version: p.lineVersion,
                partyId: p.partyId!,
                allocations: p.documents.map((d) => ({ documentId: d.documentId, amount: d.amount })),
                ...(p.exchangeRate ? { exchangeRate: p.exchangeRate } : {}),
              };
      if (await reconcileIn(trx, ctx, statementId, p.lineId, input, { ruleId: p.ruleId, skipReconciled: true }))
        done.push(p.lineId);
    }
    return done;
  });
  return { reconciled, statement: await getStatement(db, statementId) };
}

/**
 * Undoes a line's reconciliation while its booking date's period is open: a payment it created is
 * unallocated and voided, an entry it posted is reversed — dated on the booking date, through the
 * period lock — and a matched existing payment is just released.
 */
export async function unreconcileLine(
  db: Db,
  ctx: RequestContext,
  statementId: string,
  lineId: string,
  version: number,
) {
  await inTransaction(db, async (trx) => {
    await openStatement(trx, statementId);
    const line = await repo.lockLine(trx, statementId, lineId);
    if (!line) throw errors.notFound('Bank statement line', lineId);
    if (line.status !== 'reconciled') throw bankingErrors.lineNotReconciled();
    assertVersion('Bank statement line', line, version);
    const period = await findPeriodStatusAt(trx, line.booking_date);
    if (period?.status !== 'open') throw financeErrors.periodClosed(line.booking_date);
    const date = line.booking_date;
    if (line.match_kind === 'documents' && line.payment_id) {
      // An early-payment discount taken with the payment goes with it.
      for (const d of await repo.discountPaymentsOf(trx, line.payment_id)) {
        for (const a of await repo.allocationsOfPayment(trx, d.id)) await unallocate(trx, ctx, a.id, { date });
        await voidPayment(trx, ctx, d.id, { date });
      }
      for (const a of await repo.allocationsOfPayment(trx, line.payment_id)) await unallocate(trx, ctx, a.id, { date });
      await voidPayment(trx, ctx, line.payment_id, { date });
    }
    if (line.match_kind === 'entry' && line.journal_entry_id)
      await reverseEntry(trx, ctx, line.journal_entry_id, {
        date,
        memo: `Unreconciled bank statement line ${line.line_no}`,
      });
    await repo.markUnmatched(trx, line.id);
    await writeAudit(trx, ctx, {
      action: 'bank-line.unreconciled',
      entityType: ENTITY,
      entityId: line.id,
      before: { matchKind: line.match_kind, paymentId: line.payment_id, journalEntryId: line.journal_entry_id },
    });
  });
}
