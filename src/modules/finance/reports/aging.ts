import type { Db } from '../../../platform/db/database.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { Money, format, minorUnits } from '../money.js';
import { agingDocuments } from './reports.repository.js';

export type AgingSide = 'receivables' | 'payables';
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
type Bucket = (typeof AGING_BUCKETS)[number];

export const SIDES: Record<
  AgingSide,
  { debt: string; credit: string; control: 'receivable' | 'payable'; payments: 'received' | 'made' }
> = {
  receivables: { debt: 'invoice', credit: 'credit-note', control: 'receivable', payments: 'received' },
  payables: { debt: 'bill', credit: 'vendor-credit', control: 'payable', payments: 'made' },
};

/** Items that count against the party: credits and (unallocated) payments. A refund counts for it. */
const CREDIT_ITEMS = new Set(['credit-note', 'vendor-credit', 'payment']);

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
 * date. Unapplied credit notes / vendor credits and the unallocated part of payments count against
 * their party (a credit in the bucket of its own due date, a payment in that of its date; a refund
 * for the party). In the base currency each item is what its entry booked on the control account
 * less the base amounts its allocations cleared (see `../documents/allocations.ts`): so the totals
 * equal the control account's balance to the cent (`tie-out.ts`).
 */
export async function aging(db: Db, side: AgingSide, date: string) {
  const base = await baseCurrency(db);
  const spec = SIDES[side];
  const rows = await agingDocuments(
    db,
    {
      debt: spec.debt,
      credit: spec.credit,
      control: await accountForRole(db, spec.control),
      paymentDirection: spec.payments,
      scale: minorUnits(base),
    },
    date,
  );

  const zero = () => Object.fromEntries(AGING_BUCKETS.map((b) => [b, new Money(0)])) as Record<Bucket, Money>;
  const parties = new Map<string, { name: string; buckets: Record<Bucket, Money>; documents: number }>();
  const totals = zero();
  for (const row of rows) {
    const openBase = new Money(row.open_base);
    if (new Money(row.open).eq(0) && openBase.eq(0)) continue;
    const signed = openBase.times(CREDIT_ITEMS.has(row.kind) ? -1 : 1);
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
