import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, EmptyState, PageHeader, QueryState, useAuth } from '../../../components';
import { today } from '../decimal';
import { financeKeys } from '../queries';
import '../finance.css';

/** The years that have a budget; open one to edit its lines, or start the budget of another year. */
export default function BudgetsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const yearId = useId();
  const [year, setYear] = useState(String(Number(today().slice(0, 4)) + 1));
  const budgets = useQuery({
    queryKey: financeKeys.budgets,
    queryFn: () => unwrap(api.GET('/api/v1/finance/budgets')),
  });
  const exists = (y: number) => budgets.data?.items.some((b) => b.year === y) ?? false;
  const validYear = /^\d{4}$/.test(year);
  return (
    <>
      <PageHeader
        title="Budgets"
        description="One budget per fiscal year: per account (and optionally department), twelve monthly amounts in the account's natural sign."
        actions={<Link to="/finance/reports/budget-vs-actual">Budget vs actual</Link>}
      />
      {can('finance:write') && (
        <form
          className="toolbar card"
          aria-label="Start or open a budget"
          onSubmit={(e) => {
            e.preventDefault();
            if (validYear) void navigate({ to: `/finance/budgets/${year}` });
          }}
        >
          <div className="filter">
            <label htmlFor={yearId}>Year</label>
            <input
              id={yearId}
              inputMode="numeric"
              maxLength={4}
              value={year}
              onChange={(e) => setYear(e.target.value.replace(/\D/g, ''))}
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={!validYear}>
            {validYear && exists(Number(year)) ? `Open the ${year} budget` : `New budget for ${validYear ? year : '…'}`}
          </button>
        </form>
      )}
      <QueryState query={budgets} height="8em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No budgets yet">Start one for a year above.</EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Budgets">
                <thead>
                  <tr>
                    <th scope="col">Year</th>
                    <th scope="col" className="num">
                      Lines
                    </th>
                    <th scope="col">Last changed</th>
                    <th scope="col">
                      <span className="visually-hidden">Report</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((b) => (
                    <tr key={b.year}>
                      <td>
                        <Link to={`/finance/budgets/${b.year}`}>Budget {b.year}</Link>
                      </td>
                      <td className="num">{b.rows}</td>
                      <td>
                        <DateText value={b.updatedAt} withTime />
                      </td>
                      <td>
                        <Link to="/finance/reports/budget-vs-actual" search={{ year: String(b.year) }}>
                          Compare with actual
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
