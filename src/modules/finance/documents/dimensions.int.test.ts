import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, type AccountRef } from '../test/finance-helpers.js';
import { F, createParty, issued, line } from './test-support.js';

/**
 * Issue #22: department and project on document lines reach the ledger and the P&L by department, and
 * name an HR department and a project that is not archived (checked through HR's and Projects' index).
 */

let t: TestApp;
let token: string;
let admin: string;
let accounts: Record<string, AccountRef>;
let project: string;

async function created<T extends { id: string }>(path: string, body: Record<string, unknown>) {
  const res = await t.request<T>('POST', path, { token: admin, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  admin = (await t.userWithRoles(['admin'])).token;
  accounts = await chart(t, token);
  await created('/api/v1/hr/departments', { name: 'Retail', code: 'RET' });
  await created('/api/v1/hr/departments', { name: 'Wholesale' });
  project = (await created('/api/v1/projects/projects', { code: 'DIM1', name: 'Dimension project' })).id;
});
afterAll(() => t.close());

const pl = async (department?: string) => {
  const q = `from=2026-05-01&to=2026-05-31${department ? `&department=${department}` : ''}`;
  const res = await t.request<{ netResult: string; income: { total: string } }>(
    'GET',
    `${F}/reports/profit-and-loss?${q}`,
    { token },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('dimensions on document lines', () => {
  it('posts each line with its department and project; the P&L by department includes them', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Dimension Co' })).id;
    const vendor = (await createParty(t, token, { kind: 'vendor', name: 'Dimension Supplies' })).id;
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-05-05',
      lines: [
        line('1', '300.00', { department: 'Retail', projectId: project }),
        line('1', '200.00', { department: 'Wholesale' }),
        line('1', '50.00'),
      ],
    });
    await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-05-06',
      lines: [line('1', '80.00', { department: 'Retail', accountId: accounts['6400']!.id })],
    });
    const doc = await t.request<{ lines: { department: string | null; projectId: string | null }[] }>(
      'GET',
      `${F}/invoices/${inv.id}`,
      { token },
    );
    expect(doc.body.lines.map((l) => [l.department, l.projectId])).toEqual([
      ['Retail', project],
      ['Wholesale', null],
      [null, null],
    ]);
    // Same account, three dimension sets: three income lines on the entry.
    const lines = await t.db
      .selectFrom('finance.journal_lines')
      .select(['account_id', 'department', 'project_id', 'credit'])
      .where('entry_id', '=', inv.journalEntryId!)
      .where('account_id', '=', accounts['4100']!.id)
      .orderBy('line_no')
      .execute();
    expect(lines.map((l) => [l.department, l.project_id, l.credit])).toEqual([
      ['Retail', project, '300.0000'],
      ['Wholesale', null, '200.0000'],
      [null, null, '50.0000'],
    ]);
    expect((await pl('Retail')).netResult).toBe('220.00'); // 300 − 80
    expect((await pl('Wholesale')).netResult).toBe('200.00');
    expect((await pl()).netResult).toBe('470.00'); // 550 − 80
  });

  it('refuses an unknown department, an unknown or archived project: 422 naming the line and the field', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Dimension Check Co' })).id;
    const unknownProject = '0b6f8f5e-7d1c-4c47-9d7a-1f3c2a9e0a11';
    const bad = await t.request<{ errors: { path: string; message: string; code: string }[] }>(
      'POST',
      `${F}/invoices`,
      {
        token,
        body: {
          partyId: customer,
          date: '2026-05-07',
          lines: [
            line('1', '10.00', { department: 'RET', projectId: project }), // by code: fine
            line('1', '10.00', { department: 'Marketing' }),
            line('1', '10.00', { projectId: unknownProject }),
          ],
        },
      },
    );
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.body.errors.map((e) => [e.path, e.code])).toEqual([
      ['lines.1.department', 'unknown_department'],
      ['lines.2.projectId', 'unknown_project'],
    ]);
    expect(bad.body.errors[0]!.message).toContain('Line 2');

    const version = (
      await t.request<{ version: number }>('GET', `/api/v1/projects/projects/${project}`, { token: admin })
    ).body.version;
    const archived = await t.request('POST', `/api/v1/projects/projects/${project}/archive`, {
      token: admin,
      body: { version },
    });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    const vendor = (await createParty(t, token, { kind: 'vendor', name: 'Dimension Check Supplies' })).id;
    const onArchived = await t.request<{ errors: { path: string; message: string; code: string }[] }>(
      'POST',
      `${F}/bills`,
      {
        token,
        body: {
          partyId: vendor,
          date: '2026-05-07',
          lines: [line('1', '10.00', { projectId: project, accountId: accounts['6400']!.id })],
        },
      },
    );
    expect(onArchived.status, JSON.stringify(onArchived.body)).toBe(422);
    expect(onArchived.body.errors).toEqual([
      { path: 'lines.0.projectId', code: 'archived_project', message: 'Line 1: the project DIM1 is archived.' },
    ]);
    const documents = await t.db
      .selectFrom('finance.documents')
      .select('id')
      .where('party_id', 'in', [customer, vendor])
      .execute();
    expect(documents).toEqual([]);
  });
});
