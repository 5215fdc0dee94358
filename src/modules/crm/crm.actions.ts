import { defineAction } from '../../platform/modules/action.js';
import { CreateActivityBody } from './activities/activities.schemas.js';

/**
 * What Automation's flows may do in CRM (docs/adr/0016): each runs as the flow's run-as user through
 * CRM's own service, so visibility, validation and audit are the same as through the API.
 */
export const crmActions = [
  defineAction({
    key: 'crm.create-activity',
    label: 'Create a CRM activity',
    description: 'A call, meeting, email, note or task linked to an organization, contact, lead or opportunity.',
    input: CreateActivityBody,
    permission: 'crm:write',
    load: async () => {
      const { createActivity } = await import('./activities/activities.service.js');
      return async (trx, { input, actor, idempotencyKey }) => {
        const activity = await createActivity(trx, { actor, requestId: `automation:${idempotencyKey}` }, input);
        return { id: activity.id, subject: activity.subject, ownerId: activity.ownerId };
      };
    },
  }),
];
