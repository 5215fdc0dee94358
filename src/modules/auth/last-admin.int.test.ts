import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
});
afterAll(() => t.close());

it('two administrators demoting each other at the same time: one wins, one administrator remains', async () => {
  const a = await t.userWithRoles(['admin']);
  const b = await t.userWithRoles(['admin']);
  const demote = (actor: { token: string }, target: { id: string }) =>
    t.request('PUT', `/api/v1/auth/users/${target.id}/roles`, {
      token: actor.token,
      body: { version: 1, roles: ['employee'] },
    });
  const results = await Promise.all([demote(a, b), demote(b, a), demote(a, b), demote(b, a)]);
  const statuses = results.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  // The losers get 409 — or 401 once the winner's change has ended the demoted one's token (ADR 0010).
  expect(statuses.every((s) => s === 200 || s === 409 || s === 401)).toBe(true);
  const admins = await t.db.selectFrom('auth.user_roles').select('user_id').where('role', '=', 'admin').execute();
  expect(admins).toHaveLength(1);
});
