import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

interface Pipeline {
  id: string;
  isDefault: boolean;
  stages: { id: string; name: string; isWon: boolean; isLost: boolean }[];
}

describe.skipIf(chromiumMissing)('analytics', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('builds pipeline by stage (chart and table follow the query), saves it, puts it on a new dashboard, filters that and exports that as XLSX', async () => {
    const { items } = await e2e.api<{ items: Pipeline[] }>('GET', '/api/v1/crm/pipelines');
    const [first, second] = items.find((p) => p.isDefault)!.stages.filter((s) => !s.isWon && !s.isLost);
    for (const [name, stage, amount] of [
      ['Alpha deal', first!, '1000.00'],
      ['Beta deal', first!, '500.00'],
      ['Gamma deal', second!, '250.00'],
    ] as const)
      await e2e.api('POST', '/api/v1/crm/opportunities', { name, stageId: stage.id, amount, currency: 'EUR' });

    // The builder: opportunities, counted and summed, grouped by stage.
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/analytics/questions/new');
    await page.getByRole('heading', { level: 1, name: 'New question' }).waitFor();
    await page.getByLabel('Dataset').selectOption({ value: 'crm.opportunities' });
    await page.getByLabel('Question name').fill('Pipeline by stage');
    await page.getByRole('checkbox', { name: 'Opportunities' }).check();
    await page.getByRole('checkbox', { name: 'Amount', exact: true }).check();
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByLabel('Group by 1', { exact: true }).selectOption({ value: 'stage' });
    await page.getByLabel('Sort by').selectOption({ value: 'count' });
    await page.getByLabel('Direction').selectOption({ value: 'desc' });

    const result = page.getByRole('region', { name: 'Result' });
    const chart = result.getByRole('img', { name: /^Pipeline by stage:/ });
    await expect
      .poll(async () => (await chart.count()) && chart.getAttribute('aria-label'), { timeout: 10_000 })
      .toBe(`Pipeline by stage: ${first!.name} 2, ${second!.name} 1`);
    const table = result.getByRole('table', { name: 'Pipeline by stage: result' });
    await table.getByRole('row', { name: new RegExp(`^${first!.name} .*\\b2\\b.*1,500\\.00`) }).waitFor();
    await table.getByRole('row', { name: new RegExp(`^${second!.name} .*\\b1\\b.*250\\.00`) }).waitFor();

    // A filter the API refuses: its problem shows in the result's place; removing it brings the result back.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Filter 1 field').selectOption({ value: 'probability' });
    await page.getByLabel('Filter 1 operator').selectOption({ value: 'gt' });
    await page.getByLabel('Filter 1 value').fill('lots');
    await result.getByRole('alert').waitFor();
    expect(await result.getByRole('alert').textContent()).toMatch(/probability|number|decimal/i);
    await page.getByRole('button', { name: 'Remove filter 1' }).click();
    await chart.waitFor();
    // A narrower filter moves the chart: only the 1,000.00 deal is above 600.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Filter 1 field').selectOption({ value: 'amount' });
    await page.getByLabel('Filter 1 operator').selectOption({ value: 'gt' });
    await page.getByLabel('Filter 1 value').fill('600');
    await expect
      .poll(async () => chart.getAttribute('aria-label'), { timeout: 10_000 })
      .toBe(`Pipeline by stage: ${first!.name} 1`);
    await page.getByRole('button', { name: 'Remove filter 1' }).click();
    await expect
      .poll(async () => chart.getAttribute('aria-label'), { timeout: 10_000 })
      .toBe(`Pipeline by stage: ${first!.name} 2, ${second!.name} 1`);
    await screenshot(page, 'analytics-question-builder');

    await page.getByRole('button', { name: 'Save question' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pipeline by stage' }).waitFor();
    const questionId = page.url().split('/').at(-1)!;
    const saved = await e2e.api<{ visualization: string; query: { dataset: string; dimensions: unknown[] } }>(
      'GET',
      `/api/v1/analytics/questions/${questionId}`,
    );
    expect(saved).toMatchObject({
      visualization: 'bar',
      query: { dataset: 'crm.opportunities', dimensions: ['stage'] },
    });

    // A new dashboard with the question as its card.
    await page.goto('/analytics/dashboards');
    await page.getByLabel('Dashboard name').fill('Sales overview');
    await page.getByRole('button', { name: 'Create dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sales overview' }).waitFor();
    await page.getByLabel('Saved question').selectOption({ label: 'Pipeline by stage' });
    await page.getByRole('button', { name: 'Add card' }).click();
    const card = page.getByRole('list', { name: 'Cards' }).getByRole('listitem', { name: 'Pipeline by stage' });
    await card.getByRole('img', { name: `Pipeline by stage: ${first!.name} 2, ${second!.name} 1` }).waitFor();
    await screenshot(page, 'analytics-dashboard');

    // A dashboard filter narrows every card with the field (and is saved with the dashboard).
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Filter 1 field').selectOption({ value: 'amount' });
    await page.getByLabel('Filter 1 operator').selectOption({ value: 'gt' });
    await page.getByLabel('Filter 1 value').fill('600');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await card.getByRole('img', { name: `Pipeline by stage: ${first!.name} 1` }).waitFor();

    // Export as XLSX: the job runs, then its download link shows beside the buttons.
    const exports = page.getByRole('group', { name: 'Export' });
    await exports.getByRole('button', { name: 'Export XLSX' }).click();
    const link = exports.getByRole('link', { name: /^Download .*\.xlsx$/ });
    await link.waitFor({ timeout: 20_000 });
    const href = await link.getAttribute('href');
    const file = await fetch(new URL(href!, e2e.baseUrl));
    expect(file.status).toBe(200);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK'); // an XLSX is a zip
    await screenshot(page, 'analytics-dashboard-exported');
  });
});
