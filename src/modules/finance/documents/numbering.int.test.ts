import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, trialBalance } from '../test/finance-helpers.js';
import { F, createParty, line, type DocBody } from './test-support.js';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  token = (await t.userWithRoles(['accountant'])).token;
  await chart(t, token);
});
afterAll(() => t.close());

describe('document numbering', () => {
  it('50 concurrent issues get 50 distinct, consecutive numbers', async () => {
    const party = (await createParty(t, token, { kind: 'customer', name: 'Many Invoices Ltd' })).id;
    const drafts: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await t.request<DocBody>('POST', `${F}/invoices`, {
        token,
        body: { partyId: party, date: '2026-06-15', lines: [line('1', `${i + 1}.00`)] },
      });
      drafts.push(res.body.id);
    }
    const issued = await Promise.all(
      drafts.map((id) => t.request<DocBody>('POST', `${F}/invoices/${id}/issue`, { token })),
    );
    expect(issued.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const numbers = issued.map((r) => r.body.number!).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`));
    // Issuing twice is refused; bills have a series of their own.
    expect((await t.request('POST', `${F}/invoices/${drafts[0]}/issue`, { token })).status).toBe(409);
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });
});
