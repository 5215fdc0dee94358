import type { Db } from '../../../platform/db/database.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format, roundTo } from '../money.js';
import { agingDocuments } from './reports.repository.js';

export type AgingSide = 'receivables' | 'payables';
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
type Bucket = (typeof AGING_BUCKETS)[number];

const SIDES: Record<AgingSide, { debt: string; credit: string }> = {
  receivables: { debt: 'invoice', credit: 'credit-note' },
  payables: { debt: 'bill', credit: 'vendor-credit' },
};

/** Days past due → bucket. Not yet due (or due today) is current. */
export function bucketFor(daysOverdue: number): Bucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '90+';
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * Receivables (or payables) aging at a date, in the base currency: what each issued document still
 * had open on that date (its total less the allocations made up to then), by days past its due
 * date. Unapplied credit notes / vendor credits count against their party, in the bucket of their
 * own due date. Documents are converted at their own exchange rate.
 */
export async function aging(db: Db, side: AgingSide, date: string) {
  const base = await baseCurrency(db);
  const kinds = SIDES[side];
  const rows = await agingDocuments(db, kinds, date);

  const zero = () => Object.fromEntries(AGING_BUCKETS.map((b) => [b, new Money(0)])) as Record<Bucket, Money>;
  const parties = new Map<string, { name: string; buckets: Record<Bucket, Money>; documents: number }>();
  const totals = zero();
  for (const row of rows) {
    const open = new Money(row.open);
    if (open.eq(0)) continue;
    const signed = roundTo(open.times(row.exchange_rate), base).times(row.kind === kinds.credit ? -1 : 1);
    const bucket = bucketFor(daysBetween(row.due_date, date));
    const party = parties.get(row.party_id) ?? { name: row.party_name, buckets: zero(), documents: 0 };
    party.buckets[bucket] = party.buckets[bucket].plus(signed);
    party.documents += 1;
    parties.set(row.party_id, party);
    totals[bucket] = totals[bucket].plus(signed);
  }
  const asStrings = (b: Record<Bucket, Money>) => {
    const out = Object.fromEntries(AGING_BUCKETS.map((k) => [k, format(b[k], base)])) as Record<Bucket, string>;
    return {
      ...out,
      total: format(
        AGING_BUCKETS.reduce((s, k) => s.plus(b[k]), new Money(0)),
        base,
      ),
    };
  };
  return {
    side,
    date,
    currency: base,
    rows: [...parties]
      .map(([partyId, p]) => ({ partyId, partyName: p.name, documents: p.documents, ...asStrings(p.buckets) }))
      .sort((a, b) => a.partyName.localeCompare(b.partyName)),
    totals: asStrings(totals),
  };
}
