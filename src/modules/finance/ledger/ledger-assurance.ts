import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/**
 * Evidence about the ledger for Compliance's collectors (issue #18), read here so Compliance never
 * names Finance's tables: which fiscal periods are closed and the ledger's lock date, and whether any
 * posted journal entry changed after it was posted.
 */

export interface FiscalCloseReport {
  /** The ledger-wide lock date: the end of the latest closed fiscal year (nothing on or before it can change). */
  closedThrough: string | null;
  years: {
    year: number;
    startDate: string;
    endDate: string;
    status: 'open' | 'closed';
    closedAt: string | null;
    closingEntryId: string | null;
    periods: {
      period: number;
      startDate: string;
      endDate: string;
      status: 'open' | 'closed';
      closedAt: string | null;
    }[];
  }[];
  /** Entries posted into a period after that period was closed (must be none: posting needs an open period). */
  postedIntoClosedPeriods: {
    entryId: string;
    number: string | null;
    entryDate: string;
    postedAt: string;
    periodClosedAt: string;
  }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function fiscalCloseReport(db: Db): Promise<FiscalCloseReport> {
  const [years, periods, late] = await Promise.all([
    db.selectFrom('finance.fiscal_years').selectAll().orderBy('year').execute(),
    db.selectFrom('finance.fiscal_periods').selectAll().orderBy('year').orderBy('period').execute(),
    db
      .selectFrom('finance.journal_entries as e')
      .innerJoin('finance.fiscal_periods as p', (j) =>
        j.onRef('p.start_date', '<=', 'e.entry_date').onRef('p.end_date', '>=', 'e.entry_date'),
      )
      .select(['e.id', 'e.number', 'e.entry_date', 'e.posted_at', 'p.closed_at'])
      .where('e.status', '=', 'posted')
      .where('p.status', '=', 'closed')
      .where(sql<boolean>`e.posted_at > p.closed_at`)
      .orderBy('e.entry_date')
      .orderBy('e.id')
      .limit(1000)
      .execute(),
  ]);
  const closed = years.filter((y) => y.status === 'closed').map((y) => y.end_date);
  return {
    closedThrough: closed.length > 0 ? closed.sort()[closed.length - 1]! : null,
    years: years.map((y) => ({
      year: y.year,
      startDate: y.start_date,
      endDate: y.end_date,
      status: y.status,
      closedAt: iso(y.closed_at),
      closingEntryId: y.closing_entry_id,
      periods: periods
        .filter((p) => p.year === y.year)
        .map((p) => ({
          period: p.period,
          startDate: p.start_date,
          endDate: p.end_date,
          status: p.status,
          closedAt: iso(p.closed_at),
        })),
    })),
    postedIntoClosedPeriods: late.map((r) => ({
      entryId: r.id,
      number: r.number,
      entryDate: r.entry_date,
      postedAt: r.posted_at!.toISOString(),
      periodClosedAt: r.closed_at!.toISOString(),
    })),
  };
}

/** The database triggers that keep posted entries and their lines unchangeable (migration 2026-11-25T1300). */
export const POSTED_ENTRY_GUARDS = [
  { table: 'journal_entries', trigger: 'journal_entries_immutable' },
  { table: 'journal_lines', trigger: 'journal_lines_immutable' },
] as const;

export interface PostedEntryIntegrity {
  postedEntries: number;
  /** Each guard trigger and whether it is installed and enabled. */
  guards: { table: string; trigger: string; enabled: boolean }[];
  /** Audit records that changed or deleted an entry after its `journal-entry.posted` record. */
  changedAfterPosting: {
    entryId: string;
    number: string | null;
    auditId: string;
    action: string;
    occurredAt: string;
    actorId: string | null;
    postedAt: string;
  }[];
  /** Posted entries whose stored state no longer matches what posting leaves (changed around the guards). */
  inconsistent: { entryId: string; number: string | null; problems: string[] }[];
}

const LIMIT = 1000;

/**
 * Whether any posted entry changed after posting (docs/adr/0022): posting is final — corrections are
 * reversals, new entries — and the database refuses changes to a posted entry or its lines. Three
 * checks: the guards are installed and enabled; the audit trail holds no update or delete of an entry
 * after its posting; and every posted entry still looks as posting left it (a number and a posting
 * time, every line dated on the entry's date, debits equal to credits in the base currency, no change
 * after posting other than being reversed).
 */
export async function postedEntryIntegrity(db: Db): Promise<PostedEntryIntegrity> {
  const triggers = await sql<{ table: string; trigger: string; enabled: string }>`
    select c.relname as "table", t.tgname as "trigger", t.tgenabled as "enabled"
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'finance' and not t.tgisinternal`.execute(db);
  const guards = POSTED_ENTRY_GUARDS.map((g) => {
    const row = triggers.rows.find((r) => r.table === g.table && r.trigger === g.trigger);
    // 'O' fires in origin mode (the default), 'A' always; 'D' disabled, 'R' only on replicas.
    return { ...g, enabled: row !== undefined && (row.enabled === 'O' || row.enabled === 'A') };
  });

  const count = await db
    .selectFrom('finance.journal_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'posted')
    .executeTakeFirstOrThrow();

  const changed = await sql<{
    entity_id: string;
    id: string;
    action: string;
    occurred_at: Date;
    actor_id: string | null;
    posted_at: Date;
  }>`
    select a.entity_id, a.id::text as id, a.action, a.occurred_at, a.actor_id, p.occurred_at as posted_at
      from platform.audit_log p
      join platform.audit_log a
        on a.entity_type = p.entity_type and a.entity_id = p.entity_id and a.id > p.id
     where p.entity_type = 'finance.journal-entry' and p.action = 'journal-entry.posted'
       and a.action in ('journal-entry.updated', 'journal-entry.deleted')
     order by a.id
     limit ${LIMIT}`.execute(db);
  const numbers = new Map<string, string | null>();
  const ids = [...new Set(changed.rows.map((r) => r.entity_id))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (ids.length > 0)
    for (const e of await db
      .selectFrom('finance.journal_entries')
      .select(['id', 'number'])
      .where('id', 'in', ids)
      .execute())
      numbers.set(e.id, e.number);

  const odd = await sql<{
    id: string;
    number: string | null;
    no_number: boolean;
    no_posting: boolean;
    lines: number;
    misdated: number;
    debit: string;
    credit: string;
    touched: boolean;
  }>`
    select e.id, e.number, e.number is null as no_number, e.posted_at is null as no_posting,
           count(l.id)::int as lines,
           count(l.id) filter (where l.posted_date is distinct from e.entry_date)::int as misdated,
           coalesce(sum(l.base_debit), 0)::text as debit, coalesce(sum(l.base_credit), 0)::text as credit,
           (e.updated_at > e.posted_at + interval '1 second' and e.reversed_by_entry_id is null) as touched
      from finance.journal_entries e left join finance.journal_lines l on l.entry_id = e.id
     where e.status = 'posted'
     group by e.id
    having e.number is null or e.posted_at is null or count(l.id) < 2
        or count(l.id) filter (where l.posted_date is distinct from e.entry_date) > 0
        or coalesce(sum(l.base_debit), 0) <> coalesce(sum(l.base_credit), 0)
        or (e.updated_at > e.posted_at + interval '1 second' and e.reversed_by_entry_id is null)
     order by e.id
     limit ${LIMIT}`.execute(db);

  return {
    postedEntries: Number(count.n),
    guards,
    changedAfterPosting: changed.rows.map((r) => ({
      entryId: r.entity_id,
      number: numbers.get(r.entity_id) ?? null,
      auditId: r.id,
      action: r.action,
      occurredAt: new Date(r.occurred_at).toISOString(),
      actorId: r.actor_id,
      postedAt: new Date(r.posted_at).toISOString(),
    })),
    inconsistent: odd.rows.map((r) => ({
      entryId: r.id,
      number: r.number,
      problems: [
        ...(r.no_number ? ['no entry number'] : []),
        ...(r.no_posting ? ['no posting time'] : []),
        ...(Number(r.lines) < 2 ? [`${r.lines} line(s)`] : []),
        ...(Number(r.misdated) > 0 ? [`${r.misdated} line(s) dated apart from the entry`] : []),
        ...(r.debit !== r.credit ? [`debits ${r.debit} ≠ credits ${r.credit}`] : []),
        ...(r.touched ? ['updated after posting without being reversed'] : []),
      ],
    })),
  };
}
