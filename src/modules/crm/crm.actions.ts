import { defineAction } from '../../platform/modules/action.js';

/**
 * What Automation's flows may do in CRM (docs/adr/0016): each runs as the flow's run-as user through
 * CRM's own service, so visibility, validation and audit are the same as through the API.
 */
export const crmActions = [
  defineAction({
    key: 'crm.create-activity',
    label: 'Create a CRM activity',
    description: 'A call, meeting, email, note or task linked to an organization, contact, lead or opportunity.',
    input: async () => (await import('./activities/activities.schemas.js')).CreateActivityBody,
    permission: 'crm:write',
    load: async () => {
      const { createActivity } = await import('./activities/activities.service.js');
      return async (trx, { input, actor, idempotencyKey }) => {
        const activity = await createActivity(trx, { actor, requestId: `automation:${idempotencyKey}` }, input);
        return { id: activity.id, subject: activity.subject, ownerId: activity.ownerId };
      };
    },
  }),
  defineAction({
    key: 'crm.assign-owner',
    label: 'Assign an owner to a CRM record',
    description:
      'An organization, contact, lead or opportunity the run-as user may change, to an owner they may assign.',
    // Imported on first use, like every action's input (the manifest is imported at every cold start; Zod is not: ADR 0008).
    input: async () => (await import('./crm.actions.schemas.js')).assignOwnerInput(),
    permission: 'crm:write',
    load: async () => {
      const { bulkOrganizations } = await import('./organizations/organizations.bulk.js');
      const { bulkContacts } = await import('./contacts/contacts.bulk.js');
      const { bulkLeads } = await import('./leads/leads.bulk.js');
      const { bulkOpportunities } = await import('./pipeline/opportunities.bulk.js');
      const assign = {
        organization: bulkOrganizations,
        contact: bulkContacts,
        lead: bulkLeads,
        opportunity: bulkOpportunities,
      };
      return async (trx, { input, actor, idempotencyKey }) => {
        // The single-record rules (visibility, who may be given records, audit) through CRM's bulk path.
        const result = await assign[input.record](
          trx,
          { actor, requestId: `automation:${idempotencyKey}` },
          { action: 'assign-owner', ids: [input.id], ownerId: input.ownerId },
        );
        return { record: input.record, id: input.id, ownerId: input.ownerId, changed: result.changed === 1 };
      };
    },
  }),
];
