import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ProblemError, unwrap, type Schema } from '../../../api';
import { formatMoney, FormErrorBanner, PageHeader, useAuth, useConfirm, useToast } from '../../../components';
import { isDecimal, minorUnits, sumDecimals } from '../decimal';
import { financeKeys, useAccounts, useSettings } from '../queries';
import { BudgetRow } from './BudgetRow';
import { MONTHS, newRow, rowsOf, type Row } from './budgetRows';

type Budget = Schema<'Budget'>;

/** Edit a year's budget lines (a new budget when `budget` is null) and save them all at once with the version. */
export function BudgetEditor({ year, budget, reload }: { year: number; budget: Budget | null; reload: () => void }) {
  const { can } = useAuth();
  const editable = can('finance:write');
  const accounts = useAccounts();
  const settings = useSettings();
  const currency = budget?.currency ?? settings.data?.baseCurrency ?? 'USD';
  const places = minorUnits(currency);
  const toast = useToast();
  const confirm = useConfirm();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() =>
    budget && budget.lines.length > 0 ? rowsOf(budget.lines) : [newRow()],
  );
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const options = (accounts.data?.items ?? []).filter(
    (a) => !a.isGroup && (a.type === 'income' || a.type === 'expense'),
  );

  const update = (i: number, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setProblems(({ [i]: _, ...rest }) => rest);
    setDirty(true);
  };
  const amountOk = (a: string) => a.trim() === '' || isDecimal(a.trim(), places);
  const rowTotal = (r: Row) =>
    sumDecimals(
      r.amounts.map((a) => (a.trim() && isDecimal(a.trim(), places) ? a.trim() : '0')),
      places,
    );

  const validate = (): Record<number, string> => {
    const found: Record<number, string> = {};
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      if (!r.accountId) {
        if (r.amounts.some((a) => a.trim() !== '')) found[i] = 'Choose the account.';
        return;
      }
      const bad = r.amounts.findIndex((a) => !amountOk(a));
      if (bad >= 0) found[i] = `${MONTHS[bad]}: a number with at most ${places} decimals.`;
      const key = `${r.accountId}/${r.department.trim()}`;
      if (seen.has(key)) found[i] = 'This account and department are already on another line.';
      seen.set(key, i);
    });
    return found;
  };

  const save = async () => {
    const found = validate();
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    const sent = rows.filter((r) => r.accountId);
    try {
      const saved = await unwrap(
        api.PUT('/api/v1/finance/budgets/{year}', {
          params: { path: { year } },
          body: {
            ...(budget ? { version: budget.version } : {}),
            replace: true,
            lines: sent.map((r) => ({
              accountId: r.accountId,
              ...(r.department.trim() ? { department: r.department.trim() } : {}),
              amounts: r.amounts.map((a) => a.trim() || '0'),
            })),
          },
        }),
      );
      queryClient.setQueryData(financeKeys.budget(year), saved);
      await queryClient.invalidateQueries({ queryKey: financeKeys.budgets, exact: true });
      await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
      toast.success(budget ? `Budget ${year} saved.` : `Budget ${year} created.`);
    } catch (e) {
      if (e instanceof ProblemError) {
        const byRow: Record<number, string> = {};
        for (const fe of e.errors) {
          const m = /^lines\.(\d+)/.exec(fe.path);
          const row = m ? rows.indexOf(sent[Number(m[1])]!) : -1;
          if (row >= 0) byRow[row] ??= fe.message;
        }
        setProblems(byRow);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!budget) return;
    const ok = await confirm({
      title: `Delete the ${year} budget?`,
      message: 'All its lines are deleted; budget vs actual then shows no budget for the year.',
      confirmLabel: 'Delete budget',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.DELETE('/api/v1/finance/budgets/{year}', {
          params: { path: { year }, query: { version: budget.version } },
        }),
      );
      queryClient.removeQueries({ queryKey: financeKeys.budget(year) });
      await queryClient.invalidateQueries({ queryKey: financeKeys.budgets });
      toast.success(`Budget ${year} deleted.`);
      void navigate({ to: '/finance/budgets' });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const grand = sumDecimals(rows.map(rowTotal), places);
  return (
    <>
      <PageHeader
        title={`Budget ${year}`}
        description={
          budget
            ? `Version ${budget.version}. Amounts per month in the account's natural sign (income and expenses positive).`
            : 'A new budget: nothing is saved until you save it.'
        }
        actions={
          <>
            <Link to="/finance/reports/budget-vs-actual" search={{ year: String(year) }}>
              Compare with actual
            </Link>
            <Link to="/finance/budgets">All budgets</Link>
          </>
        }
      />
      <FormErrorBanner error={error} onReload={reload} />
      <section className="card" aria-label={`Budget ${year} lines`}>
        <div className="table-scroll fin-wide-scroll">
          <table className="fin-lines fin-budget-grid" aria-label="Budget lines">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Department</th>
                {MONTHS.map((m) => (
                  <th key={m} scope="col" className="num">
                    {m}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <BudgetRow
                  key={r.key}
                  row={r}
                  n={i + 1}
                  problem={problems[i]}
                  accounts={options}
                  editable={editable}
                  busy={busy}
                  total={formatMoney(rowTotal(r), currency)}
                  amountOk={amountOk}
                  onChange={(patch) => update(i, patch)}
                  onRemove={() => {
                    setRows((rs) => (rs.length === 1 ? [newRow()] : rs.filter((_, j) => j !== i)));
                    setProblems({});
                    setDirty(true);
                  }}
                />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={14}>
                  Total (all lines)
                </th>
                <td className="num" data-testid="budget-grand-total">
                  {formatMoney(grand, currency)}
                </td>
                {editable && <td />}
              </tr>
            </tfoot>
          </table>
        </div>
        {editable && (
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setRows((rs) => [...rs, newRow()])} disabled={busy}>
              Add line
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void save()}
              disabled={busy || (!dirty && budget !== null)}
              aria-busy={busy}
            >
              {busy ? 'Saving…' : budget ? 'Save budget' : 'Create budget'}
            </button>
            {budget && can('finance:admin') && (
              <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
                Delete budget
              </button>
            )}
          </div>
        )}
        <p>
          Year total of all lines: <strong>{formatMoney(grand, currency)}</strong>
        </p>
        <p className="muted">
          Saving replaces every line of the year with the ones above. Lines without an account are left out.
        </p>
      </section>
    </>
  );
}
