import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, type FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { financeErrors } from '../finance.errors.js';
import { importAll, readCsv, zodRowErrors, type CsvRow } from '../finance.import.js';
import { findAccountForRole } from '../ledger/accounts.repository.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { postJournalEntry } from '../ledger/journal.service.js';
import { Money, fitsCurrency } from '../money.js';
import { toDocumentSummary } from './documents.mappers.js';
import * as documents from './documents.repository.js';
import { KINDS, assertParty, resolveCurrency } from './documents.rules.js';
import { documentNumber } from './issue.service.js';
import * as repo from './opening-balances.repository.js';
import {
  OPEN_ITEM_COLUMNS,
  OpeningBalanceBody,
  type OpeningBalanceFilter,
  type OpeningBalanceInput,
} from './opening-balances.schemas.js';
import { settlementErrors } from './settlement.errors.js';
import { firstTradingEntryDate } from './settlement.repository.js';

/** The opening-balance equity account (role `opening-balance`): 422 when a custom chart lacks it. */
async function openingEquity(trx: Tx): Promise<string> {
  await baseCurrency(trx); // the ledger exists
  const row = await findAccountForRole(trx, 'opening-balance');
  if (!row)
    throw new AppError('opening-balance-account', 422, 'No opening-balance account', {
      detail: 'No account has the role "opening-balance": give an equity account that role first.',
    });
  return row.account_id;
}

/**
 * One opening-balance document, issued at once (in the caller's transaction): a customer's or
 * vendor's open item when the company moves in, dated before the books' first trading entry. It is
 * an invoice / bill / credit of one line on the opening-balance equity account, numbered OB-year-n,
 * and posts control account vs opening-balance equity through the posting path (open periods only):
 * invoice Dr receivable / Cr equity; credit note Dr equity / Cr receivable; bill Dr equity / Cr
 * payable; vendor credit Dr payable / Cr equity. The aging sees it like any document.
 */
export async function createOpeningBalanceIn(trx: Tx, ctx: RequestContext, input: OpeningBalanceInput) {
  const spec = KINDS[input.kind];
  const party = await assertParty(trx, input.partyId, spec.side);
  const currency = input.currency ?? party.currency ?? (await baseCurrency(trx));
  const exchangeRate = await resolveCurrency(trx, currency, input.exchangeRate);
  if (!fitsCurrency(input.amount, currency)) throw financeErrors.tooManyDecimals(input.amount, currency, 'amount');
  // The due date is the open item's own (often past): no rule against the opening date.
  const first = await firstTradingEntryDate(trx);
  if (first && input.date >= first.entry_date)
    throw settlementErrors.openingBalanceDate(
      `Opening balances are dated before the books' first entry (${first.entry_date}); ${input.date} is not.`,
    );
  const equity = await openingEquity(trx);
  const amount = new Money(input.amount).toFixed(4);
  const doc = await documents.insertDocument(trx, {
    kind: input.kind,
    number: null,
    party_id: input.partyId,
    document_date: input.date,
    due_date: input.dueDate ?? input.date,
    currency,
    exchange_rate: exchangeRate,
    reference: input.reference,
    memo: input.memo,
    subtotal: amount,
    tax_total: '0',
    total: amount,
    allocated: '0',
    credits_document_id: null,
    opening_balance: true,
    journal_entry_id: null,
    void_entry_id: null,
    created_by: ctx.actor?.userId ?? null,
    issued_at: null,
    voided_at: null,
  });
  await documents.insertLines(trx, [
    {
      document_id: doc.id,
      line_no: 1,
      description: 'Opening balance',
      quantity: '1',
      unit_price: amount,
      discount_percent: '0',
      tax_rate: '0',
      account_id: equity,
      net: amount,
      tax: '0',
    },
  ]);
  const number = await documentNumber(trx, 'opening-balance', 'OB', input.date);
  const control = await accountForRole(trx, spec.side === 'customer' ? 'receivable' : 'payable');
  const controlDebit = input.kind === 'invoice' || input.kind === 'vendor-credit';
  const description = `${number} ${party.name}`.slice(0, 500);
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date: input.date,
      reference: number,
      memo: `Opening balance ${input.kind} ${number} — ${party.name}${input.reference ? ` (${input.reference})` : ''}`.slice(
        0,
        2000,
      ),
      currency,
      exchangeRate,
      lines: [
        { accountId: controlDebit ? control : equity, debit: input.amount, description },
        { accountId: controlDebit ? equity : control, credit: input.amount, description },
      ],
    },
    { sourceType: 'opening-balance', sourceId: doc.id },
  );
  await documents.markIssued(trx, doc.id, number, entry.id);
  await writeAudit(trx, ctx, {
    action: `${input.kind}.opening-balance`,
    entityType: `finance.${input.kind}`,
    entityId: doc.id,
    after: { ...input, currency, exchangeRate, number, journalEntryId: entry.id },
  });
  return doc.id;
}

export async function createOpeningBalance(db: Db, ctx: RequestContext, input: OpeningBalanceInput) {
  return inTransaction(db, (trx) => createOpeningBalanceIn(trx, ctx, input));
}

export async function listOpeningBalances(db: Db, filter: OpeningBalanceFilter) {
  const asOf = today();
  const page = await repo.listOpeningBalances(db, filter);
  return { items: page.items.map((d) => toDocumentSummary(d, asOf)), nextCursor: page.nextCursor };
}

/** A row of the open-items CSV as the opening balance's input (party by id, else by exact name). */
async function rowInput(
  db: Db,
  { get, row }: CsvRow,
): Promise<{ input?: OpeningBalanceInput; problems: FieldError[] }> {
  let partyId = get('party_id');
  const problems: FieldError[] = [];
  if (!partyId) {
    const name = get('party_name');
    const found = name ? await repo.findPartiesNamed(db, name) : [];
    if (found.length === 1) partyId = found[0]!.id;
    else
      problems.push({
        path: `rows.${row}.party_name`,
        message: !name
          ? 'Give party_id or party_name.'
          : found.length === 0
            ? `No party is named "${name}".`
            : `Several parties are named "${name}": use party_id.`,
        code: 'party',
      });
  }
  const parsed = OpeningBalanceBody.safeParse({
    kind: get('kind'),
    partyId: partyId ?? '00000000-0000-4000-8000-000000000000',
    date: get('date'),
    dueDate: get('due_date'),
    currency: get('currency')?.toUpperCase(),
    exchangeRate: get('exchange_rate'),
    amount: get('amount'),
    reference: get('reference'),
    memo: get('memo'),
  });
  if (!parsed.success) problems.push(...zodRowErrors(row, parsed.error));
  return problems.length > 0 || !parsed.success ? { problems } : { input: parsed.data, problems };
}

/**
 * Imports open items (opening-balance documents per party) from CSV: every row checked, all
 * written in one transaction, or nothing (422 listing every row's errors). Each document is audited.
 */
export async function importOpenItems(db: Db, ctx: RequestContext, body: { csv: string; dryRun: boolean }) {
  const rows = readCsv(body.csv, OPEN_ITEM_COLUMNS, ['kind', 'date', 'amount']);
  const precheck: FieldError[] = [];
  const good: { row: number; input: OpeningBalanceInput }[] = [];
  for (const r of rows) {
    const { input, problems } = await rowInput(db, r);
    precheck.push(...problems);
    if (input) good.push({ row: r.row, input });
  }
  const result = await importAll(
    db,
    good,
    (g) => g.row,
    async (trx, g) => createOpeningBalanceIn(trx, ctx, g.input),
    { dryRun: body.dryRun, precheck },
  );
  return { ...result, rows: rows.length };
}
