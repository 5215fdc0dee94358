import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api';
import type { Option } from '../../components';
import { fromUnits, toUnits } from './decimal';

export type Account = Schema<'Account'>;
export type Party = Schema<'Party'>;
export type DocumentSummary = Schema<'DocumentSummary'>;
export type FinanceDocument = Schema<'Document'>;
export type JournalEntry = Schema<'JournalEntry'>;
export type Payment = Schema<'Payment'>;

export type DocumentKind = 'invoice' | 'bill' | 'credit-note' | 'vendor-credit';
export type DocumentPath = 'invoices' | 'bills' | 'credit-notes' | 'vendor-credits';

/** What each kind of document is called and where it lives. */
export const KINDS: Record<
  DocumentKind,
  {
    path: DocumentPath;
    label: string;
    plural: string;
    side: 'customer' | 'vendor';
    credit: boolean;
    settles?: DocumentKind;
  }
> = {
  invoice: { path: 'invoices', label: 'Invoice', plural: 'Invoices', side: 'customer', credit: false },
  bill: { path: 'bills', label: 'Bill', plural: 'Bills', side: 'vendor', credit: false },
  'credit-note': {
    path: 'credit-notes',
    label: 'Credit note',
    plural: 'Credit notes',
    side: 'customer',
    credit: true,
    settles: 'invoice',
  },
  'vendor-credit': {
    path: 'vendor-credits',
    label: 'Vendor credit',
    plural: 'Vendor credits',
    side: 'vendor',
    credit: true,
    settles: 'bill',
  },
};

export const financeKeys = {
  accounts: ['finance', 'accounts'] as const,
  settings: ['finance', 'settings'] as const,
  parties: (kind: string) => ['finance', 'parties', kind] as const,
  party: (id: string) => ['finance', 'party', id] as const,
  budgets: ['finance', 'budgets'] as const,
  budget: (year: number) => ['finance', 'budgets', year] as const,
  fiscalYears: ['finance', 'fiscal-years'] as const,
  taxCodes: ['finance', 'tax-codes'] as const,
  entry: (id: string) => ['finance', 'journal-entry', id] as const,
  document: (kind: DocumentKind, id: string) => ['finance', kind, id] as const,
  openDocuments: (kind: DocumentKind, partyId: string) => ['finance', 'open', kind, partyId] as const,
  payment: (id: string) => ['finance', 'payment', id] as const,
  reports: ['finance', 'report'] as const,
  lists: {
    entries: 'finance-journal',
    parties: 'finance-parties',
    payments: 'finance-payments',
    documents: (kind: DocumentKind) => `finance-${kind}`,
  },
};

/** The whole chart of accounts (the API answers it in one list, in code order). */
export function useAccounts() {
  return useQuery({
    queryKey: financeKeys.accounts,
    queryFn: () => unwrap(api.GET('/api/v1/finance/accounts')),
    staleTime: 60_000,
  });
}

/** Accounts lines can post to: active and not a group. Label "1200 — Bank". */
export function postableOptions(accounts: Account[] | undefined, filter?: (a: Account) => boolean): Option[] {
  return (accounts ?? [])
    .filter((a) => a.active && !a.isGroup && (!filter || filter(a)))
    .map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }));
}

/** Tax codes and groups (all, by code). */
export function useTaxCodes() {
  return useQuery({
    queryKey: financeKeys.taxCodes,
    queryFn: () => unwrap(api.GET('/api/v1/finance/tax-codes')),
    staleTime: 60_000,
  });
}
export type TaxCode = Schema<'TaxCode'>;

/**
 * A code's effective percentage for the live preview: its rate, or a group's components' rates
 * added (compound components and per-document rounding are left to the server); 0 when nothing is
 * charged (exempt, zero-rated, reverse charge).
 */
export function effectivePercent(code: TaxCode | undefined, all: TaxCode[]): string {
  if (!code) return '0';
  // Rates are fractions with up to 6 decimals: in units of 10^-6, the percentage has 4 decimals.
  const rateOf = (c: TaxCode | undefined) => (c && c.treatment === 'standard' ? (toUnits(c.rate, 6) ?? 0n) : 0n);
  const units = code.isGroup
    ? code.components.reduce((s, p) => s + rateOf(all.find((c) => c.id === p.taxCodeId)), 0n)
    : rateOf(code);
  return fromUnits(units * 100n, 4, 6);
}

export function useSettings() {
  return useQuery({
    queryKey: financeKeys.settings,
    queryFn: () => unwrap(api.GET('/api/v1/finance/settings')),
    staleTime: 5 * 60_000,
  });
}

/** The active customers or vendors (up to 200, by name) for pickers. */
export function useParties(kind: 'customer' | 'vendor') {
  return useQuery({
    queryKey: financeKeys.parties(kind),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/finance/parties', { params: { query: { kind, active: 'true', limit: 200, sort: 'name' } } }),
      ),
  });
}

/** A party's issued documents with something open (issued or partially paid), oldest due first: one call. */
export function useOpenDocuments(kind: DocumentKind, partyId: string) {
  return useQuery({
    queryKey: financeKeys.openDocuments(kind, partyId),
    enabled: partyId !== '',
    queryFn: async () => {
      const path = `/api/v1/finance/${KINDS[kind].path}` as '/api/v1/finance/invoices';
      const page = await unwrap(
        api.GET(path, { params: { query: { partyId, open: 'true', limit: 200, sort: 'dueDate' } } }),
      );
      return page.items;
    },
  });
}

/** One party by id (the pickers seed it when a party is chosen from the list). */
export function useParty(id: string) {
  return useQuery({
    queryKey: financeKeys.party(id),
    enabled: id !== '',
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
  });
}

export const statusLabels: Record<string, string> = {
  draft: 'Draft',
  issued: 'Issued',
  'partially-paid': 'Partially paid',
  paid: 'Paid',
  void: 'Void',
  posted: 'Posted',
};

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span className={`badge fin-status fin-status-${status}${overdue ? ' fin-overdue' : ''}`}>
      {statusLabels[status] ?? status}
      {overdue ? ' · overdue' : ''}
    </span>
  );
}
