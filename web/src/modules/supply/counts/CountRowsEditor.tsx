import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api';
import { qty, useItemChoices, useLocations } from '../queries';
import { addedRow, type CountRow } from './countRows';
import '../supply.css';

/** A lot select for a row added by hand (the item's lots, with what is on hand of each). */
function LotSelect({
  itemId,
  value,
  label,
  disabled,
  onChange,
}: {
  itemId: string;
  value: string;
  label: string;
  disabled?: boolean | undefined;
  onChange: (lotId: string) => void;
}) {
  const lots = useQuery({
    queryKey: ['supply', 'lots', itemId],
    queryFn: () => unwrap(api.GET('/api/v1/supply/lots', { params: { query: { itemId } } })),
  });
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose…</option>
      {(lots.data?.items ?? []).map((l) => (
        <option key={l.id} value={l.id}>
          {l.code}
        </option>
      ))}
    </select>
  );
}

/**
 * The rows of a new count: the stock the ledger has at the chosen place (counted left empty: not
 * counted), plus items added by hand. Entering a quantity counts the row.
 */
export function CountRowsEditor({
  rows,
  onChange,
  locationId,
  disabled,
  error,
}: {
  rows: CountRow[];
  onChange: (rows: CountRow[]) => void;
  /** The chosen location ('' = the warehouse's default, for added rows). */
  locationId: string;
  disabled?: boolean;
  error?: string | undefined;
}) {
  const items = useItemChoices();
  const { nameOfLocation } = useLocations();
  const set = (i: number, patch: Partial<CountRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const item = (id: string) => items.data?.find((x) => x.id === id);
  const stockable = (items.data ?? []).filter((x) => x.type !== 'service');
  return (
    <fieldset className="field">
      <legend>Counted quantities</legend>
      <p className="field-hint">
        Leave a row empty to leave it out. A gain is valued at the item&apos;s current cost unless you give one.
      </p>
      <div className="table-scroll supply-lines">
        <table aria-label="Counted quantities">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Location</th>
              <th scope="col">Lot</th>
              <th scope="col" className="num">
                On hand
              </th>
              <th scope="col" className="num">
                Counted
              </th>
              <th scope="col" className="num">
                Unit cost
              </th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  Nothing on hand here: add the items you counted.
                </td>
              </tr>
            )}
            {rows.map((r, i) => {
              const n = i + 1;
              const name = r.added ? `row ${n}` : `${r.sku}${r.lotCode ? ` ${r.lotCode}` : ''}`;
              const it = item(r.itemId);
              return (
                <tr key={i}>
                  <td>
                    {r.added ? (
                      <select
                        aria-label={`Item, row ${n}`}
                        value={r.itemId}
                        disabled={disabled}
                        onChange={(e) => set(i, { itemId: e.target.value, lotId: '' })}
                      >
                        <option value="">Choose…</option>
                        {stockable.map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.sku} — {x.name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      r.sku
                    )}
                  </td>
                  <td>{r.locationId ? nameOfLocation(r.locationId) : 'Default location'}</td>
                  <td>
                    {r.added && it && it.tracking !== 'none' ? (
                      <LotSelect
                        itemId={r.itemId}
                        value={r.lotId}
                        label={`Lot, row ${n}`}
                        disabled={disabled}
                        onChange={(lotId) => set(i, { lotId })}
                      />
                    ) : (
                      r.lotCode || '—'
                    )}
                  </td>
                  <td className="num">{r.added ? '—' : qty(r.onHand)}</td>
                  <td className="num">
                    <input
                      aria-label={`Counted, ${name}`}
                      inputMode="decimal"
                      value={r.counted}
                      disabled={disabled}
                      onChange={(e) => set(i, { counted: e.target.value.replace(',', '.') })}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={`Unit cost, ${name}`}
                      inputMode="decimal"
                      placeholder="Current"
                      value={r.unitCost}
                      disabled={disabled}
                      onChange={(e) => set(i, { unitCost: e.target.value.replace(',', '.') })}
                    />
                  </td>
                  <td>
                    {r.added && (
                      <button
                        type="button"
                        className="btn"
                        aria-label={`Remove row ${n}`}
                        disabled={disabled}
                        onClick={() => onChange(rows.filter((_, j) => j !== i))}
                      >
                        ×
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="btn"
        disabled={disabled}
        onClick={() => onChange([...rows, addedRow(locationId)])}
      >
        Add an item
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
