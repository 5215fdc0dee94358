import { z } from '@hono/zod-openapi';
import type { Db } from '../db/database.js';
import { listQuery, pageSchema, paginate } from '../http/pagination.js';
import { createRouter, defineRoute, json, reply } from '../http/router.js';
import type { AuditPrivacyRule } from '../modules/module.js';
import { redactSnapshots } from './audit-redaction.js';
import { verifyAuditChain } from './audit-verify.js';

const AuditRecord = z
  .object({
    id: z.string(),
    seq: z.string().nullable().openapi({ description: 'Position in the hash chain; null until sealed' }),
    occurredAt: z.iso.datetime(),
    actorId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
    hash: z.string().nullable(),
    redacted: z.array(z.string()).openapi({
      description:
        'Keys of before/after shown as "[redacted]": private to their module (e.g. HR personal data and pay) and not visible to you there. The stored record and its hash are whole.',
    }),
  })
  .openapi('AuditRecord');
const AuditPage = pageSchema(AuditRecord).openapi('AuditPage');
const AuditQuery = listQuery(['id'], '-id').extend({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(100).optional(),
});
const ChainReport = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    lastSeq: z.string(),
    firstProblem: z
      .object({
        kind: z.enum(['altered', 'missing', 'broken-link', 'truncated', 'head-mismatch']),
        seq: z.string(),
        id: z.string().optional(),
        detail: z.string(),
      })
      .nullable(),
  })
  .openapi('AuditChainReport');

async function listAudit(
  db: Db,
  query: z.infer<typeof AuditQuery>,
  privacy: readonly AuditPrivacyRule[],
  reader: { permissions: readonly string[] },
) {
  let q = db
    .selectFrom('platform.audit_log')
    .select([
      'id',
      'seq',
      'occurred_at',
      'actor_id',
      'action',
      'entity_type',
      'entity_id',
      'before',
      'after',
      'request_id',
      'hash',
    ]);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  if (query.action) q = q.where('action', '=', query.action);
  const page = await paginate(q, query, { sort: { id: 'id' }, id: 'id', idKey: 'id' });
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      ...redactSnapshots({ entityType: r.entity_type, before: r.before, after: r.after }, privacy, reader),
      id: r.id,
      seq: r.seq,
      occurredAt: r.occurred_at.toISOString(),
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      requestId: r.request_id,
      hash: r.hash,
    })),
  };
}

/** The audit log's admin endpoints, mounted at /api/v1/audit. */
export function createAuditRouter(privacy: readonly AuditPrivacyRule[]) {
  const router = createRouter();
  router.openapi(
    defineRoute('audit:read', {
      method: 'get',
      path: '/records',
      tags: ['audit'],
      summary: 'Audit records, newest first, filterable by entity, actor and action',
      request: { query: AuditQuery },
      responses: {
        200: { description: 'A page of audit records', ...json(AuditPage) },
      },
    }),
    async (c) =>
      reply(
        c,
        AuditPage,
        await listAudit(c.get('db'), c.req.valid('query'), privacy, c.get('actor') ?? { permissions: [] }),
      ),
  );
  router.openapi(
    defineRoute('audit:read', {
      method: 'get',
      path: '/verify',
      tags: ['audit'],
      summary: 'Seal pending records, then verify the whole hash chain; reports the first altered or missing record',
      responses: {
        200: { description: 'The verification report', ...json(ChainReport) },
      },
    }),
    async (c) => reply(c, ChainReport, await verifyAuditChain(c.get('db'))),
  );
  return router;
}
