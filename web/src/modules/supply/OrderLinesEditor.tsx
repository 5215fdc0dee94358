import { useId } from 'react';
import type { Option } from '../../components';
import { ListPriceInput, type ListPriceContext } from './ListPriceInput';
import { emptyLine, type OrderLine } from './orderLines';
import './supply.css';

/** Item lines of a purchase or sales order: item, quantity, unit price (empty: from the price list), discount. */
export function OrderLinesEditor({
  lines,
  onChange,
  itemOptions,
  withDiscount,
  listPrice,
  disabled,
  error,
}: {
  lines: OrderLine[];
  onChange: (lines: OrderLine[]) => void;
  itemOptions: Option[];
  withDiscount?: boolean;
  /** Which price lists an empty unit price comes from: shown as the input's placeholder. */
  listPrice?: ListPriceContext;
  disabled?: boolean;
  error?: string | undefined;
}) {
  const uid = useId();
  const set = (i: number, patch: Partial<OrderLine>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className="field">
      <legend>Lines</legend>
      <div className="table-scroll supply-lines">
        <table aria-label="Order lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              {withDiscount && (
                <th scope="col" className="num">
                  Discount %
                </th>
              )}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const n = i + 1;
              return (
                <tr key={i}>
                  <td>{n}</td>
                  <td>
                    <select
                      id={`${uid}-item-${i}`}
                      aria-label={`Item, line ${n}`}
                      value={l.itemId}
                      disabled={disabled}
                      onChange={(e) => set(i, { itemId: e.target.value })}
                    >
                      <option value="">Choose…</option>
                      {itemOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">
                    <input
                      aria-label={`Quantity, line ${n}`}
                      inputMode="decimal"
                      value={l.quantity}
                      disabled={disabled}
                      onChange={(e) => set(i, { quantity: e.target.value })}
                    />
                  </td>
                  <td className="num">
                    <ListPriceInput
                      label={`Unit price, line ${n}`}
                      value={l.unitPrice}
                      disabled={disabled}
                      onChange={(unitPrice) => set(i, { unitPrice })}
                      itemId={l.itemId}
                      quantity={l.quantity}
                      context={listPrice}
                    />
                  </td>
                  {withDiscount && (
                    <td className="num">
                      <input
                        aria-label={`Discount %, line ${n}`}
                        inputMode="decimal"
                        value={l.discountPercent}
                        disabled={disabled}
                        onChange={(e) => set(i, { discountPercent: e.target.value })}
                      />
                    </td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="btn"
                      aria-label={`Remove line ${n}`}
                      disabled={disabled || lines.length === 1}
                      onClick={() => onChange(lines.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn" disabled={disabled} onClick={() => onChange([...lines, emptyLine()])}>
        Add line
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
