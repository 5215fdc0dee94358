import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { P, createProject, createTask, expectStatus } from '../projects.test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface MailPayload {
  template: string;
  to: { address: string; name?: string }[];
  data: Record<string, unknown>;
}

/** The platform mail jobs written for this address (what the mail worker will send). */
async function mailsTo(address: string) {
  const jobs = await t.db
    .selectFrom('platform.jobs')
    .select('payload')
    .where('type', '=', 'platform.mail.send')
    .execute();
  return jobs.map((j) => j.payload as unknown as MailPayload).filter((p) => p.to.some((to) => to.address === address));
}

describe('@mentions in task comments', () => {
  it('mail each mentioned member once (not the author), only when the comment is saved', async () => {
    const pm = await t.userWithRoles(['project-manager']);
    const ana = await t.userWithRoles(['team-member']);
    const ben = await t.userWithRoles(['team-member']);
    const quiet = await t.userWithRoles(['team-member']);
    const outsider = await t.userWithRoles(['employee']);
    const p = await createProject(t, pm.token, {
      name: 'Rocket',
      members: [{ userId: ana.id }, { userId: ben.id }, { userId: quiet.id }],
    });
    const task = await createTask(t, pm.token, p.id, { title: 'Fuel check' });
    const comment = (token: string, body: string) =>
      t.request<{ mentions: string[] }>('POST', `${P}/tasks/${task.id}/comments`, { token, body: { body } });

    const body = `@[Ana](${ana.id}) and @[Ben](${ben.id}), please check @[Ana](${ana.id}) — signed @[Me](${pm.id})`;
    expect(expectStatus(await comment(pm.token, body), 201).mentions).toHaveLength(3);
    const toAna = await mailsTo(ana.email);
    expect(toAna).toHaveLength(1);
    expect(toAna[0]).toMatchObject({
      template: 'projects.task-mention',
      data: {
        taskKey: `${p.code}-1`,
        taskTitle: 'Fuel check',
        projectName: 'Rocket',
        excerpt: '@Ana and @Ben, please check @Ana — signed @Me',
      },
    });
    expect(await mailsTo(ben.email)).toHaveLength(1);
    // The author mentioning themselves gets nothing; an unmentioned member gets nothing.
    expect(await mailsTo(pm.email)).toHaveLength(0);
    expect(await mailsTo(quiet.email)).toHaveLength(0);
    // And in the app: once each, leading to the project's tasks.
    const bell = async (token: string) =>
      (
        await t.request<{ items: { kind: string; title: string; link: string }[] }>('GET', '/api/v1/notifications', {
          token,
        })
      ).body.items;
    expect(await bell(ana.token)).toEqual([
      expect.objectContaining({
        kind: 'projects.mention',
        link: `/projects/${p.id}/tasks`,
        title: expect.stringContaining('Fuel check'),
      }),
    ]);
    expect(await bell(pm.token)).toEqual([]);
    expect(await bell(quiet.token)).toEqual([]);

    // A refused comment (it mentions an outsider) writes no mail at all: the job is in its transaction.
    const refused = await comment(pm.token, `@[Ben](${ben.id}) and @[X](${outsider.id})`);
    expect(refused.status).toBe(422);
    expect(await mailsTo(ben.email)).toHaveLength(1);
    expect(await mailsTo(outsider.email)).toHaveLength(0);
    expect(await bell(ben.token)).toHaveLength(1);
  });
});
