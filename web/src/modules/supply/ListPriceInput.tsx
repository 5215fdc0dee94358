import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api';
import { useDebounced } from '../../components';
import { QTY, qty } from './orderLines';

export interface ListPriceContext {
  kind: 'sales' | 'purchase';
  /** The customer or supplier ('' = none chosen yet: the general lists). */
  partyId: string;
}

/**
 * An order line's unit price input. Empty, the server takes the price list's price; the placeholder
 * says which (the party's own list first, the best quantity break for the line's quantity).
 */
export function ListPriceInput({
  label,
  value,
  onChange,
  disabled,
  itemId,
  quantity,
  context,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean | undefined;
  itemId: string;
  quantity: string;
  context?: ListPriceContext | undefined;
}) {
  const q = useDebounced(quantity.trim(), 300);
  const ask = Boolean(context && itemId && QTY.test(q) && !/^0+(\.0+)?$/.test(q));
  const price = useQuery({
    queryKey: ['supply', 'price', context?.kind, context?.partyId, itemId, q],
    enabled: ask,
    staleTime: 30_000,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/supply/prices', {
          params: {
            query: {
              itemId,
              quantity: q,
              kind: context!.kind,
              ...(context!.partyId ? { partyId: context!.partyId } : {}),
            },
          },
        }),
      ),
  });
  const found = ask ? price.data : undefined;
  const placeholder = !found
    ? 'Price list'
    : found.unitPrice === null
      ? 'No list price'
      : `${qty(found.unitPrice)} ${found.currency ?? ''}`.trim();
  return (
    <input
      aria-label={label}
      inputMode="decimal"
      placeholder={placeholder}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
