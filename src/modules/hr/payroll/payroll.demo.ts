import type { Actor } from '../../../platform/auth/actor.js';
import type { DemoContext } from '../../../platform/demo/demo.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { createUser } from '../../auth/index.js';
import { baseCurrency } from '../../finance/index.js';
import { approveRun } from './approve.service.js';
import { addCompensation } from './compensation.service.js';
import { createComponent } from './components.service.js';
import { addDays } from './payroll.shared.js';
import { calculateRun, createRun, reviewRun } from './runs.service.js';

/** The same password as the auth demo's people (auth does not export its constant). */
const DEMO_PASSWORD = 'demo-password-2026';
const OFFICER = 'payroll@demo.moms.local';

const monthStart = (d: Date) => `${d.toISOString().slice(0, 7)}-01`;

/**
 * Demo payroll, after the employees demo: a payroll officer (hr-admin, signs in with the demo
 * password), a salary for every active employee who has none, income tax and pension deductions
 * for everyone and a transport allowance for some, then last month's run approved (posted to
 * Finance) and this month's run as a draft. Skipped when any run exists or there are no employees.
 * All through the services (audited), in one transaction.
 */
export async function payrollDemo({ db, faker, log }: DemoContext): Promise<void> {
  if (await db.selectFrom('hr.payroll_runs').select('id').executeTakeFirst()) {
    log('hr payroll: demo data already present; skipped');
    return;
  }
  const employees = await db
    .selectFrom('hr.employees as e')
    .select(['e.id', 'e.start_date'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('hr.compensations as c').select('c.id').whereRef('c.employee_id', '=', 'e.id'))
        .as('paid'),
    )
    .where('e.status', '=', 'active')
    .orderBy('e.employee_number')
    .execute();
  if (employees.length === 0) {
    log('hr payroll: no employees; skipped');
    return;
  }

  await inTransaction(db, async (trx) => {
    const officer = await createUser(
      trx,
      { actor: null, requestId: 'demo' },
      {
        email: OFFICER,
        name: 'Pat Payroll',
        password: DEMO_PASSWORD,
        roles: ['hr-admin'],
      },
    );
    const actor: Actor = {
      userId: officer.id,
      email: OFFICER,
      roles: ['hr-admin'],
      permissions: ['hr:*', 'auth:read'],
    };
    const ctx: RequestContext = { actor, requestId: 'demo' };
    const currency = await baseCurrency(trx);

    let salaries = 0;
    for (const e of employees) {
      if (!e.paid) {
        const annual = faker.number.int({ min: 36, max: 140 }) * 1000;
        await addCompensation(trx, ctx, e.id, {
          effectiveDate: e.start_date,
          baseSalary: `${annual}.00`,
          currency,
          payFrequency: 'monthly',
          reason: 'Starting salary',
        });
        salaries++;
      }
      await createComponent(trx, ctx, e.id, {
        kind: 'deduction',
        name: 'Income tax withholding',
        rate: '20',
        startDate: e.start_date,
      });
      await createComponent(trx, ctx, e.id, {
        kind: 'deduction',
        name: 'Pension contribution',
        rate: '5',
        startDate: e.start_date,
      });
      if (faker.datatype.boolean({ probability: 0.3 }))
        await createComponent(trx, ctx, e.id, {
          kind: 'allowance',
          name: 'Transport allowance',
          amount: '150.00',
          startDate: e.start_date,
        });
    }

    const now = new Date();
    const thisMonth = monthStart(now);
    const lastMonth = monthStart(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
    const nextMonth = monthStart(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
    const last = await createRun(trx, ctx, {
      periodStart: lastMonth,
      periodEnd: addDays(thisMonth, -1),
      payDate: addDays(thisMonth, -1),
      currency,
      payFrequency: 'monthly',
      notes: 'Demo: last month',
    });
    const calculated = await calculateRun(trx, ctx, last.id, last.version);
    let summary = `${calculated.totals?.employees ?? 0} payslips`;
    if ((calculated.totals?.employees ?? 0) > 0) {
      const reviewed = await reviewRun(trx, ctx, last.id, { version: calculated.version, notes: 'Checked (demo)' });
      const approved = await approveRun(trx, ctx, last.id, { version: reviewed.version });
      summary += `, approved, net ${approved.totals?.net} ${currency}`;
    }
    await createRun(trx, ctx, {
      periodStart: thisMonth,
      periodEnd: addDays(nextMonth, -1),
      payDate: addDays(nextMonth, -1),
      currency,
      payFrequency: 'monthly',
      notes: 'Demo: this month',
    });
    log(
      `hr payroll: ${salaries} salaries added, pay components for ${employees.length} employees; run ${lastMonth} (${summary}); draft run ${thisMonth}; officer ${OFFICER}`,
    );
  });
}
