import type { Option } from '../../../components';
import { emptyPriceRow, type PriceRow } from './priceRows';
import '../supply.css';

/** The prices of a list: item, from which quantity (the break), unit price; rows added and removed. */
export function PricesEditor({
  rows,
  onChange,
  itemOptions,
  currency,
  disabled,
  error,
}: {
  rows: PriceRow[];
  onChange: (rows: PriceRow[]) => void;
  itemOptions: Option[];
  currency: string;
  disabled?: boolean;
  error?: string | undefined;
}) {
  const set = (i: number, patch: Partial<PriceRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field">
      <legend>Prices</legend>
      <p className="field-hint">
        Several prices of one item are quantity breaks: an order line takes the price with the highest &quot;from
        quantity&quot; it reaches.
      </p>
      <div className="table-scroll supply-lines">
        <table aria-label="Prices">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                From quantity
              </th>
              <th scope="col" className="num">
                Unit price{currency ? ` (${currency})` : ''}
              </th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No prices yet.
                </td>
              </tr>
            )}
            {rows.map((r, i) => {
              const n = i + 1;
              return (
                <tr key={i}>
                  <td>{n}</td>
                  <td>
                    <select
                      aria-label={`Item, price ${n}`}
                      value={r.itemId}
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
                      aria-label={`From quantity, price ${n}`}
                      inputMode="decimal"
                      placeholder="0"
                      value={r.minQuantity}
                      disabled={disabled}
                      onChange={(e) => set(i, { minQuantity: e.target.value.replace(',', '.') })}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={`Unit price, price ${n}`}
                      inputMode="decimal"
                      value={r.unitPrice}
                      disabled={disabled}
                      onChange={(e) => set(i, { unitPrice: e.target.value.replace(',', '.') })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn"
                      aria-label={`Remove price ${n}`}
                      disabled={disabled}
                      onClick={() => onChange(rows.filter((_, j) => j !== i))}
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
      <button type="button" className="btn" disabled={disabled} onClick={() => onChange([...rows, emptyPriceRow()])}>
        Add price
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
