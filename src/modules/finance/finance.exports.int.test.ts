import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../platform/http/csv.js';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { F, createParty, issued, line, type DocBody } from './documents/test-support.js';
import { exportCsv } from '../../platform/http/csv-export.js';
import { chart, entry, type AccountRef } from './test/finance-helpers.js';

/** CSV exports of the lists, multi-value status, open=true, post with a version, typed report routes. */
let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let acme: string;
let evil: string;
const docs: Record<string, DocBody> = {};

const csvOf = async (url: string, as = token) => {
  const res = await t.request<string>('GET', url, { token: as });
  return { res, rows: res.status === 200 ? parseCsv(res.body) : [] };
};
const col = (rows: string[][], name: string) => {
  const i = rows[0]!.indexOf(name);
  expect(i).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i]);
};

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  accounts = await chart(t, token);
  acme = (await createParty(t, token, { kind: 'customer', name: 'Acme Retail' })).id;
  evil = (await createParty(t, token, { kind: 'customer', name: '=HYPERLINK("http://evil.example")' })).id;
  await createParty(t, token, { kind: 'vendor', name: '+Vendor Plus', email: 'ap@vendor.example' });
  // Acme: one issued (open), one partially paid, one paid, one draft. Evil: one issued.
  docs.issued = await issued(t, token, 'invoices', { partyId: acme, date: '2026-02-01', lines: [line('1', '100.00')] });
  docs.partial = await issued(t, token, 'invoices', {
    partyId: acme,
    date: '2026-02-02',
    lines: [line('1', '200.00')],
  });
  docs.paid = await issued(t, token, 'invoices', { partyId: acme, date: '2026-02-03', lines: [line('1', '50.00')] });
  const draft = await t.request<DocBody>('POST', `${F}/invoices`, {
    token,
    body: { partyId: acme, date: '2026-02-04', memo: '@SUM(A1:A2)', lines: [line('1', '10.00')] },
  });
  docs.draft = draft.body;
  docs.evil = await issued(t, token, 'invoices', {
    partyId: evil,
    date: '2026-02-05',
    reference: '-2+3',
    lines: [line('1', '70.00')],
  });
  const pay = (documentId: string, amount: string) =>
    t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: acme,
        date: '2026-02-10',
        amount,
        reference: '=cmd|calc',
        allocations: [{ documentId, amount }],
      },
    });
  expect((await pay(docs.partial.id, '80.00')).status).toBe(201);
  expect((await pay(docs.paid.id, '50.00')).status).toBe(201);
});
afterAll(() => t.close());

describe('status takes several values and open=true', () => {
  it('filters invoices by a comma-separated or repeated status', async () => {
    const numbers = async (qs: string) => {
      const res = await t.request<{ items: { id: string }[] }>('GET', `${F}/invoices?${qs}&sort=date`, { token });
      expect(res.status).toBe(200);
      return res.body.items.map((d) => d.id);
    };
    const expected = [docs.issued!.id, docs.partial!.id, docs.evil!.id];
    expect(await numbers('status=issued,partially-paid')).toEqual(expected);
    expect(await numbers('status=issued&status=partially-paid')).toEqual(expected);
    expect(await numbers('status=draft')).toEqual([docs.draft!.id]);
    expect(await numbers(`status=paid,draft&partyId=${acme}`)).toEqual([docs.paid!.id, docs.draft!.id]);
  });

  it('refuses an unknown status with a 422 naming the parameter', async () => {
    const res = await t.request<{ errors: { path: string; message: string }[] }>(
      'GET',
      `${F}/invoices?status=issued,bogus`,
      { token },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'query.status' });
  });

  it('open=true lists issued and partially paid documents with an open amount, in one call', async () => {
    const res = await t.request<{ items: { id: string; open: string }[] }>(
      'GET',
      `${F}/invoices?open=true&partyId=${acme}&sort=dueDate`,
      { token },
    );
    expect(res.body.items.map((d) => [d.id, d.open])).toEqual([
      [docs.issued!.id, '100.00'],
      [docs.partial!.id, '120.00'],
    ]);
    const closed = await t.request<{ items: { id: string }[] }>('GET', `${F}/invoices?open=false&partyId=${acme}`, {
      token,
    });
    expect(closed.body.items.map((d) => d.id).sort()).toEqual([docs.paid!.id, docs.draft!.id].sort());
  });

  it('filters journal entries and payments by several statuses', async () => {
    const both = await t.request<{ items: unknown[] }>('GET', `${F}/journal-entries?status=draft,posted`, { token });
    const posted = await t.request<{ items: unknown[] }>('GET', `${F}/journal-entries?status=posted`, { token });
    expect(both.body.items.length).toBe(posted.body.items.length); // no drafts yet
    const payments = await t.request<{ items: unknown[] }>('GET', `${F}/payments?status=posted,void`, { token });
    expect(payments.body.items).toHaveLength(2);
    expect((await t.request('GET', `${F}/payments?status=pending`, { token })).status).toBe(422);
  });
});

describe('CSV exports of the lists', () => {
  it('exports invoices with the list filters, in the list order, neutralising formulas', async () => {
    const { res, rows } = await csvOf(`${F}/invoices/export.csv?status=issued,partially-paid&sort=date`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('invoices.csv');
    expect(col(rows, 'id')).toEqual([docs.issued!.id, docs.partial!.id, docs.evil!.id]);
    expect(col(rows, 'open')).toEqual(['100.00', '120.00', '70.00']);
    const evilRow = rows.find((r) => r.includes(docs.evil!.id))!;
    expect(evilRow[rows[0]!.indexOf('party')]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(evilRow[rows[0]!.indexOf('reference')]).toBe(`'-2+3`);

    const byParty = await csvOf(`${F}/invoices/export.csv?partyId=${acme}&open=false`);
    expect(col(byParty.rows, 'status').sort()).toEqual(['draft', 'paid']);
    expect(col(byParty.rows, 'memo')).toContain(`'@SUM(A1:A2)`);

    const search = await csvOf(`${F}/invoices/export.csv?q=acme&from=2026-02-02&to=2026-02-03`);
    expect(col(search.rows, 'id').sort()).toEqual([docs.partial!.id, docs.paid!.id].sort());
    // Paging parameters are not part of an export.
    expect((await csvOf(`${F}/invoices/export.csv?limit=1`)).rows.length).toBe(6);
  });

  it('exports bills, credit notes and vendor credits too (a header row when nothing matches)', async () => {
    for (const path of ['bills', 'credit-notes', 'vendor-credits']) {
      const { res, rows } = await csvOf(`${F}/${path}/export.csv`);
      expect(res.status).toBe(200);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('open');
    }
  });

  it('exports parties, payments and journal entries with their filters', async () => {
    const vendors = await csvOf(`${F}/parties/export.csv?kind=vendor`);
    expect(col(vendors.rows, 'name')).toEqual(["'+Vendor Plus"]);
    const searched = await csvOf(`${F}/parties/export.csv?q=acme`);
    expect(col(searched.rows, 'id')).toEqual([acme]);

    const payments = await csvOf(`${F}/payments/export.csv?direction=received&sort=amount`);
    expect(col(payments.rows, 'amount')).toEqual(['50.00', '80.00']);
    expect(col(payments.rows, 'reference')).toEqual(["'=cmd|calc", "'=cmd|calc"]);
    expect((await csvOf(`${F}/payments/export.csv?direction=made`)).rows).toHaveLength(1);

    await t.request('POST', `${F}/journal-entries`, {
      token,
      body: entry(
        '2026-03-01',
        [
          { accountId: accounts['1100']!.id, debit: '25.00' },
          { accountId: accounts['3100']!.id, credit: '25.00' },
        ],
        { memo: '=1+1' },
      ),
    });
    const drafts = await csvOf(`${F}/journal-entries/export.csv?status=draft`);
    expect(col(drafts.rows, 'status')).toEqual(['draft']);
    expect(col(drafts.rows, 'memo')).toEqual(["'=1+1"]);
    expect(col(drafts.rows, 'total_debit')).toEqual(['25.00']);
    const march = await csvOf(`${F}/journal-entries/export.csv?from=2026-02-01&to=2026-02-28&status=posted`);
    expect(march.rows.length).toBe(1 + 6); // 4 issued invoices + 2 payments
  });

  it('needs finance:read', async () => {
    const employee = (await t.userWithRoles(['employee'])).token;
    for (const path of ['invoices', 'bills', 'parties', 'payments', 'journal-entries']) {
      expect((await t.request('GET', `${F}/${path}/export.csv`, { token: employee })).status).toBe(403);
      expect((await t.request('GET', `${F}/${path}/export.csv`)).status).toBe(401);
    }
    const bookkeeper = (await t.userWithRoles(['bookkeeper'])).token;
    expect((await csvOf(`${F}/invoices/export.csv`, bookkeeper)).res.status).toBe(200);
  });

  it('validates the filters like the list does', async () => {
    expect((await t.request('GET', `${F}/invoices/export.csv?partyId=nope`, { token })).status).toBe(422);
    expect((await t.request('GET', `${F}/invoices/export.csv?sort=memo`, { token })).status).toBe(422);
  });

  it('reads every page and refuses more rows (or bytes) than the cap with a 422', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ n: i }));
    const load = async ({ limit, cursor }: { limit: number; cursor?: string | undefined }) => {
      const start = cursor ? Number(cursor) : 0;
      const next = start + Math.min(limit, 2);
      return { items: items.slice(start, next), nextCursor: next < items.length ? String(next) : null };
    };
    const csv = await exportCsv(load, ['n'], (x) => [x.n], { rows: 5 });
    expect(parseCsv(csv).slice(1)).toEqual([['0'], ['1'], ['2'], ['3'], ['4']]);
    await expect(exportCsv(load, ['n'], (x) => [x.n], { rows: 4 })).rejects.toMatchObject({ status: 422 });
    await expect(exportCsv(load, ['n'], (x) => [x.n], { bytes: 8 })).rejects.toMatchObject({ status: 422 });
  });
});

describe('posting a journal entry with a version', () => {
  const draft = async () => {
    const res = await t.request<{ id: string; version: number }>('POST', `${F}/journal-entries`, {
      token,
      body: entry('2026-03-02', [
        { accountId: accounts['1100']!.id, debit: '10.00' },
        { accountId: accounts['3100']!.id, credit: '10.00' },
      ]),
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('refuses a stale version with 409 and posts with the current one', async () => {
    const d = await draft();
    const url = `${F}/journal-entries/${d.id}`;
    const changed = await t.request<{ version: number }>('PUT', url, {
      token,
      body: {
        ...entry('2026-03-02', [
          { accountId: accounts['1100']!.id, debit: '12.00' },
          { accountId: accounts['3100']!.id, credit: '12.00' },
        ]),
        version: d.version,
      },
    });
    expect(changed.body.version).toBe(d.version + 1);
    const stale = await t.request<{ type: string; currentVersion: number }>('POST', `${url}/post`, {
      token,
      body: { version: d.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toContain('version-conflict');
    expect((await t.request<{ status: string }>('GET', url, { token })).body.status).toBe('draft');
    const ok = await t.request<{ number: string }>('POST', `${url}/post`, {
      token,
      body: { version: changed.body.version },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.number).toMatch(/^JE-2026-/);
  });

  it('still posts without a body or version, and refuses a malformed one', async () => {
    const a = await draft();
    expect((await t.request('POST', `${F}/journal-entries/${a.id}/post`, { token })).status).toBe(200);
    const b = await draft();
    const bad = await t.request('POST', `${F}/journal-entries/${b.id}/post`, { token, body: { version: 'x' } });
    expect(bad.status).toBe(422);
    expect((await t.request('POST', `${F}/journal-entries/${b.id}/post`, { token, body: {} })).status).toBe(200);
  });
});

describe('reports: JSON routes typed as JSON, CSV on .csv routes', () => {
  it('declares only application/json on the JSON routes and text/csv on the .csv routes', async () => {
    const doc = await t.request<{
      paths: Record<string, { get: { responses: Record<string, { content?: object }> } }>;
    }>('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const r of [
      'trial-balance',
      'aging',
      'general-ledger',
      'profit-and-loss',
      'balance-sheet',
      'budget-vs-actual',
    ]) {
      const json = doc.body.paths[`${F}/reports/${r}`]!.get.responses['200']!.content!;
      expect(Object.keys(json)).toEqual(['application/json']);
      const csv = doc.body.paths[`${F}/reports/${r}.csv`]!.get.responses['200']!.content!;
      expect(Object.keys(csv)).toEqual(['text/csv']);
    }
    for (const list of ['invoices', 'parties', 'payments', 'journal-entries'])
      expect(Object.keys(doc.body.paths[`${F}/${list}/export.csv`]!.get.responses['200']!.content!)).toEqual([
        'text/csv',
      ]);
  });

  it('answers the same CSV from format=csv and from the .csv route', async () => {
    const R = `${F}/reports`;
    const pairs = [
      [`${R}/trial-balance?date=2026-12-31&format=csv`, `${R}/trial-balance.csv?date=2026-12-31`],
      [`${R}/aging?side=receivables&date=2026-04-30&format=csv`, `${R}/aging.csv?side=receivables&date=2026-04-30`],
      [
        `${R}/general-ledger?accountId=${accounts['1300']!.id}&from=2026-01-01&to=2026-12-31&format=csv`,
        `${R}/general-ledger.csv?accountId=${accounts['1300']!.id}&from=2026-01-01&to=2026-12-31`,
      ],
      [
        `${R}/profit-and-loss?from=2026-01-01&to=2026-12-31&format=csv`,
        `${R}/profit-and-loss.csv?from=2026-01-01&to=2026-12-31`,
      ],
      [`${R}/balance-sheet?date=2026-12-31&format=csv`, `${R}/balance-sheet.csv?date=2026-12-31`],
      [`${R}/budget-vs-actual?from=2026-01&to=2026-03&format=csv`, `${R}/budget-vs-actual.csv?from=2026-01&to=2026-03`],
    ] as const;
    for (const [legacy, route] of pairs) {
      const a = await t.request<string>('GET', legacy, { token });
      const b = await t.request<string>('GET', route, { token });
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(b.headers.get('content-type')).toContain('text/csv');
      expect(b.headers.get('content-disposition')).toBe(a.headers.get('content-disposition'));
      expect(b.body).toBe(a.body);
    }
    const gl = await csvOf(`${R}/general-ledger.csv?accountId=${accounts['1300']!.id}&from=2026-01-01&to=2026-12-31`);
    expect(gl.rows.at(-1)).toContain('Closing balance');
    const employee = (await t.userWithRoles(['employee'])).token;
    expect((await t.request('GET', `${R}/trial-balance.csv`, { token: employee })).status).toBe(403);
  });
});
