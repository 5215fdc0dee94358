import type { TestApp } from '../../../../test/harness/test-app.js';

/** Helpers for the documents' integration tests. */
export const F = '/api/v1/finance';

export interface DocBody {
  id: string;
  number: string | null;
  status: string;
  subtotal: string;
  taxTotal: string;
  total: string;
  allocated: string;
  open: string;
  overdue: boolean;
  dueDate: string;
  journalEntryId: string | null;
  voidEntryId: string | null;
  version: number;
  lines: { net: string; tax: string; accountId: string }[];
  allocations: {
    id: string;
    amount: string;
    paymentId: string | null;
    creditDocumentId: string | null;
    fxEntryId: string | null;
  }[];
}

export interface PaymentBody {
  id: string;
  number: string;
  status: string;
  amount: string;
  allocated: string;
  unallocated: string;
  journalEntryId: string;
  allocations: { id: string; documentId: string; amount: string; fxEntryId: string | null }[];
}

export async function createParty(t: TestApp, token: string, body: Record<string, unknown>) {
  const res = await t.request<{ id: string; version: number }>('POST', `${F}/parties`, { token, body });
  if (res.status !== 201) throw new Error(`party: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const line = (quantity: string, unitPrice: string, extra: Record<string, unknown> = {}) => ({
  description: 'item',
  quantity,
  unitPrice,
  ...extra,
});

/** Creates a draft and issues it; returns the issued document. */
export async function issued(
  t: TestApp,
  token: string,
  path: 'invoices' | 'bills' | 'credit-notes' | 'vendor-credits',
  body: Record<string, unknown>,
) {
  const draft = await t.request<DocBody>('POST', `${F}/${path}`, { token, body });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  const res = await t.request<DocBody>('POST', `${F}/${path}/${draft.body.id}/issue`, { token });
  if (res.status !== 200) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function count(
  t: TestApp,
  table: 'finance.documents' | 'finance.payments' | 'finance.allocations' | 'finance.journal_entries',
) {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function counts(t: TestApp) {
  return {
    documents: await count(t, 'finance.documents'),
    payments: await count(t, 'finance.payments'),
    allocations: await count(t, 'finance.allocations'),
    entries: await count(t, 'finance.journal_entries'),
  };
}
