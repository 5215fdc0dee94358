import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import {
  DateText,
  EmptyState,
  FormErrorBanner,
  PageHeader,
  QueryState,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { today } from '../decimal';
import { financeKeys } from '../queries';
import { FiscalYearSetup } from './FiscalYearSetup';
import '../finance.css';

type Year = Schema<'FiscalYears'>['items'][number];
type Period = Year['periods'][number];

const monthName = (p: Period) =>
  new Date(`${p.startDate}T00:00:00Z`).toLocaleDateString(undefined, { month: 'long', timeZone: 'UTC' });

/** Fiscal years and their twelve periods: close a period (nothing more posts into it), reopen, close a year. */
export default function FiscalYearsPage() {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const years = useQuery({
    queryKey: financeKeys.fiscalYears,
    queryFn: () => unwrap(api.GET('/api/v1/finance/fiscal-years')),
  });

  const run = async (key: string, action: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setError(null);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: financeKeys.fiscalYears });
      await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
      toast.success(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const setPeriod = async (p: Period, year: number, action: 'close' | 'reopen') => {
    const name = `${monthName(p)} ${year}`;
    const ok = await confirm(
      action === 'close'
        ? {
            title: `Close ${name}?`,
            message: `Nothing more can be posted with a date from ${p.startDate} to ${p.endDate}. An administrator can reopen it.`,
            confirmLabel: 'Close period',
          }
        : {
            title: `Reopen ${name}?`,
            message: 'Entries can be posted into it again.',
            confirmLabel: 'Reopen period',
            danger: false,
          },
    );
    if (!ok) return;
    await run(
      p.id,
      () => unwrap(api.POST(`/api/v1/finance/periods/{id}/${action}`, { params: { path: { id: p.id } } })),
      action === 'close' ? `${name} is closed.` : `${name} is open again.`,
    );
  };

  const closeYear = async (y: Year) => {
    const ok = await confirm({
      title: `Close the fiscal year ${y.year}?`,
      message:
        'Its result is moved to retained earnings with a closing entry dated the last day of the year, and every period is closed. This cannot be undone here.',
      confirmLabel: 'Close year',
    });
    if (!ok) return;
    await run(
      `year-${y.year}`,
      () => unwrap(api.POST('/api/v1/finance/fiscal-years/{year}/close', { params: { path: { year: y.year } } })),
      `${y.year} is closed.`,
    );
  };

  const nextYear =
    years.data && years.data.items.length > 0
      ? Math.max(...years.data.items.map((y) => y.year)) + 1
      : Number(today().slice(0, 4));
  return (
    <>
      <PageHeader
        title="Fiscal years and periods"
        description="Posting into a date opens its year. Close a month once its books are final; close the year to carry its result to retained earnings."
        actions={
          can('finance:approve') &&
          years.data && (
            <button
              type="button"
              className="btn"
              disabled={busy !== null}
              onClick={() =>
                void run(
                  'open',
                  () =>
                    unwrap(
                      api.POST('/api/v1/finance/fiscal-years/{year}/open', { params: { path: { year: nextYear } } }),
                    ),
                  `${nextYear} is open.`,
                )
              }
            >
              Open {nextYear}
            </button>
          )
        }
      />
      <FormErrorBanner error={error} onReload={() => void years.refetch()} />
      {can('finance:admin') && <FiscalYearSetup />}
      <QueryState query={years} height="12em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No fiscal year yet">The first posting opens its year.</EmptyState>
          ) : (
            list.items.map((y) => (
              <section key={y.year} className="card" aria-labelledby={`fy-${y.year}`}>
                <h2 id={`fy-${y.year}`}>
                  {y.year}{' '}
                  <span className={y.status === 'open' ? 'badge badge-active' : 'badge badge-inactive'}>
                    {y.status === 'open' ? 'Open' : 'Closed'}
                  </span>
                </h2>
                <p className="muted">
                  <DateText value={y.startDate} /> – <DateText value={y.endDate} />
                  {y.closingEntryId && (
                    <>
                      {' '}
                      · <Link to={`/finance/journal/${y.closingEntryId}`}>closing entry</Link>
                    </>
                  )}
                </p>
                <div className="table-scroll">
                  <table aria-label={`Periods of ${y.year}`}>
                    <thead>
                      <tr>
                        <th scope="col">Period</th>
                        <th scope="col">Dates</th>
                        <th scope="col">Status</th>
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {y.periods.map((p) => (
                        <tr key={p.id}>
                          <th scope="row">
                            {p.period}. {monthName(p)}
                          </th>
                          <td>
                            <DateText value={p.startDate} /> – <DateText value={p.endDate} />
                          </td>
                          <td>
                            <span className={p.status === 'open' ? 'badge badge-active' : 'badge badge-inactive'}>
                              {p.status === 'open' ? 'Open' : 'Closed'}
                            </span>
                          </td>
                          <td className="fin-actions-cell">
                            {p.status === 'open' && can('finance:approve') && (
                              <button
                                type="button"
                                className="btn"
                                disabled={busy !== null}
                                aria-label={`Close ${monthName(p)} ${y.year}`}
                                onClick={() => void setPeriod(p, y.year, 'close')}
                              >
                                Close
                              </button>
                            )}
                            {p.status === 'closed' && y.status === 'open' && can('finance:admin') && (
                              <button
                                type="button"
                                className="btn"
                                disabled={busy !== null}
                                aria-label={`Reopen ${monthName(p)} ${y.year}`}
                                onClick={() => void setPeriod(p, y.year, 'reopen')}
                              >
                                Reopen
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {y.status === 'open' && can('finance:approve') && (
                  <div className="form-actions">
                    <button
                      type="button"
                      className="btn btn-danger"
                      disabled={busy !== null}
                      onClick={() => void closeYear(y)}
                    >
                      Close year {y.year}
                    </button>
                  </div>
                )}
              </section>
            ))
          )
        }
      </QueryState>
    </>
  );
}
