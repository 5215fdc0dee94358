import type { z } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { accessReview } from '../../auth/index.js';
import { activeEmployeesWithUsers } from '../../hr/index.js';
import type { PoliciesTable, PolicyVersionsTable } from '../compliance.tables.js';
import { policyReminder } from '../compliance.module.js';
import type {
  AcknowledgeBody,
  CreatePolicyBody,
  PolicyListQuery,
  PolicyVersionListQuery,
  PublishPolicyVersionBody,
} from './policies.schemas.js';

type PolicyRow = Selectable<PoliciesTable>;
type VersionRow = Selectable<PolicyVersionsTable>;

const versionDto = (v: VersionRow, currentNumber: number) => ({
  id: v.id,
  policyId: v.policy_id,
  number: v.number,
  title: v.title,
  body: v.body,
  notes: v.notes,
  current: v.number === currentNumber,
  publishedBy: v.published_by,
  publishedAt: v.published_at.toISOString(),
});

async function toPolicyDtos(db: Db, rows: PolicyRow[], userId: string | null) {
  if (rows.length === 0) return [];
  const currents = await db
    .selectFrom('compliance.policy_versions as v')
    .innerJoin('compliance.policies as p', (j) =>
      j.onRef('p.id', '=', 'v.policy_id').onRef('p.current_number', '=', 'v.number'),
    )
    .selectAll('v')
    .select([
      sql<string>`(select count(*) from compliance.policy_acknowledgements a where a.policy_version_id = v.id)`.as(
        'ack_count',
      ),
      sql<boolean>`exists (select 1 from compliance.policy_acknowledgements a where a.policy_version_id = v.id and a.user_id = ${userId})`.as(
        'mine',
      ),
    ])
    .where(
      'v.policy_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const v = currents.find((c) => c.policy_id === r.id)!;
    const { body: _body, ...current } = versionDto(v, r.current_number);
    return {
      id: r.id,
      title: r.title,
      currentVersion: r.current_number,
      current,
      acknowledgements: Number(v.ack_count),
      acknowledgedByMe: Boolean(v.mine),
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  });
}

async function policyRow(db: Db, id: string, lock?: 'update' | 'share'): Promise<PolicyRow> {
  let q = db.selectFrom('compliance.policies').selectAll().where('id', '=', id);
  if (lock === 'update') q = q.forUpdate();
  if (lock === 'share') q = q.forShare();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound('Policy', id);
  return row;
}

async function versionRow(db: Db, policyId: string, number: number): Promise<VersionRow> {
  const row = await db
    .selectFrom('compliance.policy_versions')
    .selectAll()
    .where('policy_id', '=', policyId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) throw errors.notFound('Policy version', `${policyId} v${number}`);
  return row;
}

const userOf = (ctx: RequestContext) => ctx.actor?.userId ?? null;

export async function listPolicies(db: Db, ctx: RequestContext, filter: z.output<typeof PolicyListQuery>) {
  const userId = userOf(ctx);
  let q = db.selectFrom('compliance.policies as p').selectAll('p');
  if (filter.q) q = q.where('p.title', 'ilike', containsPattern(filter.q));
  if (filter.pending !== undefined) {
    const acked = sql<boolean>`exists (select 1 from compliance.policy_versions v
      join compliance.policy_acknowledgements a on a.policy_version_id = v.id
      where v.policy_id = p.id and v.number = p.current_number and a.user_id = ${userId})`;
    q = q.where(filter.pending ? sql<boolean>`not ${acked}` : acked);
  }
  const page = await paginate(q, filter, {
    sort: { title: 'p.title', updatedAt: 'p.updated_at' },
    id: 'p.id',
    idKey: 'id',
  });
  return { items: await toPolicyDtos(db, page.items, userId), nextCursor: page.nextCursor };
}

export async function getPolicy(db: Db, ctx: RequestContext, id: string) {
  return (await toPolicyDtos(db, [await policyRow(db, id)], userOf(ctx)))[0]!;
}

export async function createPolicy(db: Db, ctx: RequestContext, input: z.output<typeof CreatePolicyBody>) {
  const row = await inTransaction(db, async (trx) => {
    const policy = await trx
      .insertInto('compliance.policies')
      .values({ title: input.title, created_by: userOf(ctx) })
      .returningAll()
      .executeTakeFirstOrThrow();
    const v = await trx
      .insertInto('compliance.policy_versions')
      .values({
        policy_id: policy.id,
        number: 1,
        title: input.title,
        body: input.body,
        notes: input.notes,
        published_by: userOf(ctx),
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'compliance.policy-created',
      entityType: 'compliance.policy',
      entityId: policy.id,
      after: { title: input.title, version: 1, versionId: v.id, bodyLength: input.body.length },
    });
    return policy;
  });
  return (await toPolicyDtos(db, [row], userOf(ctx)))[0]!;
}

/** Publishes a new version (the next number), which becomes current; the older ones stay readable. */
export async function publishVersion(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof PublishPolicyVersionBody>,
) {
  const created = await inTransaction(db, async (trx) => {
    const policy = await policyRow(trx, id, 'update');
    if (input.basedOn !== policy.current_number)
      throw errors.conflict(
        `Version ${policy.current_number} of this policy is current, not ${input.basedOn}: read it before publishing.`,
        { currentVersion: policy.current_number },
      );
    const previous = await versionRow(trx, id, policy.current_number);
    const number = policy.current_number + 1;
    const title = input.title ?? previous.title;
    const v = await trx
      .insertInto('compliance.policy_versions')
      .values({ policy_id: id, number, title, body: input.body, notes: input.notes, published_by: userOf(ctx) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('compliance.policies')
      .set({ title, current_number: number, version: policy.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.policy-version-published',
      entityType: 'compliance.policy',
      entityId: id,
      before: { title: previous.title, version: previous.number, versionId: previous.id },
      after: { title, version: number, versionId: v.id, bodyLength: input.body.length, notes: input.notes },
    });
    return v;
  });
  return versionDto(created, created.number);
}

export async function listVersions(db: Db, id: string, filter: z.output<typeof PolicyVersionListQuery>) {
  const policy = await policyRow(db, id);
  const q = db.selectFrom('compliance.policy_versions as v').selectAll('v').where('v.policy_id', '=', id);
  const page = await paginate(q, filter, { sort: { number: 'v.number' }, id: 'v.id', idKey: 'id' });
  return { items: page.items.map((v) => versionDto(v, policy.current_number)), nextCursor: page.nextCursor };
}

export async function getVersion(db: Db, id: string, number: number) {
  const policy = await policyRow(db, id);
  return versionDto(await versionRow(db, id, number), policy.current_number);
}

/** The caller acknowledges a version: once, and only the current one (409 otherwise). */
export async function acknowledge(db: Db, ctx: RequestContext, id: string, input: z.output<typeof AcknowledgeBody>) {
  const userId = userOf(ctx);
  if (!userId) throw errors.unauthenticated();
  return inTransaction(db, async (trx) => {
    // Shared lock: a version published meanwhile waits for this acknowledgement (or this one sees it).
    const policy = await policyRow(trx, id, 'share');
    const v = await versionRow(trx, id, input.version);
    if (v.number !== policy.current_number)
      throw errors.conflict(`Version ${v.number} is no longer current: acknowledge version ${policy.current_number}.`, {
        currentVersion: policy.current_number,
      });
    const row = await trx
      .insertInto('compliance.policy_acknowledgements')
      .values({ policy_version_id: v.id, user_id: userId })
      .onConflict((oc) => oc.columns(['policy_version_id', 'user_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.conflict(`You have already acknowledged version ${v.number} of this policy.`);
    await writeAudit(trx, ctx, {
      action: 'compliance.policy-acknowledged',
      entityType: 'compliance.policy',
      entityId: id,
      after: { version: v.number, versionId: v.id, userId },
    });
    return { policyId: id, version: v.number, userId, acknowledgedAt: row.acknowledged_at.toISOString() };
  });
}

export interface NotAcknowledgedPerson {
  employeeId: string | null;
  employeeNumber: string | null;
  name: string;
  /** The account's email when the person has an active account, else the work email from HR. */
  email: string;
  userId: string | null;
  /** Whether the person has an active account (can sign in and acknowledge, and is reminded). */
  hasAccount: boolean;
}

/**
 * Who has not acknowledged the current version. The population is HR's active employees, each
 * through the user account linked to them (HR's `activeEmployeesWithUsers`): an employee without an
 * active account is listed (`hasAccount: false`: they cannot acknowledge until they have one).
 * When HR has no active employee (MOMS used without HR), the population is Auth's active users.
 */
async function notAcknowledged(db: Db, policy: PolicyRow) {
  const v = await versionRow(db, policy.id, policy.current_number);
  const acked = new Set(
    (
      await db
        .selectFrom('compliance.policy_acknowledgements')
        .select('user_id')
        .where('policy_version_id', '=', v.id)
        .execute()
    ).map((r) => r.user_id),
  );
  const activeUsers = new Map(
    (await accessReview(db)).filter((u) => u.status === 'active').map((u) => [u.id, u] as const),
  );
  const employees = await activeEmployeesWithUsers(db);
  if (employees.length === 0) {
    const active = [...activeUsers.values()];
    return {
      version: v,
      basis: 'users' as const,
      population: active.length,
      acknowledged: active.filter((u) => acked.has(u.id)).length,
      people: active
        .filter((u) => !acked.has(u.id))
        .map((u): NotAcknowledgedPerson => ({
          employeeId: null,
          employeeNumber: null,
          name: u.name,
          email: u.email,
          userId: u.id,
          hasAccount: true,
        })),
    };
  }
  const done = (e: (typeof employees)[number]) => e.userId !== null && acked.has(e.userId);
  return {
    version: v,
    basis: 'employees' as const,
    population: employees.length,
    acknowledged: employees.filter(done).length,
    people: employees
      .filter((e) => !done(e))
      .map((e): NotAcknowledgedPerson => {
        const account = e.userId ? activeUsers.get(e.userId) : undefined;
        return {
          employeeId: e.employeeId,
          employeeNumber: e.employeeNumber,
          name: e.name,
          email: account?.email ?? e.workEmail,
          userId: e.userId,
          hasAccount: account !== undefined,
        };
      }),
  };
}

export async function notAcknowledgedReport(db: Db, id: string) {
  const policy = await policyRow(db, id);
  const r = await notAcknowledged(db, policy);
  return {
    policyId: id,
    version: r.version.number,
    basis: r.basis,
    population: r.population,
    acknowledged: r.acknowledged,
    people: r.people,
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Queues a reminder mail (a `platform.mail.send` job each) to everyone in the not-acknowledged
 * report who has an active account — once per version and UTC day (the reminders' primary key): a
 * second call the same day queues nothing.
 */
export async function remind(db: Db, ctx: RequestContext, id: string) {
  return inTransaction(db, async (trx: Tx) => {
    const policy = await policyRow(trx, id, 'update');
    const day = today();
    const v = await versionRow(trx, id, policy.current_number);
    const claimed = await trx
      .insertInto('compliance.policy_reminders')
      .values({ policy_version_id: v.id, day, recipients: 0, sent_by: userOf(ctx) })
      .onConflict((oc) => oc.columns(['policy_version_id', 'day']).doNothing())
      .returning('day')
      .executeTakeFirst();
    if (!claimed) {
      const sent = await trx
        .selectFrom('compliance.policy_reminders')
        .select('recipients')
        .where('policy_version_id', '=', v.id)
        .where('day', '=', day)
        .executeTakeFirstOrThrow();
      return { policyId: id, version: v.number, day, queued: false, recipients: sent.recipients };
    }
    // Those who can acknowledge: an active account (an employee without one is in the report only).
    const users = (await notAcknowledged(trx, policy)).people.filter((p) => p.hasAccount);
    for (const u of users)
      await sendMail(trx, {
        template: policyReminder,
        data: { name: u.name.slice(0, 200), title: v.title, version: v.number },
        to: [{ address: u.email }],
        createdBy: null,
      });
    await trx
      .updateTable('compliance.policy_reminders')
      .set({ recipients: users.length })
      .where('policy_version_id', '=', v.id)
      .where('day', '=', day)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'compliance.policy-reminder-sent',
      entityType: 'compliance.policy',
      entityId: id,
      after: { version: v.number, versionId: v.id, day, recipients: users.length },
    });
    return { policyId: id, version: v.number, day, queued: true, recipients: users.length };
  });
}
