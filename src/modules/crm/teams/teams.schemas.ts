import { z } from '@hono/zod-openapi';
import { versionField } from '../../../platform/http/versioning.js';
import { shortText, uuid } from '../../../platform/http/schemas.js';

const Member = z.object({ userId: uuid, isManager: z.boolean().default(false) });
const members = z
  .array(Member)
  .max(500)
  .refine((m) => new Set(m.map((x) => x.userId)).size === m.length, 'Each user at most once.');

export const CreateTeamBody = z
  .strictObject({ name: shortText(), members: members.default([]) })
  .openapi('CreateTeamRequest');
export const UpdateTeamBody = z
  .strictObject({ version: versionField, name: shortText().optional(), members: members.optional() })
  .openapi('UpdateTeamRequest');

export const Team = z
  .object({
    id: z.uuid(),
    name: z.string(),
    members: z.array(
      z.object({
        userId: z.uuid(),
        name: z.string().nullable().openapi({ description: 'Display name' }),
        isManager: z.boolean(),
      }),
    ),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Team');
export const TeamList = z.object({ items: z.array(Team) }).openapi('TeamList');

export type TeamInput = z.output<typeof CreateTeamBody>;
export type UpdateTeamInput = z.output<typeof UpdateTeamBody>;
export type TeamDto = z.input<typeof Team>;
