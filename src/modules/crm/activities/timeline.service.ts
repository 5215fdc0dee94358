import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { findContact } from '../contacts/contacts.repository.js';
import { isoRequired } from '../crm.shared.js';
import { findLead } from '../leads/leads.repository.js';
import { findOrganization } from '../organizations/organizations.repository.js';
import { findOpportunity } from '../pipeline/opportunities.repository.js';
import { scopeOf, type CrmScope } from '../visibility.js';
import * as repo from './activities.repository.js';
import type { TimelineItemDto, TimelineKind } from './activities.schemas.js';
import { toActivityDto } from './activities.service.js';

const KINDS: Record<
  TimelineKind,
  {
    entity: string;
    entityType: string;
    column: repo.LinkColumn;
    find: (db: Db, s: CrmScope, id: string) => Promise<unknown>;
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
  },
};

/** Keys whose value differs between two audit snapshots (bookkeeping columns left out). */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => !['version', 'updated_at', 'created_at'].includes(k))
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .sort();
}

/**
 * One record's history, newest first: its activities, its stage changes (opportunities) and its
 * field changes from the audit log.
 */
export async function getTimeline(db: Db, ctx: RequestContext, kind: TimelineKind, id: string, limit: number) {
  const k = KINDS[kind];
  if (!(await k.find(db, scopeOf(ctx), id))) throw errors.notFound(k.entity, id);
  const items: TimelineItemDto[] = [];
  for (const a of await repo.activitiesOf(db, k.column, id, limit)) {
    items.push({ kind: 'activity', at: isoRequired(a.created_at), actorId: a.owner_id, activity: toActivityDto(a) });
  }
  if (kind === 'opportunities') {
    for (const s of await repo.stageChangesOf(db, id, limit)) {
      items.push({
        kind: 'stage-change',
        at: isoRequired(s.changed_at),
        actorId: s.changed_by,
        stageChange: { fromStageId: s.from_stage_id, toStageId: s.to_stage_id },
      });
    }
  }
  for (const e of await repo.auditOf(db, k.entityType, id, limit)) {
    items.push({
      kind: 'change',
      at: isoRequired(e.occurred_at),
      actorId: e.actor_id,
      change: { action: e.action, fields: changedFields(e.before, e.after) },
    });
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { items: items.slice(0, limit) };
}
