import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { Money } from '../../platform/money/money.js';

/**
 * Metrics for Strategy (through index.ts), over every opportunity and lead (no per-owner
 * visibility: Strategy checks `crm:read` before it shows them). Amounts in one currency: an
 * opportunity in another currency is not converted, it is left out.
 */
interface Range {
  from: string;
  to: string;
}

/** The amount of the opportunities won (closed) in [from, to], in `currency`. */
export async function wonAmount(db: Db, range: Range & { currency: string }): Promise<string> {
  const { rows } = await sql<{ amount: string }>`
    select coalesce(sum(amount), 0)::text as amount from crm.opportunities
    where status = 'won' and currency = ${range.currency}
      and (closed_at at time zone 'UTC')::date between ${range.from} and ${range.to}`.execute(db);
  return new Money(rows[0]!.amount).toFixed(2);
}

/** Of the opportunities closed in [from, to], the share won, in percent (null when none closed). */
export async function winRate(db: Db, range: Range): Promise<string | null> {
  const { rows } = await sql<{ won: number; closed: number }>`
    select (count(*) filter (where status = 'won'))::int as won, count(*)::int as closed from crm.opportunities
    where status in ('won', 'lost') and (closed_at at time zone 'UTC')::date between ${range.from} and ${range.to}`.execute(
    db,
  );
  const { won, closed } = rows[0]!;
  return closed === 0 ? null : new Money(won).times(100).div(closed).toFixed(2);
}

/** The open pipeline now, in `currency`: the opportunities' amounts, or weighted by their probability. */
export async function pipelineValue(db: Db, options: { currency: string; weighted: boolean }): Promise<string> {
  const amount = options.weighted ? sql`amount * probability / 100` : sql`amount`;
  const { rows } = await sql<{ amount: string }>`
    select coalesce(sum(${amount}), 0)::text as amount from crm.opportunities
    where status = 'open' and currency = ${options.currency}`.execute(db);
  return new Money(rows[0]!.amount).toFixed(2);
}

/** Leads created in [from, to]. */
export async function newLeads(db: Db, range: Range): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from crm.leads
    where (created_at at time zone 'UTC')::date between ${range.from} and ${range.to}`.execute(db);
  return rows[0]!.n;
}
