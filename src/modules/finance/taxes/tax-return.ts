import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { baseCurrency } from '../ledger/chart.js';
import { lockSettings } from '../ledger/settings.repository.js';
import { Money, format, roundTo } from '../money.js';
import { assertRange, movements } from '../reports/report-common.js';
import * as repo from './taxes.repository.js';
import type { TaxReturnReportDto } from './taxes.schemas.js';
import type { TaxTreatment } from './taxes.tables.js';

interface ReturnRow {
  document_id: string;
  kind: string;
  number: string | null;
  party_name: string;
  date: string;
  voided: boolean;
  exchange_rate: string;
  tax_code_id: string | null;
  code: string;
  name: string;
  treatment: TaxTreatment;
  rate: string;
  side: 'output' | 'input';
  self_assessed: boolean;
  account_id: string | null;
  box: string;
  net_box: string;
  base: string;
  tax: string;
}

/**
 * The tax breakdowns that count in [from, to]: every issued document dated in it (credits negative),
 * and the reversal of every document voided in it (its void entry's date; negated). Opening-balance
 * documents carry no tax. These are exactly the documents' postings to the tax accounts in the period.
 */
async function returnRows(db: Db, from: string, to: string): Promise<ReturnRow[]> {
  const result = await sql<ReturnRow>`
    select d.id as document_id, d.kind, d.number, p.name as party_name, x.date, x.voided, d.exchange_rate,
           t.tax_code_id, t.code, t.name, t.treatment, t.rate, t.side, t.self_assessed, t.account_id, t.box,
           t.net_box, t.base, t.tax
      from (
        select id, document_date as date, false as voided from finance.documents
         where status <> 'draft' and not opening_balance and document_date between ${from} and ${to}
        union all
        select d.id, je.entry_date, true from finance.documents d
          join finance.journal_entries je on je.id = d.void_entry_id
         where d.status = 'void' and not d.opening_balance and je.entry_date between ${from} and ${to}
      ) x
      join finance.documents d on d.id = x.id
      join finance.parties p on p.id = d.party_id
      join finance.document_taxes t on t.document_id = d.id
     order by x.date, d.number, t.seq`.execute(db);
  return result.rows;
}

/**
 * A row's signed base-currency amounts: credits and voids count negative. Each code's figures are
 * converted per document and code; the output / input totals and the tie-out are converted per
 * document and tax account, exactly as the document posted them, so they equal the ledger (a
 * foreign-currency document with several codes on one account may show a cent between the two).
 */
function signed(r: ReturnRow, base: string) {
  const credit = r.kind === 'credit-note' || r.kind === 'vendor-credit';
  const sign = (credit ? -1 : 1) * (r.voided ? -1 : 1);
  const toBase = (v: string) => roundTo(new Money(v).times(r.exchange_rate), base).times(sign);
  return { base: toBase(r.base), tax: toBase(r.tax) };
}

const label = (r: { code: string; rate: string }) =>
  r.code || `No tax code (${new Money(r.rate).times(100).toString()} %)`;

export async function taxReturnReport(db: Db, from: string, to: string): Promise<TaxReturnReportDto> {
  assertRange(from, to);
  const currency = await baseCurrency(db);
  const rows = await returnRows(db, from, to);
  const codes = new Map<
    string,
    Omit<TaxReturnReportDto['codes'][number], 'base' | 'tax' | 'documents'> & {
      base: Money;
      tax: Money;
      docs: Set<string>;
    }
  >();
  const boxes = new Map<string, Money>();
  const addBox = (box: string, v: Money) => box && boxes.set(box, (boxes.get(box) ?? new Money(0)).plus(v));
  const posted = new Map<string, { row: ReturnRow; amount: Money }>();
  let output = new Money(0);
  let input = new Money(0);
  for (const r of rows) {
    const v = signed(r, currency);
    const key = `${r.tax_code_id ?? `none:${r.rate}`}:${r.side}:${r.self_assessed}`;
    const c = codes.get(key) ?? {
      taxCodeId: r.tax_code_id,
      code: label(r),
      name: r.name,
      treatment: r.treatment,
      rate: new Money(r.rate).toString(),
      side: r.side,
      selfAssessed: r.self_assessed,
      box: r.box,
      netBox: r.net_box,
      base: new Money(0),
      tax: new Money(0),
      docs: new Set<string>(),
    };
    c.base = c.base.plus(v.base);
    c.tax = c.tax.plus(v.tax);
    c.docs.add(r.document_id);
    codes.set(key, c);
    // The taxable amount once per code (not again on a reverse charge's self-assessed row).
    if (!r.self_assessed) addBox(r.net_box, v.base);
    addBox(r.box, v.tax);
    // A row with no account (exempt, zero-rated) carries no tax; the others count as posted, below.
    if (r.account_id) {
      // As the document posted it: one line per account and side, converted once.
      const k = `${r.document_id}:${r.voided}:${r.account_id}:${r.side}`;
      const p = posted.get(k) ?? { row: r, amount: new Money(0) };
      p.amount = p.amount.plus(r.tax);
      posted.set(k, p);
    }
  }
  const byAccount = new Map<string, Money>();
  for (const { row, amount } of posted.values()) {
    const v = signed({ ...row, base: '0', tax: amount.toString() }, currency).tax;
    if (row.side === 'output') output = output.plus(v);
    else input = input.plus(v);
    const credit = row.side === 'output' ? v : v.negated();
    byAccount.set(row.account_id!, (byAccount.get(row.account_id!) ?? new Money(0)).plus(credit));
  }
  // Tie-out: the tax accounts' movements in the period (credit − debit).
  const ledger = await movements(db, { from, to });
  const accounts = await db
    .selectFrom('finance.accounts')
    .select(['id', 'code', 'name'])
    .where('id', 'in', byAccount.size > 0 ? [...byAccount.keys()] : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('code')
    .execute();
  const filed = await db
    .selectFrom('finance.tax_returns')
    .select('id')
    .where('period_start', '=', from)
    .where('period_end', '=', to)
    .executeTakeFirst();
  const fmt = (v: Money) => format(v, currency);
  return {
    from,
    to,
    currency,
    filedReturnId: filed?.id ?? null,
    codes: [...codes.values()]
      .sort((a, b) => (a.side === b.side ? a.code.localeCompare(b.code) : a.side === 'output' ? -1 : 1))
      .map(({ docs, base, tax, ...c }) => ({ ...c, base: fmt(base), tax: fmt(tax), documents: docs.size })),
    boxes: [...boxes.entries()]
      .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
      .map(([box, amount]) => ({ box, amount: fmt(amount) })),
    outputTax: fmt(output),
    inputTax: fmt(input),
    netPayable: fmt(output.minus(input)),
    accounts: accounts.map((a) => {
      const fromDocuments = byAccount.get(a.id) ?? new Money(0);
      const m = ledger.get(a.id);
      const moved = m ? m.credit.minus(m.debit) : new Money(0);
      return {
        accountId: a.id,
        code: a.code,
        name: a.name,
        fromDocuments: fmt(fromDocuments),
        ledger: fmt(moved),
        difference: fmt(moved.minus(fromDocuments)),
      };
    }),
  };
}

/** The documents behind a return's figures (one code, "none", or one box), for the drill-down. */
export async function taxReturnDocuments(
  db: Db,
  query: { from: string; to: string; taxCodeId?: string | undefined; box?: string | undefined },
) {
  assertRange(query.from, query.to);
  const currency = await baseCurrency(db);
  const rows = (await returnRows(db, query.from, query.to)).filter(
    (r) =>
      (query.taxCodeId === undefined ||
        (query.taxCodeId === 'none' ? r.tax_code_id === null : r.tax_code_id === query.taxCodeId)) &&
      (query.box === undefined || r.box === query.box || (r.net_box === query.box && !r.self_assessed)),
  );
  return {
    items: rows.map((r) => {
      const v = signed(r, currency);
      return {
        documentId: r.document_id,
        kind: r.kind,
        number: r.number,
        date: r.date,
        partyName: r.party_name,
        voided: r.voided,
        code: label(r),
        box: r.box,
        base: format(v.base, currency),
        tax: format(v.tax, currency),
      };
    }),
  };
}

export function taxReturnCsvRows(report: TaxReturnReportDto): { header: string[]; rows: string[][] } {
  const header = ['section', 'code', 'name', 'side', 'rate', 'box', 'net_box', 'base', 'tax', 'documents'];
  const rows: string[][] = [
    ...report.codes.map((c) => [
      'code',
      c.code,
      c.name,
      c.selfAssessed ? 'output (self-assessed)' : c.side,
      c.rate,
      c.box,
      c.netBox,
      c.base,
      c.tax,
      String(c.documents),
    ]),
    ...report.boxes.map((b) => ['box', '', '', '', '', b.box, '', '', b.amount, '']),
    ['total', '', 'Output tax', '', '', '', '', '', report.outputTax, ''],
    ['total', '', 'Input tax', '', '', '', '', '', report.inputTax, ''],
    ['total', '', 'Net payable', '', '', '', '', '', report.netPayable, ''],
  ];
  return { header, rows };
}

function toReturnDto(r: repo.TaxReturnRow, currency: string) {
  return {
    id: r.id,
    from: r.period_start,
    to: r.period_end,
    status: r.status,
    outputTax: format(new Money(r.output_tax), currency),
    inputTax: format(new Money(r.input_tax), currency),
    netPayable: format(new Money(r.net_payable), currency),
    filedAt: isoTimestamp(r.filed_at),
  };
}

/**
 * Files the return of [from, to]: stores its figures and marks the documents it reports. From then on
 * nothing that moves tax may be dated in the period (409 `tax-period-filed`): corrections go into the
 * next return. The settings row is locked for update, so issues and voids in flight finish first (they
 * share-lock it) and none slips past the return. Returns never overlap.
 */
export async function fileTaxReturn(db: Db, ctx: RequestContext, from: string, to: string) {
  const id = await inTransaction(db, async (trx) => {
    assertRange(from, to, 'from');
    await baseCurrency(trx);
    await lockSettings(trx);
    const overlap = await repo.findOverlappingReturn(trx, from, to);
    if (overlap)
      throw new AppError('tax-period-filed', 409, 'Tax period filed', {
        detail: `The return for ${overlap.period_start} to ${overlap.period_end} is already filed: returns do not overlap.`,
      });
    const report = await taxReturnReport(trx, from, to);
    const row = await repo.insertTaxReturn(trx, {
      period_start: from,
      period_end: to,
      output_tax: report.outputTax,
      input_tax: report.inputTax,
      net_payable: report.netPayable,
      figures: JSON.stringify(report),
      filed_by: ctx.actor?.userId ?? null,
    });
    await sql`update finance.documents set tax_return_id = ${row.id}
               where status <> 'draft' and not opening_balance and tax_return_id is null
                 and document_date between ${from} and ${to}`.execute(trx);
    await sql`update finance.documents d set void_tax_return_id = ${row.id}
                from finance.journal_entries je
               where je.id = d.void_entry_id and d.status = 'void' and d.void_tax_return_id is null
                 and je.entry_date between ${from} and ${to}`.execute(trx);
    await writeAudit(trx, ctx, {
      action: 'tax-return.filed',
      entityType: 'finance.tax-return',
      entityId: row.id,
      after: { from, to, outputTax: report.outputTax, inputTax: report.inputTax, netPayable: report.netPayable },
    });
    return row.id;
  });
  return getTaxReturn(db, id);
}

export async function getTaxReturn(db: Db, id: string) {
  const row = await repo.findTaxReturn(db, id);
  if (!row) throw errors.notFound('Tax return', id);
  const currency = await baseCurrency(db);
  return { ...toReturnDto(row, currency), report: { ...(row.figures as TaxReturnReportDto), filedReturnId: row.id } };
}

export async function listTaxReturns(db: Db) {
  const currency = await baseCurrency(db);
  return { items: (await repo.listTaxReturns(db)).map((r) => toReturnDto(r, currency)) };
}
