import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, startE2E, type E2E } from './harness.js';
import { seriousViolations } from './axe.js';

/**
 * Issue #25: axe-core (the engine of most accessibility checkers) finds no serious or critical
 * violation of WCAG 2.x A/AA on the main page of every module, in the light and the dark theme.
 * The pages carry some records (an issued, partly paid invoice, an organization), not only empty states.
 */
const PAGES = [
  '/',
  '/finance',
  '/finance/invoices',
  '/finance/reports/profit-and-loss',
  '/crm',
  '/crm/organizations',
  '/hr',
  '/projects',
  '/supply',
  '/strategy',
  '/analytics',
  '/automation',
  '/automation/flows/new',
  '/automation/approvals',
  '/compliance',
  '/compliance/frameworks',
  '/compliance/risks',
  '/admin',
] as const;

describe.skipIf(chromiumMissing)('accessibility', { timeout: 180_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    const customer = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Axe Customer',
    });
    const draft = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: customer.id,
      date: new Date().toISOString().slice(0, 10),
      lines: [{ description: 'Audit', quantity: '1', unitPrice: '100.00' }],
    });
    await e2e.api('POST', `/api/v1/finance/invoices/${draft.id}/issue`, {});
    // Partly paid: the list shows its "Partially paid" badge (a contrast failure in the dark theme once).
    await e2e.api('POST', '/api/v1/finance/payments', {
      direction: 'received',
      partyId: customer.id,
      date: new Date().toISOString().slice(0, 10),
      amount: '40.00',
      allocations: [{ documentId: draft.id, amount: '40.00' }],
    });
    await e2e.api('POST', '/api/v1/crm/organizations', { name: 'Axe Organization' });
    // The strategy tree: a cycle running today, an objective with a key result checked in at risk.
    const today = new Date().toISOString().slice(0, 10);
    const cycle = await e2e.api<{ id: string }>('POST', '/api/v1/strategy/cycles', {
      name: 'Axe cycle',
      kind: 'custom',
      startDate: today,
      endDate: today,
    });
    const objective = await e2e.api<{ id: string }>('POST', '/api/v1/strategy/objectives', {
      cycleId: cycle.id,
      title: 'Axe objective',
      level: 'company',
    });
    const kr = await e2e.api<{ id: string }>('POST', `/api/v1/strategy/objectives/${objective.id}/key-results`, {
      title: 'Axe key result',
      kind: 'numeric',
      startValue: '0',
      targetValue: '10',
      currentValue: '4',
    });
    await e2e.api('POST', `/api/v1/strategy/key-results/${kr.id}/check-ins`, { confidence: 'at-risk' });
    // A published flow run once: the flows list has a last run, the inbox an approval (and the nav its count).
    const flow = await e2e.api<{ id: string; version: number }>('POST', '/api/v1/automation/flows', {
      name: 'Axe flow',
      definition: {
        trigger: { kind: 'manual', form: [{ key: 'amount', label: 'Amount', type: 'number', required: true }] },
        steps: [
          {
            kind: 'approval',
            id: 'approve',
            title: 'Axe approval',
            assignee: { role: 'admin' },
            form: [{ key: 'note', label: 'Note', type: 'text' }],
          },
        ],
      },
    });
    await e2e.api('POST', `/api/v1/automation/flows/${flow.id}/publish`, { version: flow.version });
    await e2e.api('POST', `/api/v1/automation/flows/${flow.id}/run`, { values: { amount: 5 } });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`finds no serious or critical violation on the modules' main pages, ${theme} theme`, async () => {
      const page = await e2e.newPage({ colorScheme: theme });
      await loginAs(page, ADMIN.email, ADMIN.password, '/');
      const found: Record<string, string[]> = {};
      for (const path of PAGES) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        // Skeletons and busy tables settle before the check.
        await expect.poll(() => page.locator('[aria-busy="true"], .skeleton').count()).toBe(0);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[path] = violations;
      }
      expect(found).toEqual({});
    });
  }
});
