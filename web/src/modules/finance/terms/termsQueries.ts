import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../../api';

export type PaymentTerm = Schema<'PaymentTerm'>;
export type DunningLevel = Schema<'DunningLevel'>;
export type Reminder = Schema<'Reminder'>;
export type RecurringTemplate = Schema<'RecurringTemplate'>;

export const termsKeys = {
  paymentTerms: ['finance', 'payment-terms'] as const,
  instalments: (documentId: string, stamp: string) => ['finance', 'instalments', documentId, stamp] as const,
  dunningLevels: ['finance', 'dunning-levels'] as const,
  reminders: (status: string) => ['finance', 'reminders', status] as const,
  recurring: ['finance', 'recurring-templates'] as const,
};

export function usePaymentTerms() {
  return useQuery({
    queryKey: termsKeys.paymentTerms,
    queryFn: () => unwrap(api.GET('/api/v1/finance/payment-terms')),
    staleTime: 60_000,
  });
}

/** "30 % now, 70 % in 60 days" from a term's instalments. */
export function describeInstalments(term: Pick<PaymentTerm, 'instalments' | 'discountPercent' | 'discountDays'>) {
  const parts = term.instalments.map((i) => `${i.percent} % ${i.days === 0 ? 'now' : `in ${i.days} days`}`);
  const discount =
    term.discountDays !== null && term.discountPercent !== '0'
      ? `; ${term.discountPercent} % off within ${term.discountDays} days`
      : '';
  return parts.join(', ') + discount;
}
