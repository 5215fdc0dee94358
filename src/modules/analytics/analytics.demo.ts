import type { Actor } from '../../platform/auth/actor.js';
import type { DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { activeUsersInRole, actorOf } from '../auth/index.js';
import { createDashboard } from './library/dashboards.service.js';
import { createQuestion } from './library/questions.service.js';
import { AnalyticsQuery } from './query/query.schemas.js';

export const EXECUTIVE_DASHBOARD = 'Executive dashboard';

/** A dataset key, `<module>.<name>` (built: the table-name lint cannot tell a dataset key from a table). */
const dataset = (module: string, name: string) => `${module}.${name}`;

const questions = [
  {
    name: 'Revenue by month',
    description: 'Credits to income accounts, by posting month (base currency).',
    visualization: 'line' as const,
    query: {
      dataset: dataset('finance', 'journal-lines'),
      dimensions: [{ field: 'date', grain: 'month' }],
      measures: ['totalCredit'],
      filters: [{ field: 'accountType', op: 'eq', value: 'income' }],
      sort: [{ field: 'date', direction: 'asc' }],
    },
  },
  {
    name: 'Open pipeline by stage',
    description: 'Open opportunities you may see, by stage.',
    visualization: 'bar' as const,
    query: {
      dataset: dataset('crm', 'opportunities'),
      dimensions: ['stage'],
      measures: ['totalAmount', 'count'],
      filters: [{ field: 'status', op: 'eq', value: 'open' }],
      sort: [{ field: 'totalAmount', direction: 'desc' }],
    },
  },
  {
    name: 'Headcount by department',
    description: 'Active employees by department.',
    visualization: 'bar' as const,
    query: {
      dataset: dataset('hr', 'employees'),
      dimensions: ['department'],
      measures: ['headcount'],
      filters: [{ field: 'status', op: 'eq', value: 'active' }],
      sort: [{ field: 'headcount', direction: 'desc' }],
    },
  },
  {
    name: 'Receivables aging',
    description: 'What customers still owe on issued invoices, by days past due.',
    visualization: 'bar' as const,
    query: {
      dataset: dataset('finance', 'documents'),
      dimensions: ['agingBucket'],
      measures: ['openAmount', 'documents'],
      filters: [
        { field: 'kind', op: 'eq', value: 'invoice' },
        { field: 'agingBucket', op: 'notNull' },
      ],
      sort: [{ field: 'agingBucket', direction: 'asc' }],
    },
  },
];

/**
 * The executive dashboard (revenue by month, open pipeline by stage, headcount, receivables aging),
 * owned by the first administrator and shared with the managers and analysts — each of whom sees
 * in it only the rows their own modules let them see. Runs last (after the modules whose data it
 * shows); skipped when the dashboard exists or there is no administrator. Through the services,
 * so audited.
 */
export const analyticsDemo: DemoGenerator = {
  module: 'analytics',
  async generate({ db, log }) {
    if (
      await db
        .selectFrom('analytics.dashboards')
        .select('id')
        .where('name', '=', EXECUTIVE_DASHBOARD)
        .executeTakeFirst()
    ) {
      log('analytics: demo data already present; skipped');
      return;
    }
    const admins = await activeUsersInRole(db, 'admin');
    const admin = admins.length > 0 ? await actorOf(db, admins.sort()[0]!) : null;
    if (!admin) {
      log('analytics: no administrator to own the demo dashboard; skipped');
      return;
    }
    const actor: Actor = { ...admin, permissions: ['*'] };
    const ctx: RequestContext = { actor, requestId: 'demo' };
    const shares = ['manager', 'analyst', 'sales-manager'].map((role) => ({ type: 'role' as const, role }));
    const ids: string[] = [];
    for (const q of questions) {
      const created = await createQuestion(db, ctx, {
        name: q.name,
        description: q.description,
        visualization: q.visualization,
        query: AnalyticsQuery.parse(q.query),
        shares,
      });
      ids.push(created.id);
    }
    await createDashboard(db, ctx, {
      name: EXECUTIVE_DASHBOARD,
      description: 'Revenue, pipeline, headcount and receivables at a glance.',
      filters: [],
      cards: ids.map((questionId, i) => ({
        questionId,
        title: null,
        x: (i % 2) * 12,
        y: Math.floor(i / 2) * 6,
        w: 12,
        h: 6,
      })),
      shares,
    });
    log(`analytics: "${EXECUTIVE_DASHBOARD}" with ${ids.length} cards, shared with managers and analysts`);
  },
};
