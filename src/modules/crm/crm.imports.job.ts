import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, type FieldError } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { JobCancelledError, type JobContext, type JobOutcome } from '../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../platform/jobs/job-files.js';
import type { JsonValue } from '../../platform/jobs/job-registry.js';
import { readImportCsv, type CsvRow } from './crm.import.js';
import { crmImporters, type ImportDuplicate } from './crm.importers.js';
import { IMPORT_JOB_MAX_ROWS, type CrmImportPayload } from './crm.imports.js';

type Payload = CrmImportPayload;

/**
 * Where the import is: the next row, the counts so far, and what the rows so far pass on (the
 * kind's carry: the emails or domains accepted, organizations that can be parents).
 */
export interface CrmImportCheckpoint {
  offset: number;
  created: number;
  errors: FieldError[];
  duplicates: ImportDuplicate[];
  /** Before organizations and leads: the contacts' emails (still read from checkpoints of that time). */
  seen?: string[];
  carry?: JsonValue;
}

/** Leave this much of an invocation unused: a chunk takes well under it. */
const RESERVE_MS = 5_000;

async function readText(key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await (await jobFileStore()).read(key)) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs a CRM import (crm.imports.ts): reads the uploaded file, then from the checkpoint's row on,
 * one chunk at a time — the synchronous import's checks (the kind's importer, crm.importers.ts, with
 * what the earlier chunks carried so in-file duplicates and parents are found across chunks), then
 * in one transaction the chunk's good rows and the new checkpoint. A dry run writes only the checkpoint.
 * When the invocation runs low it returns 'continue' and the next one resumes at the saved row.
 */
export async function runCrmImport(payload: Payload, ctx: JobContext<CrmImportCheckpoint>): Promise<JobOutcome> {
  const request: RequestContext = { actor: payload.actor, requestId: `job:${ctx.jobId}` };
  const importer = crmImporters[payload.kind];
  let rows: CsvRow[];
  try {
    rows = readImportCsv(await readText(payload.objectKey), importer.spec, IMPORT_JOB_MAX_ROWS);
  } catch (error) {
    // A bad header or too many rows: the job is done, and its result says why (as the sync route's 422).
    if (error instanceof AppError && error.status === 422)
      return { result: report(payload, 0, { ...emptyCheckpoint(), errors: error.errors ?? [] }) };
    throw error;
  }
  const total = rows.length;
  const state = (await ctx.checkpoint.load()) ?? emptyCheckpoint();
  let carry: JsonValue | null = state.carry ?? state.seen ?? null;
  let chunks = 0;
  while (state.offset < total) {
    if (chunks > 0 && ctx.remainingMs() < RESERVE_MS) return 'continue';
    if (await ctx.isCancelled()) throw new JobCancelledError();
    const chunk = rows.slice(state.offset, state.offset + payload.chunkSize);
    const next = await inTransaction(ctx.db, async (trx) => {
      const checked = await importer.chunk(trx, request, chunk, carry, !payload.dryRun);
      const saved: CrmImportCheckpoint = {
        offset: state.offset + chunk.length,
        created: state.created + checked.created,
        errors: [...state.errors, ...checked.problems],
        duplicates: [...state.duplicates, ...checked.duplicates],
        carry: checked.carry,
      };
      await ctx.checkpoint.save(saved, { trx });
      return saved;
    });
    Object.assign(state, next);
    carry = next.carry ?? null;
    chunks++;
    await ctx.progress(
      Math.floor((state.offset / total) * 100),
      `${state.offset.toLocaleString('en')} of ${total.toLocaleString('en')} rows`,
    );
  }
  return { result: report(payload, total, state) };
}

const emptyCheckpoint = (): CrmImportCheckpoint => ({ offset: 0, created: 0, errors: [], duplicates: [] });

/** The synchronous import's report (`importReport`), with the file it came from. */
function report(payload: Payload, rows: number, state: CrmImportCheckpoint) {
  return {
    kind: payload.kind,
    fileName: payload.fileName,
    dryRun: payload.dryRun,
    rows,
    created: state.created,
    skipped: rows - state.created,
    duplicates: state.duplicates,
    errors: state.errors.map((e): Record<string, string> =>
      e.code ? { path: e.path, message: e.message, code: e.code } : { path: e.path, message: e.message },
    ),
  };
}
