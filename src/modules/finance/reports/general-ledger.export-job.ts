import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { objectKey } from '../../../platform/files/file-store.js';
import { toCsv } from '../../../platform/http/csv.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format } from '../money.js';
import type { z } from 'zod';
import type { GeneralLedgerExportPayload } from './general-ledger.export.js';
import * as repo from './general-ledger.repository.js';
import { formatUnits, toUnits, unitsToString } from './ledger-amounts.js';
import { natural, normalSide } from './report-common.js';

type Payload = z.output<typeof GeneralLedgerExportPayload>;

/** Where the export is: the next line's cursor, the running balance, what is written so far. */
interface Checkpoint {
  key: string;
  /** The header and the opening row (the start of the first part). */
  opening: string;
  name: string;
  currency: string;
  accountType: string;
  total: number;
  closingRow: string;
  cursor: { d: string; id: string } | null;
  /** The running balance after the cursor's line (exact, unformatted). */
  balance: string;
  rows: number;
  parts: number;
  /** Every line is in a part; only joining the parts is left. */
  linesDone: boolean;
  /** The final file is written (only removing the parts is left). */
  size?: number;
  sha256?: string;
}

export const GL_HEADER = ['date', 'entry_number', 'reference', 'memo', 'description', 'debit', 'credit', 'balance'];
const HEADER_TEXT = toCsv(GL_HEADER, []);
/** CSV lines without the header (the same cell rules as the synchronous export). */
const csvLines = (rows: (string | null)[][]) => toCsv(GL_HEADER, rows).slice(HEADER_TEXT.length);
const partKey = (key: string, n: number) => `${key}.part-${String(n).padStart(6, '0')}`;
/** Stop a slice with this much time left (a chunk plus its write takes far less). */
const RESERVE_MS = 5_000;

async function start(ctx: JobContext<Checkpoint>, payload: Payload): Promise<Checkpoint> {
  const account = await repo.findLedgerAccount(ctx.db, payload.accountId);
  if (!account) throw new Error(`There is no account ${payload.accountId}.`);
  const currency = await baseCurrency(ctx.db);
  const totals = await repo.ledgerTotals(ctx.db, account.id, payload.from, payload.to);
  const opening = natural(account.type, totals.od, totals.oc);
  const closing = opening.plus(natural(account.type, totals.pd, totals.pc));
  const count = await ctx.db
    .selectFrom('finance.journal_lines')
    .select(sql<string>`count(*)`.as('n'))
    .where('account_id', '=', account.id)
    .where('posted_date', 'is not', null)
    .where('posted_date', '>=', payload.from)
    .where('posted_date', '<=', payload.to)
    .executeTakeFirstOrThrow();
  const key = objectKey('results', ctx.jobId);
  return {
    key,
    name: `general-ledger-${account.code}-${payload.from}-${payload.to}.csv`,
    currency,
    accountType: account.type,
    total: Number(count.n),
    closingRow: csvLines([
      [
        payload.to,
        '',
        '',
        '',
        'Closing balance',
        format(new Money(totals.pd), currency),
        format(new Money(totals.pc), currency),
        format(closing, currency),
      ],
    ]),
    cursor: null,
    balance: opening.toFixed(),
    rows: 0,
    parts: 0,
    linesDone: false,
    // The first part starts with the header and the opening row.
    opening: HEADER_TEXT + csvLines([[payload.from, '', '', '', 'Opening balance', '', '', format(opening, currency)]]),
  };
}

/**
 * Writes the general ledger CSV in chunks: each chunk of lines (keyset on date, id) becomes a part
 * file, then the checkpoint moves past it (a chunk re-run after a crash rewrites the same part). When
 * every line is in, the parts are streamed into the final file in order and removed.
 */
export async function runGeneralLedgerExport(payload: Payload, ctx: JobContext<Checkpoint>): Promise<JobOutcome> {
  const store = await jobFileStore();
  let cp = (await ctx.checkpoint.load()) ?? (await start(ctx, payload));
  const type = cp.accountType as Parameters<typeof natural>[0];
  const debitNormal = normalSide(type) === 'debit';
  while (!cp.linesDone) {
    const lines = await repo.ledgerLines(ctx.db, payload.accountId, payload, cp.cursor ?? undefined, payload.chunkSize);
    // The running balance in exact 1/10,000 units (fast), or as Money for what they cannot hold.
    let units = toUnits(cp.balance);
    let money = units === null ? new Money(cp.balance) : null;
    const rows = lines.map((r) => {
      const debit = toUnits(r.base_debit);
      const credit = toUnits(r.base_credit);
      let amounts: [string, string, string];
      if (units !== null && debit !== null && credit !== null) {
        units += debitNormal ? debit - credit : credit - debit;
        amounts = [formatUnits(debit, cp.currency), formatUnits(credit, cp.currency), formatUnits(units, cp.currency)];
      } else {
        money = (money ?? new Money(unitsToString(units!))).plus(natural(type, r.base_debit, r.base_credit));
        units = null;
        amounts = [
          format(new Money(r.base_debit), cp.currency),
          format(new Money(r.base_credit), cp.currency),
          format(money, cp.currency),
        ];
      }
      return [r.posted_date!, r.number, r.reference, r.memo, r.description, ...amounts];
    });
    const last = lines.at(-1);
    const done = lines.length < payload.chunkSize;
    const text = (cp.parts === 0 ? cp.opening : '') + csvLines(rows) + (done ? cp.closingRow : '');
    await store.write(partKey(cp.key, cp.parts), text, { contentType: 'text/csv' });
    const next: Checkpoint = {
      ...cp,
      cursor: last ? { d: last.posted_date!, id: last.id } : cp.cursor,
      balance: units !== null ? unitsToString(units) : money!.toFixed(),
      rows: cp.rows + lines.length,
      parts: cp.parts + 1,
      linesDone: done,
    };
    await ctx.checkpoint.save(next);
    cp = next;
    const pct = cp.total > 0 ? (95 * cp.rows) / cp.total : 95;
    await ctx.progress(Math.min(95, pct), `${cp.rows.toLocaleString('en')} of ${cp.total.toLocaleString('en')} lines`);
    if (!cp.linesDone && ctx.remainingMs() < RESERVE_MS) return 'continue';
  }
  const parts = cp.parts;
  const key = cp.key;
  async function* joined() {
    for (let n = 0; n < parts; n++) {
      for await (const chunk of await store.read(partKey(key, n))) yield chunk as Uint8Array;
    }
  }
  if (cp.size === undefined || cp.sha256 === undefined) {
    const written = await store.write(key, Readable.from(joined()), { contentType: 'text/csv; charset=utf-8' });
    cp = { ...cp, size: written.size, sha256: written.sha256 };
    await ctx.checkpoint.save(cp);
  }
  for (let n = 0; n < parts; n++) await store.delete(partKey(key, n));
  return {
    result: {
      file: { key, name: cp.name, contentType: 'text/csv; charset=utf-8' },
      size: cp.size ?? 0,
      sha256: cp.sha256 ?? '',
      rows: cp.rows,
    },
  };
}
