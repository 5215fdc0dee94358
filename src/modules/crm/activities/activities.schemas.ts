import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { versionField } from '../../../platform/http/versioning.js';
import { booleanQuery, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';

export const activityTypes = ['call', 'meeting', 'email', 'note', 'task'] as const;

const links = {
  organizationId: uuid.nullable().optional(),
  contactId: uuid.nullable().optional(),
  leadId: uuid.nullable().optional(),
  opportunityId: uuid.nullable().optional(),
};

export const CreateActivityBody = z
  .strictObject({
    type: z.enum(activityTypes),
    subject: shortText(300),
    body: z.string().max(20_000).nullable().optional(),
    dueAt: isoDateTime.nullable().optional().openapi({ description: 'For tasks (and planned calls/meetings)' }),
    ...links,
  })
  .refine((a) => a.organizationId || a.contactId || a.leadId || a.opportunityId, {
    path: ['organizationId'],
    message: 'Link the activity to an organization, contact, lead or opportunity.',
  })
  .openapi('CreateActivityRequest');

export const UpdateActivityBody = z
  .strictObject({
    version: versionField,
    subject: shortText(300).optional(),
    body: z.string().max(20_000).nullable().optional(),
    dueAt: isoDateTime.nullable().optional(),
    completed: z.boolean().optional(),
  })
  .openapi('UpdateActivityRequest');

export const Activity = z
  .object({
    id: z.uuid(),
    type: z.enum(activityTypes),
    subject: z.string(),
    body: z.string().nullable(),
    dueAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
    organizationId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
    leadId: z.uuid().nullable(),
    opportunityId: z.uuid().nullable(),
    ownerId: z.uuid(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Activity');
export const ActivityPage = pageSchema(Activity).openapi('ActivityPage');
export const ActivityListQuery = listQuery(['createdAt', 'updatedAt'], '-createdAt').extend({
  type: z.enum(activityTypes).optional(),
  open: booleanQuery.optional().openapi({ description: 'true: tasks not completed yet' }),
  ownerId: uuid.optional(),
  organizationId: uuid.optional(),
  contactId: uuid.optional(),
  leadId: uuid.optional(),
  opportunityId: uuid.optional(),
});

export const TimelineItem = z
  .object({
    kind: z.enum(['activity', 'stage-change', 'change']),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable().openapi({ description: 'Who (display name)' }),
    activity: Activity.optional(),
    stageChange: z.object({ fromStageId: z.uuid().nullable(), toStageId: z.uuid() }).optional(),
    change: z.object({ action: z.string(), fields: z.array(z.string()) }).optional(),
  })
  .openapi('TimelineItem');
export const Timeline = z
  .object({ items: z.array(TimelineItem), nextCursor: z.string().nullable() })
  .openapi('Timeline');
export const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size (1–200)' }),
  cursor: z.string().max(512).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
});
export const timelineKinds = ['organizations', 'contacts', 'leads', 'opportunities'] as const;
export const TimelineParams = z.object({ kind: z.enum(timelineKinds), id: uuid });

export type CreateActivityInput = z.output<typeof CreateActivityBody>;
export type UpdateActivityInput = z.output<typeof UpdateActivityBody>;
export type ActivityListFilter = z.output<typeof ActivityListQuery>;
export type ActivityDto = z.input<typeof Activity>;
export type TimelineItemDto = z.input<typeof TimelineItem>;
export type TimelineKind = (typeof timelineKinds)[number];
