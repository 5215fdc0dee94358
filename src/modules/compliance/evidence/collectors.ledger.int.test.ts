import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { complianceApp, expectStatus, type ComplianceTestApp, type ControlBody } from '../compliance.test-support.js';

let t: TestApp;
let a: ComplianceTestApp;
let officer: { id: string; token: string };
let accountant: { id: string; token: string };
let accounts: Map<string, string>;
let postedId: string;
let postedNumber: string;
let julyId: string;

const F = '/api/v1/finance';

async function collect(collectors: string[]) {
  expectStatus(await a.call('POST', '/collectors/run', officer.token, { collectors }), 202);
  await a.drain();
}

async function latest<R>(collector: string) {
  const page = expectStatus(
    await a.call<{ items: { id: string }[] }>('GET', `/collector-runs?collector=${collector}&limit=1`, officer.token),
    200,
  );
  return expectStatus(
    await a.call<{ status: string; summary: string; artefact: { result: R }; integrity: { valid: boolean } }>(
      'GET',
      `/collector-runs/${page.items[0]!.id}`,
      officer.token,
    ),
    200,
  );
}

async function post(date: string, amount: string) {
  return expectStatus(
    await t.request<{ id: string; number: string }>('POST', `${F}/journal-entries`, {
      token: accountant.token,
      body: {
        date,
        reference: 'TEST',
        memo: 'compliance collector test',
        post: true,
        lines: [
          { accountId: accounts.get('1100'), debit: amount },
          { accountId: accounts.get('3100'), credit: amount },
        ],
      },
    }),
    201,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  a = complianceApp(t);
  officer = await t.userWithRoles(['compliance-officer']);
  accountant = await t.userWithRoles(['accountant', 'finance-admin']);
  const chart = await t.request<{ items: { id: string; code: string }[] }>('GET', `${F}/accounts`, {
    token: accountant.token,
  });
  accounts = new Map(chart.body.items.map((x) => [x.code, x.id]));
  expect((await t.request('POST', `${F}/fiscal-years/2026/open`, { token: accountant.token })).status).toBe(204);
  const posted = await post('2026-07-10', '120.00');
  postedId = posted.id;
  postedNumber = posted.number;
  const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
    'GET',
    `${F}/fiscal-years`,
    { token: accountant.token },
  );
  julyId = years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === 7)!.id;
  expect((await t.request('POST', `${F}/periods/${julyId}/close`, { token: accountant.token })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

interface PeriodsResult {
  lockDate: string | null;
  totals: { closedPeriods: number; reopenings: number };
  years: { year: number; periods: { period: number; status: string; closedAt: string | null }[] }[];
  postedIntoClosedPeriods: { entryId: string; number: string }[];
  events: { action: string; entityId: string }[];
}

interface IntegrityResult {
  postedEntries: number;
  guards: { trigger: string; enabled: boolean }[];
  changedAfterPosting: { entryId: string; number: string; action: string }[];
  inconsistent: { entryId: string; problems: string[] }[];
}

describe('finance collectors', () => {
  it('lists closed periods with their closing time and the closing in the audit log; a posting after the close fails it', async () => {
    const control = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, {
        name: 'Period close',
        ownerId: officer.id,
        status: 'implemented',
        collectors: ['finance-periods', 'posted-entries-unchanged', 'password-policy'],
      }),
      201,
    );
    expect(control.health.status).toBe('amber');
    await collect(['finance-periods', 'posted-entries-unchanged', 'password-policy']);
    expect(
      expectStatus(await a.call<ControlBody>('GET', `/controls/${control.id}`, officer.token), 200).health.status,
    ).toBe('green');

    const run = await latest<PeriodsResult>('finance-periods');
    expect(run.status).toBe('passed');
    expect(run.integrity.valid).toBe(true);
    const july = run.artefact.result.years.find((y) => y.year === 2026)!.periods.find((p) => p.period === 7)!;
    expect(july.status).toBe('closed');
    expect(july.closedAt).not.toBeNull();
    expect(run.artefact.result.totals.closedPeriods).toBe(1);
    expect(run.artefact.result.lockDate).toBeNull(); // no year closed
    expect(run.artefact.result.events.map((e) => [e.action, e.entityId])).toContainEqual([
      'fiscal-period.closed',
      julyId,
    ]);

    // The period's close is moved before the entry's posting: the entry was posted into a closed period.
    await sql`update finance.fiscal_periods set closed_at = closed_at - interval '1 day' where id = ${julyId}`.execute(
      t.db,
    );
    await collect(['finance-periods']);
    const late = await latest<PeriodsResult>('finance-periods');
    expect(late.status).toBe('failed');
    expect(late.summary).toContain(postedNumber);
    expect(late.artefact.result.postedIntoClosedPeriods.map((e) => e.entryId)).toEqual([postedId]);
    expect(
      expectStatus(await a.call<ControlBody>('GET', `/controls/${control.id}`, officer.token), 200).health,
    ).toMatchObject({ status: 'red', reasons: [{ code: 'collector-failing', collector: 'finance-periods' }] });
    await sql`update finance.fiscal_periods set closed_at = closed_at + interval '1 day' where id = ${julyId}`.execute(
      t.db,
    );
  });

  it('posted entries: passes untouched; an update after posting in the audit log, or a change around the guards, is listed', async () => {
    const clean = await latest<IntegrityResult>('posted-entries-unchanged');
    expect(clean.status).toBe('passed');
    expect(clean.artefact.result.postedEntries).toBe(1);
    expect(clean.artefact.result.guards.map((g) => [g.trigger, g.enabled])).toEqual([
      ['journal_entries_immutable', true],
      ['journal_lines_immutable', true],
    ]);
    // The database refuses a change to a posted entry.
    await expect(
      sql`update finance.journal_entries set memo = 'changed' where id = ${postedId}`.execute(t.db),
    ).rejects.toThrow(/cannot be changed/);

    // 1. The audit trail records an update of the entry after its posting.
    await t.db.transaction().execute((trx) =>
      writeAudit(
        trx,
        { actor: null, requestId: 'test' },
        {
          action: 'journal-entry.updated',
          entityType: 'finance.journal-entry',
          entityId: postedId,
          after: { memo: 'changed' },
        },
      ),
    );
    await collect(['posted-entries-unchanged']);
    const audited = await latest<IntegrityResult>('posted-entries-unchanged');
    expect(audited.status).toBe('failed');
    expect(audited.summary).toContain(postedNumber);
    expect(audited.artefact.result.changedAfterPosting).toMatchObject([
      { entryId: postedId, number: postedNumber, action: 'journal-entry.updated' },
    ]);

    // 2. A line changed with the guards bypassed: the entry no longer balances nor is as posted.
    await t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update finance.journal_lines set base_debit = 999, debit = 999 where entry_id = ${postedId} and debit > 0`.execute(
        trx,
      );
      await sql`update finance.journal_entries set memo = 'changed', updated_at = now() + interval '1 minute' where id = ${postedId}`.execute(
        trx,
      );
    });
    // 3. A guard disabled.
    await sql`alter table finance.journal_lines disable trigger journal_lines_immutable`.execute(t.db);
    try {
      await collect(['posted-entries-unchanged']);
      const changed = await latest<IntegrityResult>('posted-entries-unchanged');
      expect(changed.status).toBe('failed');
      expect(changed.artefact.result.inconsistent).toHaveLength(1);
      expect(changed.artefact.result.inconsistent[0]!.entryId).toBe(postedId);
      expect(changed.artefact.result.inconsistent[0]!.problems.join('; ')).toMatch(/debits 999.*credits 120/);
      expect(changed.artefact.result.inconsistent[0]!.problems).toContain(
        'updated after posting without being reversed',
      );
      expect(changed.artefact.result.guards.find((g) => g.trigger === 'journal_lines_immutable')!.enabled).toBe(false);
      expect(changed.summary).toContain('journal_lines_immutable');
    } finally {
      await sql`alter table finance.journal_lines enable trigger journal_lines_immutable`.execute(t.db);
    }
  });

  it('password and lockout policy: the rules in force, failing below the baseline', async () => {
    const run = await latest<{
      checks: { check: string; passed: boolean }[];
      policy: { password: { minLength: number }; signInThrottling: { pair: { free: number } }; accountLockout: string };
    }>('password-policy');
    expect(run.status).toBe('passed');
    expect(run.artefact.result.policy.password.minLength).toBe(12);
    expect(run.artefact.result.policy.signInThrottling.pair.free).toBe(5);
    expect(run.artefact.result.checks.every((c) => c.passed)).toBe(true);
    // A password shorter than the rule is refused by Auth itself.
    const user = await t.userWithRoles(['employee']);
    expect(
      (
        await t.request('POST', '/api/v1/auth/me/password', {
          token: user.token,
          body: { currentPassword: 'whatever-it-is', newPassword: 'short' },
        })
      ).status,
    ).toBe(422);

    const before = process.env.REFRESH_TOKEN_TTL_SECONDS;
    process.env.REFRESH_TOKEN_TTL_SECONDS = String(200 * 86_400);
    try {
      await collect(['password-policy']);
    } finally {
      if (before === undefined) delete process.env.REFRESH_TOKEN_TTL_SECONDS;
      else process.env.REFRESH_TOKEN_TTL_SECONDS = before;
    }
    const weak = await latest<{ checks: { check: string; passed: boolean }[] }>('password-policy');
    expect(weak.status).toBe('failed');
    expect(weak.artefact.result.checks.filter((c) => !c.passed).map((c) => c.check)).toEqual([
      'refresh-token-lifetime',
    ]);
  });
});
