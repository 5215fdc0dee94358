import { useId } from 'react';
import { Spinner, type Option } from '../../../components';
import { emptyLine, type EntryLine } from './entryLines';

/**
 * The journal entry form's line editor: account, description, debit or credit per line (typing one
 * clears the other); add lines, remove down to two.
 */
export function EntryLinesEditor({
  lines,
  onChange,
  lineError,
  options,
  accountsLoading,
  disabled,
  error,
}: {
  lines: EntryLine[];
  onChange: (lines: EntryLine[]) => void;
  /** The problem of line i to show, if any. */
  lineError: (i: number) => string | null | undefined;
  options: Option[];
  accountsLoading: boolean;
  disabled: boolean;
  /** The form's error about the lines as a whole. */
  error: string | undefined;
}) {
  const uid = useId();
  const setLine = (i: number, patch: Partial<EntryLine>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className="field">
      <legend>Lines</legend>
      <div className="table-scroll">
        <table className="fin-lines" aria-label="Entry lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col" className="fin-col-account">
                Account
              </th>
              <th scope="col" className="fin-col-desc">
                Description
              </th>
              <th scope="col" className="num">
                Debit
              </th>
              <th scope="col" className="num">
                Credit
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
              const aria = {
                'aria-invalid': error ? true : undefined,
                'aria-describedby': error ? errId : undefined,
              };
              return (
                <tr key={i}>
                  <td className="muted">{i + 1}</td>
                  <td>
                    {accountsLoading ? (
                      <Spinner label="Loading accounts" />
                    ) : (
                      <select
                        aria-label={`Account, line ${i + 1}`}
                        value={line.accountId}
                        onChange={(e) => setLine(i, { accountId: e.target.value })}
                        disabled={disabled}
                        {...aria}
                      >
                        <option value="">Choose an account…</option>
                        {options.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    )}
                    {error && (
                      <p id={errId} className="fin-line-error">
                        {error}
                      </p>
                    )}
                  </td>
                  <td>
                    <input
                      aria-label={`Description, line ${i + 1}`}
                      value={line.description}
                      maxLength={500}
                      onChange={(e) => setLine(i, { description: e.target.value })}
                      disabled={disabled}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Debit, line ${i + 1}`}
                      className="fin-amount fin-wide-amount"
                      inputMode="decimal"
                      value={line.debit}
                      onChange={(e) => {
                        const debit = e.target.value.replace(',', '.');
                        setLine(i, debit.trim() ? { debit, credit: '' } : { debit });
                      }}
                      disabled={disabled}
                      {...aria}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Credit, line ${i + 1}`}
                      className="fin-amount fin-wide-amount"
                      inputMode="decimal"
                      value={line.credit}
                      onChange={(e) => {
                        const credit = e.target.value.replace(',', '.');
                        setLine(i, credit.trim() ? { credit, debit: '' } : { credit });
                      }}
                      disabled={disabled}
                      {...aria}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost btn-icon"
                      aria-label={`Remove line ${i + 1}`}
                      disabled={lines.length <= 2 || disabled}
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
