import { Money } from '../../components';
import { useBaseCurrency } from './queries';

/** An amount in the given currency, else the base currency, else as a plain number. */
export function Amount({ amount, currency }: { amount: string | null | undefined; currency?: string | null }) {
  const base = useBaseCurrency();
  const c = currency || base;
  if (c) return <Money amount={amount} currency={c} />;
  return <span className="money">{amount ?? ''}</span>;
}
