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
  it('a cycle and a KPI made on their screens (API messages at the fields), two objectives linked on the strategy map', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/strategy/cycles');
    await page.getByRole('link', { name: 'New cycle' }).click();
    await page.getByLabel('Name').fill('E2E map cycle');
    await page.getByLabel('Kind').selectOption({ value: 'custom' });
    await page.getByLabel('Starts').fill(isoDay(-10));
    await page.getByLabel('Ends').fill(isoDay(-20));
    await page.getByRole('button', { name: 'Open cycle' }).click();
    // The API's message, at the field.
    await page
      .locator('.field-invalid', { has: page.getByLabel('Ends') })
      .getByText('The cycle ends before it starts.')
      .waitFor();
    await page.getByLabel('Ends').fill(isoDay(80));
    await page.getByRole('button', { name: 'Open cycle' }).click();
    const row = page.getByRole('row', { name: /E2E map cycle/ });
    await row.getByText('Every 7 days').waitFor();
    await row.getByRole('link', { name: 'E2E map cycle' }).click();
    await page.getByLabel('Check-in every (days)').fill('14');
    await page.getByRole('button', { name: 'Save cycle' }).click();
    await page.getByText('Cycle saved.').waitFor();
    await page.getByRole('link', { name: 'Back to cycles' }).click();
    await page
      .getByRole('row', { name: /E2E map cycle/ })
      .getByText('Every 14 days')
      .waitFor();
    const cycles = await e2e.api<{ items: { id: string; name: string }[] }>('GET', '/api/v1/strategy/cycles');
    const cycle = cycles.items.find((c) => c.name === 'E2E map cycle')!;

    // A KPI on gross margin through the metric picker: amber above green is refused at the field.
    await page.goto(`/strategy/kpis?cycle=${cycle.id}`);
    await page.getByRole('link', { name: 'New KPI' }).click();
    await page.getByLabel('Name').fill('Margin');
    await page.getByRole('combobox', { name: /^Metric/ }).selectOption({ value: 'finance.grossMargin' });
    await page.getByLabel('Perspective').selectOption({ value: 'financial' });
    await page.getByLabel('Target').fill('40');
    await page.getByLabel('Green from').fill('30');
    await page.getByLabel('Amber from').fill('35');
    await page.getByRole('button', { name: 'Create KPI' }).click();
    await page
      .locator('.field-invalid', { has: page.getByLabel('Amber from') })
      .getByText(/higher is better, so amber starts below green/)
      .waitFor();
    await page.getByLabel('Amber from').fill('20');
    await page.getByRole('button', { name: 'Create KPI' }).click();
    await page
      .getByRole('row', { name: /Margin/ })
      .getByText('Gross margin')
      .waitFor();

    // The strategy map: learning and growth drives the financial objective.
    for (const [title, perspective] of [
      ['Grow the margin', 'financial'],
      ['Train the team', 'learning-growth'],
    ])
      await e2e.api('POST', '/api/v1/strategy/objectives', { cycleId: cycle.id, title, level: 'company', perspective });
    await page.goto(`/strategy/map?cycle=${cycle.id}`);
    await page.getByRole('img', { name: /Strategy map/ }).waitFor();
    const form = page.getByRole('region', { name: 'Link two objectives' });
    await form.getByLabel('Cause').selectOption({ label: 'Train the team (Learning and growth)' });
    await form.getByLabel('Drives (effect)').selectOption({ label: 'Grow the margin (Financial)' });
    await form.getByRole('button', { name: 'Link objectives' }).click();
    const list = page.getByRole('region', { name: 'The map as a list' });
    await list.getByText('Drives: Grow the margin').waitFor();
    await list.getByRole('row', { name: /Train the team.*Grow the margin/ }).waitFor();
    await expect.poll(() => page.locator('path.st-map-link').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'strategy-map');
    // The same link again: the API's 409 at the effect field.
    await form.getByLabel('Cause').selectOption({ label: 'Train the team (Learning and growth)' });
    await form.getByLabel('Drives (effect)').selectOption({ label: 'Grow the margin (Financial)' });
    await form.getByRole('button', { name: 'Link objectives' }).click();
    await form.getByText('Already linked.').waitFor();
  });
});
