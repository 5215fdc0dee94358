import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { addDays, today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { checkInRemindersJob } from '../strategy.jobs.js';
import {
  S,
  addKeyResult,
  createCycle,
  createObjective,
  expectStatus,
  type KeyResultBody,
  type Person,
} from '../strategy.test-support.js';
import { weekOf } from './reminders.job.js';

let t: TestApp;
let admin: Person;
let owner: Person & { email: string };
beforeAll(async () => {
  t = await createTestApp();
  [admin, owner] = await Promise.all([t.userWithRoles(['admin']), t.userWithRoles(['employee'])]);
});
afterAll(() => t.close());

/** Runs the reminders job as of `asOf` and answers its result. */
async function remind(asOf: Date) {
  const job = await inTransaction(t.db, (trx) =>
    enqueueJob(trx, { type: checkInRemindersJob, payload: { asOf: asOf.toISOString() }, createdBy: null }),
  );
  await drainJobs(t.db, workRegistry);
  const row = await t.db
    .selectFrom('platform.jobs')
    .select(['status', 'result'])
    .where('id', '=', job.id)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('succeeded');
  return row.result as { week: string; reminded: number };
}

const notifications = () =>
  t.db
    .selectFrom('platform.notifications')
    .select(['title', 'link', 'dedupe_key'])
    .where('user_id', '=', owner.id)
    .where('kind', '=', 'strategy.check-in-due')
    // One run inserts its reminders in one transaction, so they share created_at: the title breaks the tie.
    .orderBy('created_at')
    .orderBy('title')
    .execute();

const mails = async () =>
  (
    await t.db
      .selectFrom('platform.jobs')
      .select(['payload'])
      .where('type', '=', 'platform.mail.send')
      .orderBy('created_at')
      .execute()
  )
    .map((j) => j.payload as { template: string; to: { address: string }[]; data: { keyResults: unknown[] } })
    .filter((p) => p.template === 'strategy.check-in-due');

/** Makes a key result look 30 days old (its check-in interval counts from its creation until a first check-in). */
const age = (kr: KeyResultBody) =>
  sql`update strategy.key_results set created_at = now() - interval '30 days' where id = ${kr.id}`.execute(t.db);

describe('check-in reminders', () => {
  let due: KeyResultBody;
  let checkedIn: KeyResultBody;
  let objectiveId: string;

  beforeAll(async () => {
    const cycle = await createCycle(t, admin.token, { name: 'Reminded' });
    const quiet = await createCycle(t, admin.token, { name: 'No reminders', checkInDays: null });
    const later = await createCycle(t, admin.token, {
      name: 'Next year',
      startDate: addDays(today(), 200),
      endDate: addDays(today(), 290),
    });
    const mine = await createObjective(t, owner.token, { cycleId: cycle.id, title: 'Ship the thing' });
    objectiveId = mine.id;
    due = await addKeyResult(t, owner.token, mine.id, {
      title: 'Beta users',
      kind: 'numeric',
      startValue: '0',
      targetValue: '50',
    });
    checkedIn = await addKeyResult(t, owner.token, mine.id, {
      title: 'Docs pages',
      kind: 'numeric',
      startValue: '0',
      targetValue: '20',
    });
    const done = await addKeyResult(t, owner.token, mine.id, { title: 'Launched', kind: 'boolean', currentValue: '1' });
    expect(done.completedAt).not.toBeNull();
    const quietKr = await addKeyResult(
      t,
      owner.token,
      (await createObjective(t, owner.token, { cycleId: quiet.id })).id,
      { kind: 'numeric', startValue: '0', targetValue: '5' },
    );
    const laterKr = await addKeyResult(
      t,
      owner.token,
      (await createObjective(t, owner.token, { cycleId: later.id })).id,
      { kind: 'numeric', startValue: '0', targetValue: '5' },
    );
    for (const kr of [due, checkedIn, done, quietKr, laterKr]) await age(kr);
    expectStatus(
      await t.request('POST', `${S}/key-results/${checkedIn.id}/check-ins`, {
        token: owner.token,
        body: { confidence: 'on-track', comment: 'Fine', value: '4' },
      }),
      201,
    );
  });

  it('tells the owner of a key result with no check-in for a week, in the app and by mail', async () => {
    const now = new Date(Date.now() + 60_000);
    const result = await remind(now);
    expect(result).toMatchObject({ week: weekOf(now), reminded: 1 });
    // Not the one checked in just now, not the completed one, not in a cycle without reminders or not running.
    expect(await notifications()).toEqual([
      {
        title: 'Check-in due: Beta users',
        link: `/strategy/objectives/${objectiveId}`,
        dedupe_key: `strategy.check-in:${due.id}:${weekOf(now)}`,
      },
    ]);
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toEqual([expect.objectContaining({ address: owner.email })]);
    expect(sent[0]!.data.keyResults).toEqual([
      { cycle: 'Reminded', objective: 'Ship the thing', keyResult: 'Beta users', lastCheckIn: null },
    ]);
  });

  it('sends each reminder once per due week: a second run sends nothing', async () => {
    const now = new Date(Date.now() + 120_000);
    expect((await remind(now)).reminded).toBe(0);
    expect(await notifications()).toHaveLength(1);
    expect(await mails()).toHaveLength(1);
    const rows = await t.db.selectFrom('strategy.check_in_reminders').selectAll().execute();
    expect(rows.map((r) => [r.key_result_id, r.due_week])).toEqual([[due.id, weekOf(now)]]);
  });

  it('reminds again the next week, the checked-in key result too once its week has passed', async () => {
    const nextWeek = new Date(Date.now() + 8 * 86_400_000);
    expect((await remind(nextWeek)).reminded).toBe(2);
    expect((await notifications()).map((n) => n.title)).toEqual([
      'Check-in due: Beta users',
      'Check-in due: Beta users',
      'Check-in due: Docs pages',
    ]);
    const sent = await mails();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.data.keyResults).toHaveLength(2);
  });

  it('runs Mondays at 08:00 UTC', () => {
    expect(workRegistry.schedules.get('strategy.check-in-reminders')).toMatchObject({
      cron: '0 8 * * 1',
      job: checkInRemindersJob,
    });
    expect(weekOf(new Date('2030-03-10T23:00:00Z'))).toBe('2030-03-04'); // a Sunday: the week began Monday 4th
    expect(weekOf(new Date('2030-03-11T00:00:00Z'))).toBe('2030-03-11');
  });
});
