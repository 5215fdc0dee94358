import { Decimal } from 'decimal.js';
import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { minorUnits, Money } from '../../../platform/money/money.js';
import { requireProject, scopeOf } from '../access.js';
import { projectsErrors } from '../projects.errors.js';
import * as repo from './time.repository.js';

const percent = (part: string, whole: string | null) =>
  whole === null || new Money(whole).isZero()
    ? null
    : new Money(part).div(whole).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toNumber();

/** Budget against actuals (hours and money), for the project and each of its phases (its managers). */
export async function projectBudget(db: Db, ctx: RequestContext, projectId: string) {
  const { project, canManage } = await requireProject(db, scopeOf(ctx), projectId, 'read');
  // Costs come from salaries: the project's managers see them, not every member.
  if (!canManage) throw projectsErrors.notManager();
  const money = (v: string) => new Money(v).toFixed(minorUnits(project.currency), Decimal.ROUND_HALF_UP);
  const actual = await repo.projectActuals(db, projectId);
  const phases = await repo.phaseActuals(db, projectId);
  const cost = money(actual.cost);
  return {
    projectId,
    currency: project.currency,
    budgetHours: project.budget_hours,
    budgetAmount: project.budget_amount === null ? null : money(project.budget_amount),
    estimateHours: new Money(actual.estimate).toFixed(2),
    actualHours: new Money(actual.hours).toFixed(2),
    actualCost: cost,
    billableValue: money(actual.billable),
    invoicedAmount: money(actual.invoiced),
    hoursBurnPercent: percent(actual.hours, project.budget_hours),
    costBurnPercent: percent(cost, project.budget_amount),
    phases: phases.map((p) => ({
      taskId: p.id,
      key: p.key,
      title: p.title,
      estimateHours: new Money(p.estimate).toFixed(2),
      actualHours: new Money(p.hours).toFixed(2),
      actualCost: money(p.cost),
    })),
  };
}
