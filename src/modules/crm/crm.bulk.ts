import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { uuid } from '../../platform/http/schemas.js';
import { crmCsv, type CrmCsvExport } from './crm.csv.js';
import { scopeOf, visibleTo, type CrmScope } from './visibility.js';

/**
 * Bulk actions on a CRM list (`POST /crm/<list>/bulk`): all or nothing. In one transaction the
 * selected rows the caller can see are locked (in id order), then each goes through the list's own
 * single-record service function (which joins the transaction), so visibility, owner assignability,
 * stage and delete rules and the audit record are exactly those of the single-record endpoints. Any
 * id that cannot be changed is collected; if there is one, the whole request is a 422 listing every
 * such id and why, and the transaction rolls back.
 */
export const BULK_MAX = 200;

export const bulkIds = z
  .array(uuid)
  .min(1)
  .max(BULK_MAX)
  .refine((ids) => new Set(ids).size === ids.length, 'Each id once.')
  .openapi({ description: `The selected records (1–${BULK_MAX}, each once)` });

export const BulkResult = z
  .object({
    action: z.string(),
    changed: z.number().int().openapi({ description: 'How many records were changed' }),
    unchanged: z.number().int().openapi({ description: 'How many already were as asked (nothing written)' }),
  })
  .openapi('CrmBulkResult');
export type BulkResultDto = z.infer<typeof BulkResult>;

const assignOwner = z.strictObject({
  ids: bulkIds,
  action: z.literal('assign-owner'),
  ownerId: uuid.openapi({ description: 'The new owner (yourself, or a member of a team you manage)' }),
});
const remove = z.strictObject({ ids: bulkIds, action: z.literal('delete') });
const moveStage = z.strictObject({
  ids: bulkIds,
  action: z.literal('move-stage'),
  stageId: uuid.openapi({ description: 'A stage of the opportunities’ pipeline (top of the stage)' }),
  reason: z.string().trim().min(1).max(1000).optional().openapi({ description: 'Why, for a lost stage' }),
});

/** Organizations, contacts, leads: assign an owner or delete. */
export const BulkOwnerBody = z.discriminatedUnion('action', [assignOwner, remove]).openapi('CrmBulkRequest');
export type BulkOwnerAction = z.output<typeof BulkOwnerBody>;
/** Opportunities: also move to another stage. */
export const BulkOpportunityBody = z
  .discriminatedUnion('action', [assignOwner, moveStage, remove])
  .openapi('CrmOpportunityBulkRequest');
export type BulkOpportunityAction = z.output<typeof BulkOpportunityBody>;

export const BulkExportBody = z.strictObject({ ids: bulkIds }).openapi('CrmBulkExportRequest');

export interface BulkFailure {
  id: string;
  code: string;
  message: string;
}

export const bulkRejected = (failures: BulkFailure[], ids: readonly string[]) =>
  new AppError('bulk-rejected', 422, 'Bulk action rejected', {
    detail: `${failures.length} of ${ids.length} selected records cannot be changed, so none was: ${failures
      .slice(0, 5)
      .map((f) => f.message)
      .join(' ')}`,
    errors: failures.map((f) => ({ path: `ids.${ids.indexOf(f.id)}`, message: f.message, code: f.code })),
    extensions: { failures },
  });

/** The CRM table a list's records live in (each has `id`, `owner_id` and `version`). */
export type CrmRecordTable = 'crm.organizations' | 'crm.contacts' | 'crm.leads' | 'crm.opportunities';

/** Locks the visible ones of `ids` (in id order) and answers their versions; invisible ids are absent. */
export async function lockVisible(
  trx: Tx,
  scope: CrmScope,
  table: CrmRecordTable,
  ids: readonly string[],
): Promise<Map<string, { version: number; ownerId: string }>> {
  const { rows } = await sql<{ id: string; version: number; owner_id: string }>`
    select id, version, owner_id from ${sql.table(table)}
    where id in (${sql.join(ids)}) and ${visibleTo(scope, 'owner_id')}
    order by id for update`.execute(trx);
  return new Map(rows.map((r) => [r.id, { version: Number(r.version), ownerId: r.owner_id }]));
}

/** What applying the action to one record did: `false` when it already was as asked. */
export type BulkStep = (trx: Tx, id: string, row: { version: number; ownerId: string }) => Promise<boolean>;

/**
 * Runs `step` for every id in one transaction, after `lock` (which answers the visible rows, locked).
 * Business errors of a step are collected per id; any makes the whole request a 422 (rolled back).
 */
export async function runBulk(
  db: Db,
  ctx: RequestContext,
  input: { ids: readonly string[]; action: string },
  lock: (trx: Tx, scope: CrmScope) => Promise<Map<string, { version: number; ownerId: string }>>,
  step: BulkStep,
): Promise<BulkResultDto> {
  return inTransaction(db, async (trx) => {
    const rows = await lock(trx, scopeOf(ctx));
    const failures: BulkFailure[] = [];
    let changed = 0;
    for (const id of input.ids) {
      const row = rows.get(id);
      if (!row) {
        failures.push({ id, code: 'not-found', message: `${id}: not found, or not yours to change.` });
        continue;
      }
      try {
        if (await step(trx, id, row)) changed++;
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const why = error.errors?.[0]?.message ?? error.detail;
        failures.push({ id, code: error.code, message: `${id}: ${why}` });
      }
    }
    if (failures.length > 0) throw bulkRejected(failures, input.ids);
    return { action: input.action, changed, unchanged: input.ids.length - changed };
  });
}

/**
 * The selected records as CSV, with the list export's own columns and visibility (so the file is the
 * list's export narrowed to these rows). 422 listing the ids the caller cannot see.
 */
export async function selectedCsv<F, T extends { id: string }>(
  db: Db,
  ctx: RequestContext,
  exporter: CrmCsvExport<F, T>,
  filter: F,
  ids: readonly string[],
): Promise<string> {
  const wanted = new Set(ids);
  const found = new Set<string>();
  async function* pages(): AsyncIterable<T[]> {
    for await (const page of exporter.rows(db, scopeOf(ctx), filter)) {
      const hits = page.filter((r) => wanted.has(r.id));
      for (const r of hits) found.add(r.id);
      if (hits.length > 0) yield hits;
      if (found.size === wanted.size) return;
    }
  }
  const csv = await crmCsv(pages(), exporter.columns);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw bulkRejected(
      missing.map((id) => ({ id, code: 'not-found', message: `${id}: not found, or not yours to see.` })),
      ids,
    );
  return csv;
}
