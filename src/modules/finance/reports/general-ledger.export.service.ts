import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { generalLedgerExportJob } from './general-ledger.export.js';
import * as repo from './general-ledger.repository.js';
import { assertRange } from './report-common.js';

/**
 * Starts a background export of an account's general ledger (no line cap): checks the filters as the
 * synchronous export does, enqueues the job for the caller and audits it, in one transaction.
 */
export async function startGeneralLedgerExport(
  db: Db,
  ctx: RequestContext,
  input: { accountId: string; from: string; to: string },
): Promise<{ jobId: string }> {
  assertRange(input.from, input.to);
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  return inTransaction(db, async (trx) => {
    const account = await repo.findLedgerAccount(trx, input.accountId);
    if (!account) throw errors.notFound('Account', input.accountId);
    const chunk = Number(process.env.MOMS_GL_EXPORT_CHUNK ?? '');
    const job = await enqueueJob(trx, {
      type: generalLedgerExportJob,
      payload: { ...input, ...(Number.isInteger(chunk) && chunk > 0 ? { chunkSize: chunk } : {}) },
      createdBy: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'general-ledger.export-started',
      entityType: 'platform.job',
      entityId: job.id,
      after: { type: job.type, accountId: account.id, accountCode: account.code, from: input.from, to: input.to },
    });
    return { jobId: job.id };
  });
}
