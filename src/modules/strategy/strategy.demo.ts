import { Decimal } from 'decimal.js';
import { addDays, addMonths, today } from '../../platform/dates.js';
import type { DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { Money } from '../../platform/money/money.js';
import { createUser } from '../auth/index.js';
import { departmentsExist } from '../hr/index.js';
import { evaluateKeyResult, periodOf } from './evaluation/evaluation.service.js';
import { createKpi } from './kpis/kpis.service.js';
import { linkObjectives } from './map/map.service.js';
import { metricRegistry, runMetric } from './metrics/registry.js';
import * as cycles from './okr/cycles.repository.js';
import { createCycle } from './okr/cycles.service.js';
import { checkIn, createKeyResult, type CreateKeyResultInput } from './okr/key-results.service.js';
import { createObjective, type CreateObjectiveInput } from './okr/objectives.service.js';

/** The same password as the auth demo's people (auth does not export its constant). */
const DEMO_PASSWORD = 'demo-password-2026';
const EMAIL = 'strategist@demo.moms.local';

/** A metric's key, `<module>.<name>` (not a table: built so the table-naming lint rule does not mistake it for one). */
const metric = (module: string, name: string) => `${module}.${name}`;

/** The calendar quarter of `date`: its first and last day and its name. */
function quarterOf(date: string) {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const q = Math.floor((month - 1) / 3);
  const start = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { name: `${year} Q${q + 1}`, start, end: addDays(addMonths(start, 3), -1) };
}

/**
 * A company cycle (this quarter) whose objectives are bound to the demo books, pipeline and HR data:
 * revenue and receivables overdue (Finance), won amount, new leads and pipeline (CRM), headcount and
 * attrition (HR), with department and personal objectives below them (manual key results with
 * check-ins), each metric-bound key result evaluated once, KPIs on the scorecard (gross margin and absence
 * rate among them) and two cause-and-effect links on the strategy map. A strategist
 * (strategist@demo.moms.local, who also reads the books) owns them. Skipped when there is a cycle already.
 * Through the services, so audited and validated.
 */
export const strategyDemo: DemoGenerator = {
  module: 'strategy',
  async generate({ db, faker, log }) {
    const quarter = quarterOf(today());
    const name = `Company ${quarter.name}`;
    // Skipped once there is any cycle (a later quarter included: the strategist exists by then).
    if ((await cycles.listCycles(db)).length > 0) {
      log('strategy: demo data already present; skipped');
      return;
    }
    const user = await createUser(
      db,
      { actor: null, requestId: 'demo' },
      {
        email: EMAIL,
        name: faker.person.fullName(),
        password: DEMO_PASSWORD,
        roles: ['strategist', 'accountant', 'manager', 'employee'],
      },
    );
    const ctx: RequestContext = {
      actor: {
        userId: user.id,
        email: EMAIL,
        roles: ['strategist'],
        permissions: ['strategy:admin', 'strategy:write', 'strategy:read', 'finance:read', 'crm:read', 'hr:read'],
      },
      requestId: 'demo',
    };
    const cycle = await createCycle(db, ctx, {
      name,
      kind: 'quarter',
      startDate: quarter.start,
      endDate: quarter.end,
      checkInDays: 7,
    });
    const period = periodOf({ start_date: quarter.start, end_date: quarter.end });
    const metrics = await metricRegistry();
    /** The metric now, over the cycle so far (0 when there is nothing to measure). */
    const now = async (key: string) => new Money((await runMetric(db, metrics.get(key)!, period, {})).value ?? '0');
    const round = (v: Decimal) => v.toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0);
    const departments = await departmentsExist(db, ['SAL', 'ENG']);
    const dept = (code: string) => (departments.has(code) ? code : null);

    const objective = async (
      input: Omit<CreateObjectiveInput, 'cycleId' | 'description' | 'weight'> & { weight?: string },
    ) => createObjective(db, ctx, { cycleId: cycle.id, description: '', weight: '1', ...input });
    const kr = async (
      objectiveId: string,
      input: Omit<CreateKeyResultInput, 'metricParams' | 'weight'> & { weight?: string },
    ) => createKeyResult(db, ctx, objectiveId, { metricParams: {}, weight: '1', ...input });
    const metricKr = async (
      objectiveId: string,
      title: string,
      metricKey: string,
      start: string,
      target: string,
      weight = '1',
    ) => kr(objectiveId, { title, kind: 'metric', metricKey, startValue: start, targetValue: target, weight });

    const revenue = await now(metric('finance', 'revenue'));
    const overdue = await now(metric('finance', 'receivablesOverdue'));
    const won = await now(metric('crm', 'wonAmount'));
    const headcount = await now(metric('hr', 'headcount'));

    const money = await objective({ title: 'Grow profitable revenue', level: 'company', perspective: 'financial' });
    const bound = [
      await metricKr(
        money.id,
        'Revenue this quarter',
        metric('finance', 'revenue'),
        '0',
        round(Decimal.max(revenue.times(1.6), 50000)),
        '2',
      ),
      await metricKr(
        money.id,
        'Receivables overdue down',
        metric('finance', 'receivablesOverdue'),
        round(Decimal.max(overdue.times(1.25), 1000)),
        '0',
      ),
    ];
    const customers = await objective({ title: 'Win more customers', level: 'company', perspective: 'customer' });
    bound.push(
      await metricKr(
        customers.id,
        'Won deals',
        metric('crm', 'wonAmount'),
        '0',
        round(Decimal.max(won.times(1.5), 25000)),
        '2',
      ),
      await metricKr(customers.id, 'New leads', metric('crm', 'newLeads'), '0', '60'),
    );
    const team = await objective({ title: 'Build the team', level: 'company', perspective: 'learning-growth' });
    bound.push(
      await metricKr(team.id, 'Headcount', metric('hr', 'headcount'), round(headcount), round(headcount.plus(5))),
      await metricKr(team.id, 'Attrition', metric('hr', 'attrition'), '15', '5'),
    );

    const sales = await objective({
      title: 'Fill the pipeline',
      level: 'department',
      department: dept('SAL'),
      parentId: customers.id,
      perspective: 'customer',
    });
    const calls = await kr(sales.id, {
      title: 'Discovery calls',
      kind: 'numeric',
      startValue: '0',
      targetValue: '120',
      currentValue: '45',
    });
    await checkIn(db, ctx, calls.id, { confidence: 'on-track', comment: 'Steady: about ten a week.' });
    const demos = await objective({ title: 'Run great demos', level: 'person', parentId: sales.id });
    const given = await kr(demos.id, {
      title: 'Demos given',
      kind: 'numeric',
      startValue: '0',
      targetValue: '30',
      currentValue: '9',
    });
    await checkIn(db, ctx, given.id, { confidence: 'at-risk', comment: 'Two customers postponed.', value: '9' });

    const engineering = await objective({
      title: 'Onboard new people fast',
      level: 'department',
      department: dept('ENG'),
      parentId: team.id,
      perspective: 'internal-process',
    });
    await kr(engineering.id, { title: 'Onboarding guide complete', kind: 'percentage', currentValue: '60' });
    await kr(engineering.id, { title: 'Hiring plan approved', kind: 'boolean', currentValue: '1' });

    for (const k of bound) await evaluateKeyResult(db, ctx, k.id, 'schedule');

    const kpi = async (
      kpiName: string,
      metricKey: string,
      perspective: 'financial' | 'customer' | 'learning-growth',
      t: { target: string; green: string; amber: string },
    ) => createKpi(db, ctx, { cycleId: cycle.id, name: kpiName, metricKey, metricParams: {}, perspective, ...t });
    await kpi('Cash balance', metric('finance', 'cashBalance'), 'financial', {
      target: '100000',
      green: '100000',
      amber: '50000',
    });
    await kpi('Receivables overdue', metric('finance', 'receivablesOverdue'), 'financial', {
      target: '0',
      green: '1000',
      amber: '5000',
    });
    await kpi('Win rate', metric('crm', 'winRate'), 'customer', { target: '40', green: '35', amber: '25' });
    await kpi('Attrition', metric('hr', 'attrition'), 'learning-growth', { target: '5', green: '8', amber: '12' });
    await kpi('Gross margin', metric('finance', 'grossMargin'), 'financial', {
      target: '40',
      green: '35',
      amber: '25',
    });
    await kpi('Absence rate', metric('hr', 'absenceRate'), 'learning-growth', { target: '3', green: '4', amber: '6' });

    // The strategy map: fast onboarding (internal process) wins customers, who grow revenue.
    await linkObjectives(db, ctx, { fromId: engineering.id, toId: customers.id });
    await linkObjectives(db, ctx, { fromId: customers.id, toId: money.id });
    log(
      `strategy: cycle "${name}" with 6 objectives (${bound.length} metric-bound key results), 6 KPIs and 2 strategy map links; ${EMAIL} owns them`,
    );
  },
};
