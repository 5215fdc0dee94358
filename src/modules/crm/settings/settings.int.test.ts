import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM } from '../crm.test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('CRM settings', () => {
  it("give a sales rep without Finance access the company's base currency", async () => {
    const rep = await t.userWithRoles(['sales-rep']);
    const admin = await t.userWithRoles(['admin']);
    const finance = await t.request<{ baseCurrency: string }>('GET', '/api/v1/finance/settings', {
      token: admin.token,
    });
    expect(finance.status).toBe(200);
    expect((await t.request('GET', '/api/v1/finance/settings', { token: rep.token })).status).toBe(403);
    const res = await t.request<{ baseCurrency: string }>('GET', `${CRM}/settings`, { token: rep.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ baseCurrency: finance.body.baseCurrency });
    expect((await t.request('GET', `${CRM}/settings`)).status).toBe(401);
  });
});
