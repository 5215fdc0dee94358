import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';
import { seriousViolations } from './axe.js';

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
  it('shows a funnel, a pie and a pivot; arranges a dashboard by keyboard and by drag (kept after a reload); shares it with a user and a role', async () => {
    const { items } = await e2e.api<{ items: Pipeline[] }>('GET', '/api/v1/crm/pipelines');
    const [first, second] = items.find((p) => p.isDefault)!.stages.filter((s) => !s.isWon && !s.isLost);
    // Dollar deals of their own, so this test's questions (all filtered to USD) do not see the other test's.
    for (const [name, stage, amount] of [
      ['Delta deal', first!, '300.00'],
      ['Epsilon deal', first!, '200.00'],
      ['Zeta deal', first!, '100.00'],
      ['Eta deal', second!, '50.00'],
    ] as const)
      await e2e.api('POST', '/api/v1/crm/opportunities', { name, stageId: stage.id, amount, currency: 'USD' });
    const viewer = await e2e.createUserWithRoles(['sales-rep'], { name: 'Shared Viewer' });

    // The builder: a funnel, then a pie of the same question.
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/analytics/questions/new');
    await page.getByLabel('Dataset').selectOption({ value: 'crm.opportunities' });
    await page.getByLabel('Question name').fill('Dollar stages');
    await page.getByRole('checkbox', { name: 'Opportunities' }).check();
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByLabel('Group by 1', { exact: true }).selectOption({ value: 'stage' });
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Filter 1 field').selectOption({ value: 'currency' });
    await page.getByLabel('Filter 1 value').fill('USD');
    await page.getByLabel('Sort by').selectOption({ value: 'count' });
    await page.getByLabel('Direction').selectOption({ value: 'desc' });
    await page.getByLabel('Show as').selectOption({ value: 'funnel' });
    const result = page.getByRole('region', { name: 'Result' });
    const expected = `Dollar stages: ${first!.name} 3, ${second!.name} 1`;
    const chart = result.getByRole('img', { name: /^Dollar stages:/ });
    await expect
      .poll(async () => (await chart.count()) && chart.getAttribute('aria-label'), { timeout: 10_000 })
      .toBe(expected);
    await result.locator('.an-funnel-label', { hasText: `${second!.name}: 1 · 33%` }).waitFor(); // the funnel's step, as a share of the first
    await screenshot(page, 'analytics-funnel');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Show as').selectOption({ value: 'pie' });
    await result.locator('.an-pie').getByRole('img', { name: expected }).waitFor();
    expect(await result.locator('.an-pie path').count()).toBe(2); // a slice per stage
    // The table stays as the chart's alternative.
    await result
      .getByRole('table', { name: 'Dollar stages: result' })
      .getByRole('row', { name: `${first!.name} 3` })
      .waitFor();
    await page.getByRole('button', { name: 'Save question' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dollar stages' }).waitFor();
    const pieId = page.url().split('/').at(-1)!;
    expect(
      (await e2e.api<{ visualization: string }>('GET', `/api/v1/analytics/questions/${pieId}`)).visualization,
    ).toBe('pie');

    // The question's sharing page: shared with a role, then back to the builder.
    await page.getByRole('link', { name: 'Share', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Share “Dollar stages”' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Share with a').selectOption({ value: 'role' });
    await page.getByLabel('Role', { exact: true }).selectOption({ value: 'analyst' });
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('list', { name: 'Shares' }).getByText('Role analyst').waitFor();
    expect((await e2e.api<{ shares: unknown[] }>('GET', `/api/v1/analytics/questions/${pieId}`)).shares).toEqual([
      { type: 'role', role: 'analyst' },
    ]);
    await page.getByRole('link', { name: 'Back to the question' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dollar stages' }).waitFor({ timeout: 20_000 });

    // A pivot: status down the rows, the stage across the columns (chosen; the last group by default).
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByLabel('Group by 2', { exact: true }).selectOption({ value: 'status' });
    await page.getByLabel('Show as').selectOption({ value: 'pivot' });
    const pivotByStatus = result.getByRole('table', { name: 'Dollar stages: pivot by Status' });
    await pivotByStatus.getByRole('columnheader', { name: 'open' }).waitFor();
    await page.getByLabel('Across columns').selectOption({ label: 'Stage' });
    const pivot = result.getByRole('table', { name: 'Dollar stages: pivot by Stage' });
    await pivot.getByRole('columnheader', { name: first!.name }).waitFor();
    await pivot.getByRole('columnheader', { name: second!.name }).waitFor();
    await pivot.getByRole('row', { name: 'open 3 1' }).waitFor();
    await screenshot(page, 'analytics-pivot');
    expect(await seriousViolations(page)).toEqual([]);

    // A dashboard of three cards: [pie, bar] [number].
    const usd = [{ field: 'currency', op: 'eq', value: 'USD' }];
    const question = (name: string, visualization: string, measures: string[], dimensions: string[]) =>
      e2e.api<{ id: string }>('POST', '/api/v1/analytics/questions', {
        name,
        visualization,
        query: { dataset: 'crm.opportunities', measures, dimensions, filters: usd, sort: [], limit: 100 },
      });
    const bar = await question('Dollar bars', 'bar', ['count'], ['stage']);
    const number = await question('Dollar count', 'number', ['count'], []);
    const dashboard = await e2e.api<{ id: string }>('POST', '/api/v1/analytics/dashboards', {
      name: 'Arrangement',
      cards: [
        { questionId: pieId, title: null, x: 0, y: 0, w: 12, h: 8 },
        { questionId: bar.id, title: null, x: 12, y: 0, w: 12, h: 8 },
        { questionId: number.id, title: null, x: 0, y: 8, w: 12, h: 8 },
      ],
    });
    await page.goto(`/analytics/dashboards/${dashboard.id}`);
    const grid = page.getByRole('list', { name: 'Cards' });
    const order = async () =>
      (await Promise.all((await grid.locator(':scope > li').all()).map((li) => li.getAttribute('aria-label')))).join(
        ', ',
      );
    await expect.poll(order, { timeout: 15_000 }).toBe('Dollar stages, Dollar bars, Dollar count');
    await grid.getByRole('listitem', { name: 'Dollar stages' }).getByRole('img', { name: expected }).waitFor();

    // Keyboard: the pie's handle, arrow right: it swaps with the bars, and keeps the focus.
    await page.getByRole('button', { name: 'Drag Dollar stages' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(order, { timeout: 15_000 }).toBe('Dollar bars, Dollar stages, Dollar count');
    await expect
      .poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')"), { timeout: 15_000 })
      .toBe('Drag Dollar stages');
    // The "move up" control: the count goes to the first row, at the bars' place.
    await page.getByRole('button', { name: 'Move Dollar count up' }).click();
    await expect.poll(order, { timeout: 15_000 }).toBe('Dollar count, Dollar bars, Dollar stages');
    // A pointer drag: the pie's handle onto the count card takes its place.
    await page
      .getByRole('button', { name: 'Drag Dollar stages' })
      .dragTo(grid.getByRole('listitem', { name: 'Dollar count' }));
    await expect.poll(order, { timeout: 15_000 }).toBe('Dollar stages, Dollar count, Dollar bars');
    await page.getByRole('button', { name: 'Make Dollar bars wider' }).click();
    const widthOfBars = async () =>
      (
        await e2e.api<{ cards: { questionId: string; w: number }[] }>(
          'GET',
          `/api/v1/analytics/dashboards/${dashboard.id}`,
        )
      ).cards.find((c) => c.questionId === bar.id)?.w;
    await expect.poll(widthOfBars, { timeout: 15_000 }).toBe(16);

    // Export as PDF: the job's file is a PDF.
    const exports = page.getByRole('group', { name: 'Export' });
    await exports.getByRole('button', { name: 'Export PDF' }).click();
    const link = exports.getByRole('link', { name: /^Download .*\.pdf$/ });
    await link.waitFor({ timeout: 20_000 });
    const file = await fetch(new URL((await link.getAttribute('href'))!, e2e.baseUrl));
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // The arrangement is the dashboard's: a reload shows it, and the API has the positions.
    await page.reload();
    await expect.poll(order, { timeout: 15_000 }).toBe('Dollar stages, Dollar count, Dollar bars');
    const saved = await e2e.api<{ cards: { questionId: string; x: number; y: number; w: number }[] }>(
      'GET',
      `/api/v1/analytics/dashboards/${dashboard.id}`,
    );
    expect(saved.cards.map(({ questionId, x, y, w }) => ({ questionId, x, y, w }))).toEqual([
      { questionId: pieId, x: 0, y: 0, w: 12 },
      { questionId: number.id, x: 12, y: 0, w: 12 },
      { questionId: bar.id, x: 0, y: 8, w: 16 },
    ]);
    await screenshot(page, 'analytics-dashboard-arranged');
    expect(await seriousViolations(page)).toEqual([]);

    // Sharing: with a user and a role, listed; the user then sees the dashboard; removing them.
    await page.getByRole('link', { name: 'Share', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Share “Arrangement”' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Share with a').selectOption({ value: 'user' });
    await page.getByLabel('User', { exact: true }).selectOption({ label: `Shared Viewer (${viewer.email})` });
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const shares = page.getByRole('list', { name: 'Shares' });
    await shares.getByText(`Shared Viewer (${viewer.email})`).waitFor();
    await page.getByLabel('Share with a').selectOption({ value: 'role' });
    await page.getByLabel('Role', { exact: true }).selectOption({ value: 'manager' });
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await shares.getByText('Role manager').waitFor();
    const shared = await e2e.api<{ shares: unknown[] }>('GET', `/api/v1/analytics/dashboards/${dashboard.id}`);
    expect(shared.shares).toEqual(
      expect.arrayContaining([
        { type: 'user', userId: viewer.id },
        { type: 'role', role: 'manager' },
      ]),
    );
    await screenshot(page, 'analytics-sharing');
    expect(await seriousViolations(page)).toEqual([]);

    const viewerPage = await e2e.newPage();
    await loginAs(viewerPage, viewer.email, viewer.password, '/analytics/dashboards');
    await viewerPage.getByRole('link', { name: 'Arrangement' }).click();
    await viewerPage.getByRole('list', { name: 'Cards' }).getByRole('listitem', { name: 'Dollar bars' }).waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Drag Dollar bars' }).count()).toBe(0); // sees, may not arrange

    await page.getByRole('button', { name: `Remove Shared Viewer (${viewer.email})` }).click();
    await expect.poll(() => shares.getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
    expect(
      (await e2e.api<{ shares: unknown[] }>('GET', `/api/v1/analytics/dashboards/${dashboard.id}`)).shares,
    ).toEqual([{ type: 'role', role: 'manager' }]);
  });
  it('subscribes to a dashboard’s PDF every week and sets an alert on a question; pauses and deletes', async () => {
    const question = await e2e.api<{ id: string }>('POST', '/api/v1/analytics/questions', {
      name: 'Open deals',
      visualization: 'number',
      query: { dataset: 'crm.opportunities', measures: ['count'], dimensions: [], filters: [], sort: [], limit: 10 },
    });
    await e2e.api('POST', '/api/v1/analytics/dashboards', {
      name: 'Weekly sales',
      cards: [{ questionId: question.id, title: null, x: 0, y: 0, w: 12, h: 8 }],
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/analytics/subscriptions');
    await page.getByRole('heading', { level: 1, name: 'Subscriptions and alerts' }).waitFor();
    const form = page.getByRole('form', { name: 'New subscription' });

    await form.getByLabel('Name').fill('Monday sales');
    await form.getByLabel('Question or dashboard').selectOption({ label: 'Dashboard: Weekly sales' });
    await form.getByLabel('File').selectOption({ value: 'pdf' });
    await form.getByLabel('Send').selectOption({ value: 'weekly' });
    await form.getByLabel('On', { exact: true }).selectOption({ label: 'Monday' });
    await form.getByLabel('At hour').fill('7');
    await form.getByLabel('Time zone').fill('Europe/Paris');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    const table = page.getByRole('table', { name: 'Subscriptions and alerts' });
    const report = table.getByRole('row', { name: /^Monday sales / });
    await report.getByText('Every Monday at 07:00 (Europe/Paris)').waitFor();
    await report.getByText('Report: Weekly sales as PDF').waitFor();

    await form.getByLabel('Kind').selectOption({ value: 'alert' });
    await form.getByLabel('Name').fill('Too many open deals');
    await form.getByLabel('Question', { exact: true }).selectOption({ label: 'Question: Open deals' });
    await form.getByLabel('Goes').selectOption({ value: 'above' });
    await form.getByLabel('Threshold').fill('100');
    await form.getByLabel('Check').selectOption({ value: 'hourly' });
    await form.getByRole('button', { name: 'Create alert' }).click();
    const alert = table.getByRole('row', { name: /^Too many open deals / });
    await alert.getByText('Alert: Open deals — Opportunities above 100').waitFor();
    await screenshot(page, 'analytics-subscriptions');
    expect(await seriousViolations(page)).toEqual([]);

    const { items } = await e2e.api<{
      items: {
        name: string;
        kind: string;
        format: string | null;
        schedule: object;
        alert: object | null;
        active: boolean;
      }[];
    }>('GET', '/api/v1/analytics/subscriptions');
    expect(items.find((s) => s.name === 'Monday sales')).toMatchObject({
      kind: 'report',
      format: 'pdf',
      schedule: { frequency: 'weekly', weekday: 1, hour: 7, timeZone: 'Europe/Paris' },
      active: true,
    });
    expect(items.find((s) => s.name === 'Too many open deals')).toMatchObject({
      kind: 'alert',
      alert: { measure: 'count', condition: 'above', threshold: '100' },
      schedule: { frequency: 'hourly' },
    });

    await report.getByRole('button', { name: 'Pause Monday sales' }).click();
    await report.getByRole('cell', { name: 'Paused' }).waitFor();
    await alert.getByRole('button', { name: 'Delete Too many open deals' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(0);
    const after = await e2e.api<{ items: { name: string; active: boolean }[] }>(
      'GET',
      '/api/v1/analytics/subscriptions',
    );
    expect(after.items.map((s) => [s.name, s.active])).toEqual([['Monday sales', false]]);
  });
});
