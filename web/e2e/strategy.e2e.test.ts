import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

const isoDay = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

describe.skipIf(chromiumMissing)('strategy', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a revenue-bound key result added in the UI is evaluated before and after an invoice: value and chart move', async () => {
    const cycle = await e2e.api<{ id: string }>('POST', '/api/v1/strategy/cycles', {
      name: 'E2E quarter',
      kind: 'custom',
      startDate: isoDay(-30),
      endDate: isoDay(60),
    });
    const objective = await e2e.api<{ id: string }>('POST', '/api/v1/strategy/objectives', {
      cycleId: cycle.id,
      title: 'Grow the business',
      level: 'company',
      perspective: 'financial',
    });

    // The key result through the form: bound to finance.revenue, 0 → 1,000.
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/strategy/objectives/${objective.id}`);
    await page.getByRole('heading', { level: 1, name: 'Grow the business' }).waitFor();
    const add = page.getByRole('region', { name: 'Add a key result' });
    await add.getByLabel('Title').fill('Revenue this quarter');
    await add.getByLabel('Kind').selectOption({ value: 'metric' });
    await add.getByRole('combobox', { name: /^Metric/ }).selectOption({ value: 'finance.revenue' });
    await add.getByLabel('Start').fill('0');
    await add.getByLabel('Target').fill('1000');
    await add.getByRole('button', { name: 'Add key result' }).click();
    const kr = page.getByRole('region', { name: 'Revenue this quarter' });
    await kr.getByRole('button', { name: 'Evaluate now' }).waitFor();
    await kr.getByText('Not evaluated yet.').waitFor();

    // First evaluation: no revenue yet, one point.
    await kr.getByRole('button', { name: 'Evaluate now' }).click();
    const chart = kr.getByRole('img', { name: /Revenue this quarter: value over 1 evaluations/ });
    await chart.waitFor();
    expect(await kr.locator('circle.chart-dot').count()).toBe(1);

    // An invoice of 80.00 is issued; evaluating again moves the value, the progress and the chart.
    const customer = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Strategy Buyer Ltd',
    });
    const draft = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: customer.id,
      date: isoDay(0),
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: '80.00' }],
    });
    await e2e.api('POST', `/api/v1/finance/invoices/${draft.id}/issue`, {});
    await kr.getByRole('button', { name: 'Evaluate now' }).click();
    const moved = kr.getByRole('img', { name: /Revenue this quarter: value over 2 evaluations/ });
    await moved.waitFor();
    expect(await kr.locator('circle.chart-dot').count()).toBe(2);
    expect(await moved.getAttribute('aria-label')).toMatch(/80\.00/);
    const values = kr.getByTestId('kr-values');
    await values.getByText(/80\.00/).waitFor();
    await kr.getByText('8%', { exact: true }).waitFor();

    // A check-in: at risk, with a comment; the objective's health follows.
    await kr.getByLabel('Confidence').selectOption({ value: 'at-risk' });
    await kr.getByLabel('Comment').fill('The pipeline is thin.');
    await kr.getByRole('button', { name: 'Check in' }).click();
    await kr
      .getByRole('list', { name: 'Check-ins of Revenue this quarter' })
      .getByText(/The pipeline is thin\./)
      .waitFor();
    await page.locator('.page-header').getByText('At risk').waitFor();
    await screenshot(page, 'strategy-objective-evaluated');

    // The alignment tree shows it with its progress and health, and links to it.
    await page.goto('/strategy');
    const tree = page.getByRole('region', { name: 'Objectives' });
    await tree.getByRole('link', { name: 'Grow the business' }).waitFor();
    await tree.getByText('8%', { exact: true }).waitFor();
    await tree.getByText('At risk').waitFor();

    // A child objective through the form, under the company one.
    await page.getByRole('link', { name: 'New objective' }).click();
    await page.getByLabel('Title').fill('Win more deals');
    await page.getByRole('combobox', { name: /^Level/ }).selectOption({ value: 'team' });
    await page.getByLabel('Contributes to').selectOption({ label: 'Company: Grow the business' });
    await page.getByLabel('Perspective').selectOption({ value: 'customer' });
    await page.getByRole('button', { name: 'Create objective' }).click();
    await page.getByRole('heading', { level: 1, name: 'Win more deals' }).waitFor();
    await page.getByRole('link', { name: 'Grow the business' }).waitFor();

    // The scorecard: the objectives by perspective, and a revenue KPI (80 of 1,000: amber) evaluated live.
    await e2e.api('POST', '/api/v1/strategy/kpis', {
      cycleId: cycle.id,
      name: 'Quarter revenue',
      metricKey: 'finance.revenue',
      perspective: 'financial',
      target: '1000',
      green: '1000',
      amber: '50',
    });
    await page.goto(`/strategy/scorecard?cycle=${cycle.id}`);
    const financial = page.getByRole('region', { name: 'Financial' });
    await financial
      .getByRole('row', { name: /Grow the business/ })
      .getByText('Amber')
      .waitFor();
    await financial
      .getByRole('row', { name: /Quarter revenue/ })
      .getByText('Amber')
      .waitFor();
    await page.getByRole('region', { name: 'Customer' }).getByRole('link', { name: 'Win more deals' }).waitFor();
    await screenshot(page, 'strategy-scorecard');

    // Someone without finance:read sees the progress only.
    const employee = await e2e.createUserWithRoles(['employee'], { name: 'Erin Employee' });
    const other = await e2e.newPage();
    await loginAs(other, employee.email, employee.password, `/strategy/objectives/${objective.id}`);
    const hidden = other.getByRole('region', { name: 'Revenue this quarter' });
    await hidden.getByText(/Value hidden/).waitFor();
    await hidden.getByText('8%', { exact: true }).waitFor();
    expect(await hidden.getByRole('button', { name: 'Evaluate now' }).count()).toBe(0);
    await screenshot(other, 'strategy-objective-value-hidden');
  });
});
