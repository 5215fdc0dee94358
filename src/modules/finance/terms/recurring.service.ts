import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { createDraft } from '../documents/documents.service.js';
import { issueDocument } from '../documents/issue.service.js';
import { sendDocument } from '../printing/sends.service.js';
import * as repo from './recurring.repository.js';
import { nextOccurrence, occurrences, periodOf } from './schedule.js';
import { RecurringDocument, type RecurringTemplateInputT, type RecurringDocumentT } from './terms.schemas.js';

type TemplateRow = Awaited<ReturnType<typeof repo.listTemplates>>[number];
type RunRow = Awaited<ReturnType<typeof repo.runsOf>>[number];

/** At most this many periods are caught up per template and run (a long-stopped schedule catches up over days). */
const CATCH_UP = 12;

const scheduleOf = (t: {
  frequency: TemplateRow['frequency'];
  day_of_month: number;
  start_date: string;
  end_date: string | null;
}) => ({
  frequency: t.frequency,
  dayOfMonth: t.day_of_month,
  startDate: t.start_date,
  endDate: t.end_date,
});

function toTemplateDto(t: TemplateRow, runs: RunRow[]) {
  const last = runs[0]?.issue_date ?? null;
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    partyId: t.party_id,
    partyName: t.party_name,
    frequency: t.frequency,
    dayOfMonth: t.day_of_month,
    startDate: t.start_date,
    endDate: t.end_date,
    emailOnIssue: t.email_on_issue,
    active: t.active,
    document: (t.document ?? {}) as Record<string, unknown>,
    nextRunDate: t.active ? nextOccurrence(scheduleOf(t), last) : null,
    lastError: t.last_error,
    runs: runs.slice(0, 24).map((r) => ({ period: r.period, issueDate: r.issue_date, documentId: r.document_id })),
    version: t.version,
  };
}

export async function listRecurringTemplates(db: Db) {
  const rows = await repo.listTemplates(db);
  const runs = await repo.runsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      toTemplateDto(
        r,
        runs.filter((x) => x.template_id === r.id),
      ),
    ),
  };
}

export async function getRecurringTemplate(db: Db, id: string) {
  const [row] = await repo.listTemplates(db, { id });
  if (!row) throw errors.notFound('Recurring template', id);
  return toTemplateDto(row, await repo.runsOf(db, [id]));
}

class DryRun extends Error {}

/**
 * Checks the template's draft as the invoice / bill code would (party, accounts, tax codes,
 * dimensions, term): it is created in a transaction that is then rolled back.
 */
async function assertDraftValid(db: Db, ctx: RequestContext, input: RecurringTemplateInputT) {
  if (db.isTransaction) return;
  try {
    await inTransaction(db, async (trx) => {
      await createDraft(trx, ctx, input.kind, draftInput(input.document, input.startDate));
      throw new DryRun();
    });
  } catch (error) {
    if (error instanceof DryRun) return;
    if (error instanceof AppError && error.errors)
      throw new AppError(error.code, error.status, error.message, {
        detail: error.detail,
        errors: error.errors.map((e) => ({
          ...e,
          path: e.path === 'partyId' ? 'document.partyId' : `document.${e.path}`,
        })),
      });
    throw error;
  }
}

const draftInput = (document: RecurringDocumentT, date: string) => ({ ...document, date });

function values(input: RecurringTemplateInputT) {
  if (input.endDate !== null && input.endDate < input.startDate)
    throw errors.validation([{ path: 'endDate', message: 'The end date is on or after the start date.' }]);
  return {
    kind: input.kind,
    name: input.name,
    party_id: input.document.partyId,
    document: JSON.stringify(input.document),
    frequency: input.frequency,
    day_of_month: input.dayOfMonth,
    start_date: input.startDate,
    end_date: input.endDate,
    email_on_issue: input.emailOnIssue,
    active: input.active,
  };
}

export async function createRecurringTemplate(db: Db, ctx: RequestContext, input: RecurringTemplateInputT) {
  const v = values(input);
  await assertDraftValid(db, ctx, input);
  const id = await inTransaction(db, async (trx) => {
    const { id } = await repo.insertTemplate(trx, { ...v, created_by: ctx.actor?.userId ?? null });
    await writeAudit(trx, ctx, {
      action: 'recurring-template.created',
      entityType: 'finance.recurring-template',
      entityId: id,
      after: input,
    });
    return id;
  });
  return getRecurringTemplate(db, id);
}

export async function updateRecurringTemplate(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: RecurringTemplateInputT & { version: number },
) {
  const v = values(input);
  await assertDraftValid(db, ctx, input);
  await inTransaction(db, async (trx) => {
    const before = await repo.lockTemplate(trx, id);
    if (!before) throw errors.notFound('Recurring template', id);
    assertVersion('Recurring template', before, input.version);
    await repo.updateTemplate(trx, id, v);
    await writeAudit(trx, ctx, {
      action: 'recurring-template.updated',
      entityType: 'finance.recurring-template',
      entityId: id,
      before: { ...before },
      after: input,
    });
  });
  return getRecurringTemplate(db, id);
}

export async function deleteRecurringTemplate(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockTemplate(trx, id);
    if (!before) throw errors.notFound('Recurring template', id);
    assertVersion('Recurring template', before, version);
    if ((await repo.runsOf(trx, [id])).length > 0)
      throw errors.conflict('This template has issued documents: deactivate it (or set an end date) instead.');
    await repo.deleteTemplate(trx, id);
    await writeAudit(trx, ctx, {
      action: 'recurring-template.deleted',
      entityType: 'finance.recurring-template',
      entityId: id,
      before: { ...before },
    });
  });
}

class AlreadyIssued extends Error {}

/**
 * Issues every recurring document due up to `date` (the daily job; also `POST /recurring/run`):
 * per active template, each issue date from its start (or its last issued period) up to `date` and
 * its end date. Each period is issued in its own transaction that claims it in
 * `finance.recurring_runs` (unique template + period): a run that finds the period claimed — by an
 * earlier run, or by one in flight at the same moment (the insert waits for it) — issues nothing, so
 * a schedule running twice issues once. The document is a draft from the template dated on the
 * issue date, issued through the normal invoice / bill code (numbering, posting, period lock), and
 * — when the template says so — emailed through the documents' send log, all in that transaction.
 * A period that fails (a closed period, a deactivated party) is kept on the template
 * (`lastError`) and tried again on the next run.
 */
export async function runRecurring(db: Db, ctx: RequestContext, date = today()) {
  const result = { issued: 0, skipped: 0, failed: 0 };
  const templates = await repo.listTemplates(db, { activeOnly: true });
  const runs = await repo.runsOf(
    db,
    templates.map((t) => t.id),
  );
  for (const t of templates) {
    const done = new Set(runs.filter((r) => r.template_id === t.id).map((r) => r.period));
    const due = occurrences(scheduleOf(t), date)
      .filter((d) => !done.has(periodOf(d)))
      .slice(0, CATCH_UP);
    let error: string | null = null;
    for (const issueDate of due) {
      try {
        const issued = await issuePeriod(db, ctx, t, issueDate);
        if (issued) result.issued += 1;
        else result.skipped += 1;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result.failed += 1;
        error = `${periodOf(issueDate)}: ${e.detail}`.slice(0, 1000);
        break;
      }
    }
    if (error !== t.last_error && (due.length > 0 || t.last_error !== null)) await repo.setLastError(db, t.id, error);
  }
  return result;
}

async function issuePeriod(db: Db, ctx: RequestContext, t: TemplateRow, issueDate: string): Promise<boolean> {
  const period = periodOf(issueDate);
  try {
    await inTransaction(db, async (trx) => {
      const parsed = RecurringDocument.safeParse(t.document);
      if (!parsed.success)
        throw errors.validation(
          parsed.error.issues.map((i) => ({ path: `document.${i.path.join('.')}`, message: i.message })),
          'The template no longer makes a valid draft: edit it.',
        );
      const document = parsed.data;
      const id = await createDraft(trx, ctx, t.kind, draftInput(document, issueDate));
      if (!(await repo.claimPeriod(trx, { template_id: t.id, period, issue_date: issueDate, document_id: id })))
        throw new AlreadyIssued();
      await issueDocument(trx, ctx, t.kind, id, undefined);
      if (t.email_on_issue) {
        const send = await sendDocument(trx, ctx, t.kind, id, {}, { system: ctx.actor === null });
        await repo.setRunSend(trx, t.id, period, send.id);
      }
      await writeAudit(trx, ctx, {
        action: 'recurring-template.issued',
        entityType: 'finance.recurring-template',
        entityId: t.id,
        after: { period, issueDate, documentId: id, emailed: t.email_on_issue },
      });
    });
    return true;
  } catch (error) {
    if (error instanceof AlreadyIssued) return false;
    throw error;
  }
}
