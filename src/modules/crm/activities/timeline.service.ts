import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { openCursor, sealCursor } from '../../../platform/http/cursor.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { findContact } from '../contacts/contacts.repository.js';
import { findLead } from '../leads/leads.repository.js';
import { findOrganization } from '../organizations/organizations.repository.js';
import { findOpportunity } from '../pipeline/opportunities.repository.js';
import { scopeOf, type CrmScope } from '../visibility.js';
import * as repo from './activities.repository.js';
import { displayNames } from '../crm.names.js';
import type { TimelineItemDto, TimelineKind } from './activities.schemas.js';
import { toActivityDto } from './activities.service.js';

const KINDS: Record<
  TimelineKind,
  {
    entity: string;
    entityType: string;
    column: repo.LinkColumn;
    find: (db: Db, s: CrmScope, id: string) => Promise<unknown>;
    /** Audit actions another source already shows (a stage move is a stage-change entry). */
    skipActions?: readonly string[];
  }
> = {
  organizations: {
    entity: 'Organization',
    entityType: 'crm.organization',
    column: 'organization_id',
    find: findOrganization,
  },
  contacts: { entity: 'Contact', entityType: 'crm.contact', column: 'contact_id', find: findContact },
  leads: { entity: 'Lead', entityType: 'crm.lead', column: 'lead_id', find: findLead },
  opportunities: {
    entity: 'Opportunity',
    entityType: 'crm.opportunity',
    column: 'opportunity_id',
    find: findOpportunity,
    skipActions: ['opportunity.stage-changed', 'opportunity.reordered'],
  },
};

/** Keys whose value differs between two audit snapshots (bookkeeping columns left out). */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => !['version', 'updated_at', 'created_at', 'position'].includes(k))
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .sort();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Timeline cursors are signed by the platform (`openCursor`): only ones this server made come back. */
const TIMELINE = 'crm.timeline';
const encodeCursor = (cursor: repo.TimelineCursor) => sealCursor({ ...cursor, l: TIMELINE });

async function decodeCursor(raw: string): Promise<repo.TimelineCursor> {
  const { l, ...c } = await openCursor(raw);
  const { t, r, id } = c as Partial<Record<keyof repo.TimelineCursor, unknown>>;
  const idOk = typeof id === 'string' && (r === repo.TIMELINE_RANK.change ? /^\d{1,19}$/.test(id) : UUID.test(id));
  if (
    l === TIMELINE &&
    typeof t === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(t) &&
    (r === 1 || r === 2 || r === 3) &&
    idOk
  )
    return { t, r, id: id as string };
  throw errors.badRequest('The cursor is not valid; use the nextCursor of the previous page.');
}

type Entry = Omit<TimelineItemDto, 'actorName'> & { key: repo.TimelineCursor };

/** Newest first: by instant, then source rank, then id within the source (audit ids are numbers). */
function compare(a: repo.TimelineCursor, b: repo.TimelineCursor): number {
  if (a.t !== b.t) return a.t < b.t ? 1 : -1;
  if (a.r !== b.r) return b.r - a.r;
  if (a.r === repo.TIMELINE_RANK.change) return BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * One record's history, newest first: its activities, its stage changes (opportunities) and its
 * field changes from the audit log, merged. Keyset pages over (instant, source, id): each source
 * gives its next `limit + 1` after the cursor, the merge keeps the first `limit`.
 */
export async function getTimeline(
  db: Db,
  ctx: RequestContext,
  kind: TimelineKind,
  id: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const k = KINDS[kind];
  const scope = scopeOf(ctx);
  if (!(await k.find(db, scope, id))) throw errors.notFound(k.entity, id);
  const cursor = page.cursor ? await decodeCursor(page.cursor) : undefined;
  const n = page.limit + 1;
  const entries: Entry[] = [];
  for (const a of await repo.activitiesOf(db, scope, k.column, id, n, cursor)) {
    entries.push({
      key: { t: a.at_key, r: repo.TIMELINE_RANK.activity, id: a.id },
      kind: 'activity',
      at: isoTimestamp(a.created_at),
      actorId: a.owner_id,
      activity: toActivityDto(a),
    });
  }
  if (kind === 'opportunities') {
    for (const s of await repo.stageChangesOf(db, id, n, cursor)) {
      entries.push({
        key: { t: s.at_key, r: repo.TIMELINE_RANK.stageChange, id: s.id },
        kind: 'stage-change',
        at: isoTimestamp(s.changed_at),
        actorId: s.changed_by,
        stageChange: { fromStageId: s.from_stage_id, toStageId: s.to_stage_id },
      });
    }
  }
  for (const e of await repo.auditOf(db, k.entityType, id, n, cursor, k.skipActions ?? [])) {
    entries.push({
      key: { t: e.at_key, r: repo.TIMELINE_RANK.change, id: e.id },
      kind: 'change',
      at: isoTimestamp(e.occurred_at),
      actorId: e.actor_id,
      change: { action: e.action, fields: changedFields(e.before, e.after) },
    });
  }
  entries.sort((a, b) => compare(a.key, b.key));
  const items = entries.slice(0, page.limit);
  const last = items.at(-1);
  const names = await displayNames(
    db,
    items.map((i) => i.actorId),
  );
  return {
    items: items.map(({ key: _, ...item }) => ({
      ...item,
      actorName: item.actorId ? (names.get(item.actorId) ?? null) : null,
    })),
    nextCursor: entries.length > page.limit && last ? await encodeCursor(last.key) : null,
  };
}
