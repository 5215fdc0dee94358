import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { EmptyState, Money, PageHeader, QueryState } from '../../components';
import type { Project } from './queries';
import { ProgressBar, StatusBadge } from './ui';

/** Every project I can see: status, progress, budget burn, overdue milestones. */
export default function PortfolioPage() {
  const portfolio = useQuery({
    queryKey: ['projects', 'portfolio'],
    queryFn: () => unwrap(api.GET('/api/v1/projects/portfolio', { params: { query: {} } })),
  });
  return (
    <>
      <PageHeader title="Portfolio" />
      <QueryState query={portfolio}>
        {(p) =>
          p.items.length === 0 ? (
            <EmptyState title="No projects" />
          ) : (
            <table>
              <caption className="visually-hidden">Portfolio</caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col" className="num">
                    Hours (burn)
                  </th>
                  <th scope="col" className="num">
                    Cost (burn)
                  </th>
                  <th scope="col" className="num">
                    Overdue milestones
                  </th>
                  <th scope="col" className="num">
                    Open tasks
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((x) => (
                  <tr key={x.id}>
                    <td>
                      <Link to={`/projects/${x.id}`}>
                        {x.code} {x.name}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={x.status as Project['status']} />
                    </td>
                    <td>
                      <ProgressBar progress={x.progress} />
                    </td>
                    <td className="num">
                      {x.actualHours}
                      {x.budgetHours ? ` / ${x.budgetHours}` : ''}
                      {x.hoursBurnPercent !== null ? ` (${x.hoursBurnPercent}%)` : ''}
                    </td>
                    <td className="num">
                      {x.actualCost ? <Money amount={x.actualCost} currency={x.currency} /> : '—'}
                      {x.costBurnPercent !== null ? ` (${x.costBurnPercent}%)` : ''}
                    </td>
                    <td className="num">{x.overdueMilestones}</td>
                    <td className="num">{x.openTasks}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}
