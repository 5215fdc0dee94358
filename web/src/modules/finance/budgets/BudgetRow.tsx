import type { Account } from '../queries';
import { MONTHS, type Row } from './budgetRows';

/** One line of the budget grid: account, department, twelve months, its total, and Fill / Remove. */
export function BudgetRow({
  row,
  n,
  problem,
  accounts,
  editable,
  busy,
  total,
  amountOk,
  onChange,
  onRemove,
}: {
  row: Row;
  /** The line number (from 1). */
  n: number;
  problem: string | undefined;
  accounts: Account[];
  editable: boolean;
  busy: boolean;
  /** The line's total, formatted. */
  total: string;
  amountOk: (amount: string) => boolean;
  onChange: (patch: Partial<Row>) => void;
  onRemove: () => void;
}) {
  return (
    <tr className={problem ? 'fin-row-invalid' : undefined}>
      <td>
        <select
          aria-label={`Account, line ${n}`}
          value={row.accountId}
          disabled={!editable || busy}
          onChange={(e) => onChange({ accountId: e.target.value })}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `budget-err-${row.key}` : undefined}
        >
          <option value="">Choose…</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} — {a.name}
            </option>
          ))}
        </select>
        {problem && (
          <p id={`budget-err-${row.key}`} className="fin-line-error">
            {problem}
          </p>
        )}
      </td>
      <td>
        <input
          className="fin-dept"
          aria-label={`Department, line ${n}`}
          value={row.department}
          maxLength={100}
          placeholder="(none)"
          disabled={!editable || busy}
          onChange={(e) => onChange({ department: e.target.value })}
        />
      </td>
      {row.amounts.map((a, m) => (
        <td key={m}>
          <input
            aria-label={`${MONTHS[m]}, line ${n}`}
            inputMode="decimal"
            value={a}
            placeholder="0"
            disabled={!editable || busy}
            aria-invalid={amountOk(a) ? undefined : true}
            onChange={(e) =>
              onChange({
                amounts: row.amounts.map((x, k) => (k === m ? e.target.value.replace(',', '.') : x)),
              })
            }
          />
        </td>
      ))}
      <td className="num" data-testid={`budget-total-${n}`}>
        {total}
      </td>
      {editable && (
        <td className="fin-actions-cell">
          <button
            type="button"
            className="btn"
            disabled={busy || !row.amounts[0]?.trim()}
            aria-label={`Copy January to every month, line ${n}`}
            onClick={() => onChange({ amounts: Array(12).fill(row.amounts[0]!.trim()) })}
          >
            Fill
          </button>
          <button type="button" className="btn" disabled={busy} aria-label={`Remove line ${n}`} onClick={onRemove}>
            Remove
          </button>
        </td>
      )}
    </tr>
  );
}
