import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { baseCurrency } from '../../finance/index.js';
import type { HrViewer } from '../access.js';
import { calculateInto } from './run-calculation.js';
import { runReader } from './payroll.access.js';
import { payrollErrors } from './payroll.errors.js';
import { fmt, Money, trimDecimal } from './payroll.shared.js';
import type { RunStatus } from './payroll.tables.js';
import * as repo from './runs.repository.js';
import type { CreateRunInput, PayrollRunDto, RunListFilter } from './runs.schemas.js';

export const RUN_ENTITY = 'hr.payroll-run';

type Exclusions = Awaited<ReturnType<typeof repo.exclusionsOf>>;

export function toRunDto(row: repo.RunRow, viewer: Pick<HrViewer, 'admin'>, exclusions?: Exclusions): PayrollRunDto {
  return {
    id: row.id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    payDate: row.pay_date,
    currency: row.currency,
    payFrequency: row.pay_frequency,
    status: row.status,
    notes: row.notes,
    reviewNotes: row.review_notes,
    cancelReason: row.cancel_reason,
    totals: viewer.admin
      ? {
          employees: row.employee_count,
          gross: fmt(row.total_gross),
          deductions: fmt(row.total_deductions),
          net: fmt(row.total_net),
        }
      : null,
    ...(viewer.admin && exclusions
      ? {
          excluded: exclusions.map((x) => ({
            employeeId: x.employee_id,
            employeeNumber: x.employee_number,
            name: `${x.first_name} ${x.last_name}`,
            reason: x.reason,
            detail: x.detail,
          })),
        }
      : {}),
    journalEntryId: row.journal_entry_id,
    exchangeRate: row.exchange_rate === null ? null : trimDecimal(row.exchange_rate),
    calculatedAt: isoTimestampOrNull(row.calculated_at),
    reviewedAt: isoTimestampOrNull(row.reviewed_at),
    reviewedBy: row.reviewed_by,
    approvedAt: isoTimestampOrNull(row.approved_at),
    approvedBy: row.approved_by,
    cancelledAt: isoTimestampOrNull(row.cancelled_at),
    cancelledBy: row.cancelled_by,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

const ADMIN = { admin: true };

/** GET /payroll/settings (hr:admin or hr:compensation): Finance's base currency, for new runs. */
export async function payrollSettings(db: Db, ctx: RequestContext) {
  await runReader(db, ctx);
  return { baseCurrency: await baseCurrency(db) };
}

export async function listRuns(db: Db, ctx: RequestContext, f: RunListFilter) {
  const viewer = await runReader(db, ctx);
  const page = await repo.listRuns(db, f);
  return { items: page.items.map((r) => toRunDto(r, viewer)), nextCursor: page.nextCursor };
}

export async function getRun(db: Db, ctx: RequestContext, id: string) {
  const viewer = await runReader(db, ctx);
  const row = await repo.findRun(db, id);
  if (!row) throw errors.notFound('Payroll run', id);
  return toRunDto(row, viewer, viewer.admin ? await repo.exclusionsOf(db, id) : undefined);
}

/** The run, locked for the rest of the transaction, at the version the caller saw and in an allowed status. */
export async function lockRun(
  trx: Tx,
  id: string,
  version: number,
  action: string,
  allowed: readonly RunStatus[],
): Promise<repo.RunRow> {
  const run = await repo.findRun(trx, id, { forUpdate: true });
  if (!run) throw errors.notFound('Payroll run', id);
  if (!allowed.includes(run.status)) throw payrollErrors.runStatus(run.status, action, allowed);
  assertVersion('Payroll run', run, version);
  return run;
}

/**
 * A run for a period, currency and pay frequency (hr:admin). Runs of the same currency and
 * frequency never share a day unless one is cancelled: checked under a per-currency lock.
 */
export async function createRun(db: Db, ctx: RequestContext, input: CreateRunInput) {
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`moms.hr.payroll-run:${input.currency}:${input.payFrequency}`}))`.execute(
      trx,
    );
    const other = await repo.findOverlapping(
      trx,
      input.currency,
      input.payFrequency,
      input.periodStart,
      input.periodEnd,
    );
    if (other) throw payrollErrors.runOverlaps(other.id, other.period_start, other.period_end);
    const row = await repo.insertRun(trx, {
      period_start: input.periodStart,
      period_end: input.periodEnd,
      pay_date: input.payDate,
      currency: input.currency,
      pay_frequency: input.payFrequency,
      notes: input.notes ?? null,
      review_notes: null,
      cancel_reason: null,
      journal_entry_id: null,
      exchange_rate: null,
      created_by: ctx.actor?.userId ?? null,
      calculated_at: null,
      reviewed_at: null,
      reviewed_by: null,
      approved_at: null,
      approved_by: null,
      cancelled_at: null,
      cancelled_by: null,
    });
    await writeAudit(trx, ctx, {
      action: 'payroll-run.created',
      entityType: RUN_ENTITY,
      entityId: row.id,
      after: { ...row },
    });
    return toRunDto(row, ADMIN, []);
  });
}

/** (Re)computes every payslip of a draft or calculated run from today's employee data. */
export async function calculateRun(db: Db, ctx: RequestContext, id: string, version: number) {
  return inTransaction(db, async (trx) => {
    const run = await lockRun(trx, id, version, 'calculated', ['draft', 'calculated']);
    await repo.clearRun(trx, id);
    const totals = await calculateInto(trx, run);
    const after = await repo.updateRun(trx, id, {
      status: 'calculated',
      employee_count: totals.employees,
      total_gross: totals.gross,
      total_deductions: totals.deductions,
      total_net: totals.net,
      calculated_at: new Date(),
    });
    await writeAudit(trx, ctx, {
      action: 'payroll-run.calculated',
      entityType: RUN_ENTITY,
      entityId: id,
      before: { status: run.status, version: run.version },
      after: { status: after.status, ...totals },
    });
    return toRunDto(after, ADMIN, await repo.exclusionsOf(trx, id));
  });
}

/** Marks a calculated run as checked; refused when it pays nothing or a payslip's net is negative. */
export async function reviewRun(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; notes?: string | undefined },
) {
  return inTransaction(db, async (trx) => {
    const run = await lockRun(trx, id, input.version, 'reviewed', ['calculated']);
    const totals = await repo.runTotals(trx, id);
    if (totals.employees === 0 || new Money(totals.gross).isZero()) throw payrollErrors.runEmpty();
    if (totals.flagged.length > 0) throw payrollErrors.negativeNet(totals.flagged);
    const after = await repo.updateRun(trx, id, {
      status: 'reviewed',
      review_notes: input.notes ?? null,
      reviewed_at: new Date(),
      reviewed_by: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'payroll-run.reviewed',
      entityType: RUN_ENTITY,
      entityId: id,
      before: { status: run.status },
      after: { status: after.status, notes: after.review_notes },
    });
    return toRunDto(after, ADMIN, await repo.exclusionsOf(trx, id));
  });
}

/** Cancels a run that is not approved: its draft payslips are removed; its dates are free again. */
export async function cancelRun(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; reason?: string | undefined },
) {
  return inTransaction(db, async (trx) => {
    const run = await lockRun(trx, id, input.version, 'cancelled', ['draft', 'calculated', 'reviewed']);
    await repo.clearRun(trx, id);
    const after = await repo.updateRun(trx, id, {
      status: 'cancelled',
      cancel_reason: input.reason ?? null,
      cancelled_at: new Date(),
      cancelled_by: ctx.actor?.userId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'payroll-run.cancelled',
      entityType: RUN_ENTITY,
      entityId: id,
      before: { status: run.status },
      after: { status: after.status, reason: after.cancel_reason },
    });
    return toRunDto(after, ADMIN, []);
  });
}
