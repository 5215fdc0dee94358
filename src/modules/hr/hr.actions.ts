import { defineAction } from '../../platform/modules/action.js';

/**
 * What Automation's flows may do in HR (docs/adr/0016): each runs as the flow's run-as user through
 * HR's own service, so who may request leave for whom, the balance checks and audit are the API's.
 */
export const hrActions = [
  defineAction({
    key: 'hr.create-leave-request',
    label: 'Request leave',
    description:
      'A leave request for the run-as user (or, with hr:admin, any employee); submitted unless submit=false.',
    input: async () => (await import('./leave/requests/requests.schemas.js')).CreateLeaveRequestBody,
    permission: 'hr:write',
    load: async () => {
      const { createRequest } = await import('./leave/requests/requests.service.js');
      return async (trx, { input, actor, idempotencyKey }) => {
        const request = await createRequest(trx, { actor, requestId: `automation:${idempotencyKey}` }, input);
        return { id: request.id, status: request.status, days: request.days };
      };
    },
  }),
];
