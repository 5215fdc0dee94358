import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { objectKey } from '../../../platform/files/file-store.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import {
  JobCancelledError,
  JobLeaseLostError,
  type JobContext,
  type JobHandler,
  type JobOutcome,
  type JsonValue,
} from '../../../platform/jobs/job-registry.js';
import type { PrivacyErasure, PrivacyIdentity, PrivacySection } from '../../../platform/modules/privacy.js';
import { actorOf } from '../../auth/index.js';
import { privacyRequestJob } from '../compliance.module.js';
import { privacyContributors } from './privacy.service.js';
import type { PrivacySummary } from './privacy.tables.js';

/**
 * The privacy request job (docs/adr/0025). It resolves the person once, through the module owning the
 * subject's type, and keeps that identity in the job's checkpoint (so a retry after a partial erasure
 * still knows the emails it must match). An export asks every module's `export` hook and writes one
 * JSON file. An erasure runs every module's `erase` hook in a transaction of its own, in module-list
 * order, and saves the module's result in the checkpoint **in that transaction**: a retried job skips
 * the modules already done, so nothing is anonymized twice and nothing is skipped. At the end the
 * report goes to the file store, the request row gets the summary, and the checkpoint forgets the
 * identity (the personal data must not outlive the erasure in the jobs table).
 */

interface Checkpoint {
  /** Undefined until resolved; null when the subject does not exist. */
  identity?: PrivacyIdentity | null;
  /** Erasure: each module's result, saved with its own transaction. */
  done: Record<string, PrivacyErasure>;
}

export const EXPORT_FORMAT = 'moms-privacy-export/1';
export const ERASURE_FORMAT = 'moms-privacy-erasure-report/1';

const AUDIT_RETENTION =
  'The audit log is tamper-evident (a hash chain): its records of changes to the person’s records, made before the erasure, cannot be altered without breaking the chain. They are kept as evidence of processing (GDPR art. 5(2) accountability, art. 17(3)(e)); the audit log is readable only with audit permissions.';

async function auditRecordCount(db: Db, identity: PrivacyIdentity): Promise<number> {
  const ids = [identity.subject.id, identity.userId, identity.employeeId, identity.contactId].filter(
    (v): v is string => !!v,
  );
  const row = await db
    .selectFrom('platform.audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('entity_id', 'in', [...new Set(ids)])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Runs the request; on its last try, a failure also marks the request failed (with the message), so
 * the list's status filter finds it. The checkpoint keeps what was done for a later request to see.
 */
export const runPrivacyRequest: JobHandler<{ requestId: string }, Checkpoint> = async (payload, ctx) => {
  try {
    return await run(payload, ctx);
  } catch (error) {
    if (
      ctx.attempt >= privacyRequestJob.maxAttempts &&
      !(error instanceof JobCancelledError) &&
      !(error instanceof JobLeaseLostError)
    )
      await ctx.db
        .updateTable('compliance.privacy_requests')
        .set({
          status: 'failed',
          error: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', payload.requestId)
        .where('status', '<>', 'succeeded')
        .execute();
    throw error;
  }
};

const run = async (payload: { requestId: string }, ctx: JobContext<Checkpoint>): Promise<JobOutcome> => {
  const db = ctx.db;
  const row = await db
    .selectFrom('compliance.privacy_requests')
    .selectAll()
    .where('id', '=', payload.requestId)
    .executeTakeFirst();
  if (!row) return { result: { requestId: payload.requestId, missing: true } };
  if (row.status === 'succeeded') return { result: { requestId: row.id, status: row.status } };

  const contributors = await privacyContributors();
  const checkpoint: Checkpoint = (await ctx.checkpoint.load()) ?? { done: {} };
  if (checkpoint.identity === undefined) {
    const subject = { type: row.subject_type, id: row.subject_id };
    const owner = contributors.find((c) => c.subjects.includes(subject.type));
    const identify = owner ? (await owner.handlers()).identify : undefined;
    checkpoint.identity = identify ? await identify(db, subject) : null;
    await inTransaction(db, async (trx) => {
      await trx
        .updateTable('compliance.privacy_requests')
        .set({ status: 'running', updated_at: sql<Date>`now()` })
        .where('id', '=', row.id)
        .execute();
      await ctx.checkpoint.save(checkpoint, { trx });
    });
  }
  const identity = checkpoint.identity;
  const requester = row.requested_by ? await actorOf(db, row.requested_by) : null;
  const audit: RequestContext = { actor: requester, requestId: `job:${ctx.jobId}` };
  const request = {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.created_at.toISOString(),
  };
  const subject = { type: row.subject_type, id: row.subject_id };
  const summary: PrivacySummary = { subjectFound: identity !== null, records: 0, modules: [], retained: [] };
  let document: { [key: string]: JsonValue };

  if (row.kind === 'export') {
    const modules: { module: string; sections: PrivacySection[] }[] = [];
    if (identity) {
      for (const [i, c] of contributors.entries()) {
        const sections = await (await c.handlers()).export(db, identity);
        modules.push({ module: c.module, sections });
        summary.modules.push({
          module: c.module,
          sections: Object.fromEntries(sections.map((s) => [s.key, s.records.length])),
        });
        summary.records += sections.reduce((n, s) => n + s.records.length, 0);
        await ctx.progress(((i + 1) / contributors.length) * 90, `Exported ${c.module}`);
      }
    }
    document = JSON.parse(
      JSON.stringify({
        format: EXPORT_FORMAT,
        request,
        subject,
        subjectFound: identity !== null,
        person: identity ? { name: identity.name, emails: identity.emails, userId: identity.userId } : null,
        generatedAt: new Date().toISOString(),
        modules,
      }),
    ) as { [key: string]: JsonValue };
  } else {
    if (identity) {
      for (const [i, c] of contributors.entries()) {
        if (checkpoint.done[c.module]) continue;
        const handlers = await c.handlers();
        await inTransaction(db, async (trx) => {
          const result = await handlers.erase(trx, identity, audit);
          checkpoint.done[c.module] = result;
          await ctx.checkpoint.save(checkpoint, { trx });
        });
        await ctx.progress(((i + 1) / contributors.length) * 90, `Erased in ${c.module}`);
      }
    }
    const modules = contributors
      .filter((c) => checkpoint.done[c.module])
      .map((c) => ({ module: c.module, ...checkpoint.done[c.module]! }));
    const auditRecords = identity ? await auditRecordCount(db, identity) : 0;
    if (auditRecords > 0)
      modules.push({
        module: 'audit',
        anonymized: [],
        retained: [
          { what: 'Audit log records about the person’s records', count: auditRecords, reason: AUDIT_RETENTION },
        ],
      });
    for (const m of modules) {
      const anonymized = m.anonymized.reduce((n, a) => n + a.count, 0);
      summary.modules.push({ module: m.module, anonymized, retained: m.retained.reduce((n, r) => n + r.count, 0) });
      summary.records += anonymized;
      for (const r of m.retained) summary.retained.push({ module: m.module, ...r });
    }
    // The report names no personal data: the subject by type and id, counts and reasons.
    document = JSON.parse(
      JSON.stringify({
        format: ERASURE_FORMAT,
        request,
        subject,
        subjectFound: identity !== null,
        erasedAt: new Date().toISOString(),
        modules,
      }),
    ) as { [key: string]: JsonValue };
  }

  const name = `privacy-${row.kind}-${row.id}.json`;
  const written = await (
    await jobFileStore()
  ).write(objectKey('results', name), `${JSON.stringify(document, null, 2)}\n`, { contentType: 'application/json' });

  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('compliance.privacy_requests')
      .set({
        status: 'succeeded',
        error: null,
        summary: JSON.stringify(summary),
        file_key: written.key,
        file_name: name,
        file_size: written.size,
        file_sha256: written.sha256,
        finished_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(trx, audit, {
      action: row.kind === 'erasure' ? 'compliance.privacy-erasure-completed' : 'compliance.privacy-export-completed',
      entityType: 'compliance.privacy-request',
      entityId: row.id,
      after: {
        subject,
        subjectFound: summary.subjectFound,
        records: summary.records,
        modules: summary.modules,
        sha256: written.sha256,
      },
    });
    // Forget the identity (names, emails) now that the work is done.
    await ctx.checkpoint.save({ identity: null, done: {} }, { trx });
  });
  return {
    result: {
      requestId: row.id,
      file: { key: written.key, name, contentType: 'application/json' },
      size: written.size,
      sha256: written.sha256,
    },
  };
};
