import { defineAction } from '../../platform/modules/action.js';

/**
 * What Automation's flows may do in Finance (docs/adr/0016): each runs as the flow's run-as user
 * through Finance's own service, so validation (party, currency, taxes) and audit are the API's.
 */
export const financeActions = [
  defineAction({
    key: 'finance.create-draft-invoice',
    label: 'Create a draft invoice',
    description: 'A sales invoice as a draft (issued by a person later), for a party, with its lines.',
    input: async () => (await import('./documents/documents.schemas.js')).DocumentInput,
    permission: 'finance:write',
    load: async () => {
      const { createDraft, getDocument } = await import('./documents/documents.service.js');
      return async (trx, { input, actor, idempotencyKey }) => {
        const id = await createDraft(trx, { actor, requestId: `automation:${idempotencyKey}` }, 'invoice', input);
        const doc = await getDocument(trx, 'invoice', id);
        return { id, status: doc.status, total: doc.total, currency: doc.currency };
      };
    },
  }),
];
