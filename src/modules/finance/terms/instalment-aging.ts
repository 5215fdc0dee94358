import type { Decimal } from 'decimal.js';
import { daysBetween } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { Money, format, minorUnits } from '../money.js';
import { AGING_BUCKETS, SIDES, bucketFor, type AgingSide } from '../reports/aging.js';
import { agingDocuments } from '../reports/reports.repository.js';
import { settleOldestFirst, splitProportionally } from './schedule.js';
import { documentTotals } from './terms.repository.js';
import { instalmentsOf } from './terms.service.js';

type Bucket = (typeof AGING_BUCKETS)[number];

/**
 * The aging by instalment at a date: each open invoice (bill) is split into its instalments, what
 * was allocated to it up to the date settling them oldest due first, and each instalment's open
 * part goes into the bucket of its own due date. In the base currency, a document's open base is
 * split over its instalments in proportion to their open amounts (the last taking the remainder), so
 * the totals equal the debt side of `/reports/aging` to the cent. Credits and unallocated payments
 * are not instalments: they stay in `/reports/aging`.
 */
export async function instalmentAging(db: Db, side: AgingSide, date: string) {
  const base = await baseCurrency(db);
  const scale = minorUnits(base);
  const spec = SIDES[side];
  const rows = (
    await agingDocuments(
      db,
      {
        debt: spec.debt,
        credit: spec.credit,
        control: await accountForRole(db, spec.control),
        paymentDirection: spec.payments,
        scale,
      },
      date,
    )
  ).filter((r) => r.kind === spec.debt && !(new Money(r.open).eq(0) && new Money(r.open_base).eq(0)));
  const ids = rows.map((r) => r.id);
  const schedules = await instalmentsOf(db, ids);
  const docs = new Map((await documentTotals(db, ids)).map((d) => [d.id, d]));
  const totals = Object.fromEntries(AGING_BUCKETS.map((b) => [b, new Money(0)])) as Record<Bucket, Decimal>;
  const items: {
    documentId: string;
    number: string | null;
    partyId: string;
    partyName: string;
    seq: number;
    dueDate: string;
    currency: string;
    open: string;
    openBase: string;
    bucket: Bucket;
  }[] = [];
  for (const row of rows) {
    const { currency, total } = docs.get(row.id)!;
    const docTotal = new Money(total);
    const schedule = schedules.get(row.id) ?? [
      {
        seq: 1,
        dueDate: row.due_date,
        percent: '100',
        amount: docTotal.toString(),
        discountUntil: null,
        discountAmount: '0',
      },
    ];
    const settled = settleOldestFirst(schedule, docTotal.minus(row.open).toString()).filter(
      (i, _, all) => i.open.gt(0) || all.every((x) => x.open.eq(0)),
    );
    const openBase = splitProportionally(
      new Money(row.open_base),
      settled.map((i) => i.open),
      scale,
    );
    settled.forEach((inst, k) => {
      const bucket = bucketFor(daysBetween(inst.dueDate, date));
      totals[bucket] = totals[bucket].plus(openBase[k]!);
      items.push({
        documentId: row.id,
        number: row.number,
        partyId: row.party_id,
        partyName: row.party_name,
        seq: inst.seq,
        dueDate: inst.dueDate,
        currency,
        open: format(inst.open, currency),
        openBase: format(openBase[k]!, base),
        bucket,
      });
    });
  }
  items.sort((a, b) =>
    a.dueDate === b.dueDate
      ? (a.number ?? '').localeCompare(b.number ?? '') || a.seq - b.seq
      : a.dueDate < b.dueDate
        ? -1
        : 1,
  );
  return {
    side,
    date,
    currency: base,
    items,
    totals: {
      ...(Object.fromEntries(AGING_BUCKETS.map((b) => [b, format(totals[b], base)])) as Record<Bucket, string>),
      total: format(
        AGING_BUCKETS.reduce((s, b) => s.plus(totals[b]), new Money(0)),
        base,
      ),
    },
  };
}
