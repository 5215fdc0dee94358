import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { parseCsv } from '../../platform/http/csv.js';
import { CRM, crmPeople, type CrmPeople } from './crm.test-support.js';

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

const post = async (path: string, body: unknown, token = p.repA.token) => {
  const res = await t.request<{ id: string; version: number }>('POST', `${CRM}/${path}`, { token, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** GETs a CSV export and returns its rows as objects keyed by the header. */
async function exported(path: string, token = p.repA.token) {
  const res = await t.request<string>('GET', `${CRM}/${path}`, { token });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z]+\.csv"$/);
  const [header, ...rows] = parseCsv(res.body);
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]]))) };
}

describe('CSV export of every list, with its filters', () => {
  it('organizations: same filters as the list, visible ones only, formulas neutralized', async () => {
    const parent = await post('organizations', { name: 'Export Parent', tags: ['export'] });
    await post('organizations', {
      name: '=cmd|calc',
      domain: 'formula.example',
      industry: 'Energy',
      tags: ['export'],
      address: { city: 'Lyon', country: 'FR' },
      parentId: parent.id,
    });
    await post('organizations', { name: 'Export Other', industry: 'Energy' });
    await post('organizations', { name: 'Export Hidden', industry: 'Energy', tags: ['export'] }, p.repB.token);

    const all = await exported('organizations/export.csv?tag=export');
    expect(all.header.slice(0, 4)).toEqual(['id', 'name', 'domain', 'industry']);
    expect(all.rows.map((r) => r.name)).toEqual(["'=cmd|calc", 'Export Parent']);
    expect(all.rows[0]).toMatchObject({ domain: 'formula.example', city: 'Lyon', country: 'FR', parent_id: parent.id });
    const filtered = await exported('organizations/export.csv?tag=export&industry=Energy');
    expect(filtered.rows.map((r) => r.domain)).toEqual(['formula.example']);
    expect((await exported(`organizations/export.csv?parentId=${parent.id}`)).rows).toHaveLength(1);
    expect((await exported('organizations/export.csv?q=export%20other')).rows.map((r) => r.name)).toEqual([
      'Export Other',
    ]);
    const admin = await exported('organizations/export.csv?tag=export', p.admin.token);
    expect(admin.rows.map((r) => r.name)).toContain('Export Hidden');
    const bad = await t.request('GET', `${CRM}/organizations/export.csv?parentId=nope`, { token: p.repA.token });
    expect(bad.status).toBe(422);
  });

  it('leads: by status, source, conversion and q, newest first', async () => {
    await post('leads', { name: 'Lead Older', source: 'fair', status: 'contacted', score: 40 });
    await post('leads', { name: 'Lead Newer', email: 'newer@lead.example', source: 'fair', status: 'contacted' });
    await post('leads', { name: 'Lead Out', source: 'fair', status: 'disqualified', disqualifiedReason: 'No budget' });
    await post('leads', { name: 'Lead Hidden', source: 'fair' }, p.repB.token);
    const contacted = await exported('leads/export.csv?source=fair&status=contacted');
    expect(contacted.rows.map((r) => r.name)).toEqual(['Lead Newer', 'Lead Older']);
    expect(contacted.rows[1]).toMatchObject({ score: '40', status: 'contacted', converted_at: '' });
    const out = await exported('leads/export.csv?source=fair&q=out');
    expect(out.rows).toEqual([expect.objectContaining({ name: 'Lead Out', disqualified_reason: 'No budget' })]);
    expect((await exported('leads/export.csv?source=fair&converted=true')).rows).toEqual([]);
    expect((await exported('leads/export.csv?source=fair', p.manager.token)).rows).toHaveLength(3);
  });

  it('opportunities: by pipeline, stage, status and owner, with stage names and decimal amounts', async () => {
    const pipelines = await t.request<{ items: { id: string; isDefault: boolean; stages: { id: string }[] }[] }>(
      'GET',
      `${CRM}/pipelines`,
      { token: p.repA.token },
    );
    const pl = pipelines.body.items.find((x) => x.isDefault)!;
    await post('opportunities', {
      name: 'Export Deal 1',
      currency: 'EUR',
      amount: '1000.5',
      expectedCloseDate: '2027-05-01',
    });
    const won = await post('opportunities', { name: 'Export Deal 2', currency: 'USD', amount: '20' });
    await t.request('POST', `${CRM}/opportunities/${won.id}/win`, {
      token: p.repA.token,
      body: { version: won.version },
    });
    await post('opportunities', { name: 'Export Deal 3', currency: 'EUR' }, p.repB.token);

    const mine = await exported(`opportunities/export.csv?pipelineId=${pl.id}&q=export%20deal`);
    expect(mine.rows.map((r) => [r.name, r.stage, r.amount, r.currency, r.status])).toEqual([
      ['Export Deal 2', 'Won', '20.00', 'USD', 'won'],
      ['Export Deal 1', 'Prospecting', '1000.50', 'EUR', 'open'],
    ]);
    expect(mine.rows[1]).toMatchObject({ expected_close_date: '2027-05-01', probability: '10', closed_at: '' });
    const open = await exported(`opportunities/export.csv?status=open&stageId=${pl.stages[0]!.id}&q=export`);
    expect(open.rows.map((r) => r.name)).toEqual(['Export Deal 1']);
    const admin = await exported(`opportunities/export.csv?q=export%20deal&ownerId=${p.repB.id}`, p.admin.token);
    expect(admin.rows.map((r) => r.name)).toEqual(['Export Deal 3']);
    expect((await exported(`opportunities/export.csv?q=export%20deal&ownerId=${p.repB.id}`)).rows).toEqual([]);
  });
});
