import { useId } from 'react';
import type { Option } from '../../../components';
import { emptyLine, type Line } from './documentLine';

/**
 * The document form's line editor: a row per line (description, account, quantity, price, discount,
 * tax) with its net, tax and total computed live; add and remove lines.
 */
export function DocumentLinesEditor({
  lines,
  onChange,
  lineError,
  totals,
  accountOptions,
  taxCodeOptions,
  side,
  disabled,
  error,
  money,
}: {
  lines: Line[];
  onChange: (lines: Line[]) => void;
  /** The problem of line i to show, if any. */
  lineError: (i: number) => string | null | undefined;
  /** Per line: its rounded net, tax and total (null while incomplete). */
  totals: ({ net: string; tax: string; total: string; ratePercent?: string } | null)[];
  accountOptions: Option[];
  /** The tax codes of the document's kind (sales / purchase). */
  taxCodeOptions: Option[];
  side: 'customer' | 'vendor';
  disabled: boolean;
  /** The form's error about the lines as a whole. */
  error: string | undefined;
  money: (amount: string | undefined) => string;
}) {
  const uid = useId();
  const setLine = (i: number, patch: Partial<Line>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className="field">
      <legend>Lines</legend>
      <div className="table-scroll">
        <table className="fin-lines" aria-label="Document lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col" className="fin-col-desc">
                Description
              </th>
              <th scope="col" className="fin-col-account">
                Account
              </th>
              <th scope="col">Department</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Discount %
              </th>
              <th scope="col">Tax code</th>
              <th scope="col" className="num">
                Tax %
              </th>
              <th scope="col" className="num">
                Net
              </th>
              <th scope="col" className="num">
                Tax
              </th>
              <th scope="col" className="num">
                Line total
              </th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => {
              const error = lineError(i);
              const errId = `${uid}-l${i}-err`;
              const n = i + 1;
              const aria = {
                'aria-invalid': error ? true : undefined,
                'aria-describedby': error ? errId : undefined,
              };
              const t = totals[i];
              const input = (field: 'quantity' | 'unitPrice' | 'discountPercent' | 'taxRate', label: string) => (
                <input
                  aria-label={`${label}, line ${n}`}
                  className={
                    field === 'discountPercent' || field === 'taxRate'
                      ? 'fin-amount fin-pct'
                      : field === 'quantity'
                        ? 'fin-amount fin-qty'
                        : 'fin-amount'
                  }
                  inputMode="decimal"
                  value={field === 'taxRate' && line.taxCodeId ? (t?.ratePercent ?? '') : line[field]}
                  onChange={(e) => setLine(i, { [field]: e.target.value.replace(',', '.') })}
                  disabled={disabled || (field === 'taxRate' && line.taxCodeId !== '')}
                  {...aria}
                />
              );
              return (
                <tr key={i}>
                  <td className="muted">{n}</td>
                  <td>
                    <input
                      aria-label={`Description, line ${n}`}
                      value={line.description}
                      maxLength={1000}
                      onChange={(e) => setLine(i, { description: e.target.value })}
                      disabled={disabled}
                    />
                    {error && (
                      <p id={errId} className="fin-line-error">
                        {error}
                      </p>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={`Account, line ${n}`}
                      value={line.accountId}
                      onChange={(e) => setLine(i, { accountId: e.target.value })}
                      disabled={disabled}
                    >
                      <option value="">Default ({side === 'customer' ? 'sales' : 'purchases'})</option>
                      {accountOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Department, line ${n}`}
                      className="fin-dept"
                      value={line.department}
                      maxLength={100}
                      onChange={(e) => setLine(i, { department: e.target.value })}
                      disabled={disabled}
                    />
                  </td>
                  <td>{input('quantity', 'Quantity')}</td>
                  <td>{input('unitPrice', 'Unit price')}</td>
                  <td>{input('discountPercent', 'Discount %')}</td>
                  <td>
                    <select
                      aria-label={`Tax code, line ${n}`}
                      className="fin-taxcode"
                      value={line.taxCodeId}
                      onChange={(e) => setLine(i, { taxCodeId: e.target.value })}
                      disabled={disabled}
                    >
                      <option value="">(none — free %)</option>
                      {taxCodeOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{input('taxRate', 'Tax %')}</td>
                  <td className="num">{money(t?.net)}</td>
                  <td className="num">{money(t?.tax)}</td>
                  <td className="num" data-testid={`line-total-${n}`}>
                    {money(t?.total)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost btn-icon"
                      aria-label={`Remove line ${n}`}
                      disabled={lines.length <= 1 || disabled}
                      onClick={() => onChange(lines.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => onChange([...lines, emptyLine()])}>
          Add line
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
