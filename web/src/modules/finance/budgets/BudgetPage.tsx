import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, ProblemError, unwrap } from '../../../api';
import { ErrorState, QueryState } from '../../../components';
import { financeKeys } from '../queries';
import '../finance.css';
import { BudgetEditor } from './BudgetEditor';

/** A year's budget: load it (404: a new one), edit its lines, save them all at once with the version. */
export default function BudgetPage() {
  const { year: raw } = useParams({ strict: false }) as { year: string };
  const year = Number(raw);
  const budget = useQuery({
    queryKey: financeKeys.budget(year),
    enabled: /^\d{4}$/.test(raw),
    retry: (n) => n < 2,
    // No budget for the year yet (404): null, a new one.
    queryFn: () =>
      unwrap(api.GET('/api/v1/finance/budgets/{year}', { params: { path: { year } } })).catch((e: unknown) => {
        if (e instanceof ProblemError && e.status === 404) return null;
        throw e;
      }),
  });
  if (!/^\d{4}$/.test(raw)) return <ErrorState error={new Error(`"${raw}" is not a year.`)} />;
  return (
    <QueryState query={budget} height="14em">
      {(b) => <BudgetEditor key={b?.version ?? 'new'} year={year} budget={b} reload={() => void budget.refetch()} />}
    </QueryState>
  );
}
