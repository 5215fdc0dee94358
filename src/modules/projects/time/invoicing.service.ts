import { Decimal } from 'decimal.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { isoTimestamp, today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { minorUnits, Money } from '../../../platform/money/money.js';
import { userDisplayNames } from '../../auth/index.js';
import { createDocumentDraft } from '../../finance/index.js';
import { requireProject, scopeOf } from '../access.js';
import { projectsErrors } from '../projects.errors.js';
import * as repo from './time.repository.js';
import type { CreateInvoiceInput } from './time.schemas.js';

const toDto = (r: Awaited<ReturnType<typeof repo.listInvoices>>[number]) => ({
  id: r.id,
  projectId: r.project_id,
  from: r.period_from,
  to: r.period_to,
  documentId: r.document_id,
  hours: r.hours,
  amount: new Money(r.amount).toFixed(minorUnits(r.currency)),
  currency: r.currency,
  entries: r.entries,
  createdAt: isoTimestamp(r.created_at),
});

export async function listInvoices(db: Db, ctx: RequestContext, projectId: string) {
  await requireProject(db, scopeOf(ctx), projectId, 'read');
  return { items: (await repo.listInvoices(db, projectId)).map(toDto) };
}

/**
 * Invoices a period of a time-and-materials project: its approved, billable, not yet invoiced time
 * becomes one DRAFT invoice in Finance for the project's client (a line per person and rate), and
 * those entries are marked invoiced — all in one transaction. The project row is locked first, so
 * two requests for the same project run one after the other: the second finds nothing left (409
 * nothing-to-invoice), and no hour is ever billed twice.
 */
export async function invoicePeriod(db: Db, ctx: RequestContext, projectId: string, input: CreateInvoiceInput) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    const { project } = await requireProject(trx, scope, projectId, 'manage', { forUpdate: true });
    if (project.billing_method !== 'time_and_materials')
      throw projectsErrors.notInvoiceable('Only time-and-materials projects invoice their time.');
    if (!project.client_party_id) throw projectsErrors.notInvoiceable('The project has no client to invoice.');
    const entries = await repo.invoiceableEntries(trx, projectId, input.from, input.to);
    if (entries.length === 0) throw projectsErrors.nothingToInvoice(input.from, input.to);
    const unrated = entries.filter((e) => e.billing_rate === null);
    if (unrated.length > 0)
      throw projectsErrors.notInvoiceable(
        `${unrated.length} time entr${unrated.length === 1 ? 'y has' : 'ies have'} no billing rate: set the members' billing rates or the project's default rate.`,
      );
    // One line per person and rate, in hours.
    const groups = new Map<string, { userId: string; rate: string; hours: Decimal }>();
    for (const e of entries) {
      const key = `${e.user_id}|${e.billing_rate}`;
      const g = groups.get(key) ?? { userId: e.user_id, rate: e.billing_rate!, hours: new Money(0) };
      g.hours = g.hours.plus(e.hours);
      groups.set(key, g);
    }
    const names = await userDisplayNames(
      trx,
      [...groups.values()].map((g) => g.userId),
    );
    const digits = minorUnits(project.currency);
    let total = new Money(0);
    let hours = new Money(0);
    const lines = [...groups.values()].map((g) => {
      total = total.plus(g.hours.times(g.rate).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP));
      hours = hours.plus(g.hours);
      return {
        description: `${project.code}: ${names.get(g.userId) ?? g.userId}, ${input.from} to ${input.to}`,
        quantity: g.hours.toFixed(2),
        unitPrice: new Money(g.rate).toFixed(),
        discountPercent: '0',
        taxRate: '0',
      };
    });
    const documentId = await createDocumentDraft(trx, ctx, 'invoice', {
      partyId: project.client_party_id,
      date: input.date ?? today(),
      currency: project.currency,
      reference: `${project.code} ${input.from}/${input.to}`,
      memo: `Time of project ${project.code} ${project.name}, ${input.from} to ${input.to}.`,
      lines,
    });
    const invoice = await repo.insertInvoice(trx, {
      project_id: projectId,
      period_from: input.from,
      period_to: input.to,
      document_id: documentId,
      hours: hours.toFixed(2),
      amount: total.toFixed(digits),
      currency: project.currency,
      created_by: scope.userId,
    });
    await repo.markInvoiced(
      trx,
      entries.map((e) => e.id),
      invoice.id,
    );
    await writeAudit(trx, ctx, {
      action: 'project.invoiced',
      entityType: 'projects.project',
      entityId: projectId,
      after: { ...invoice, entries: entries.length },
    });
    return toDto({ ...invoice, entries: entries.length });
  });
}
