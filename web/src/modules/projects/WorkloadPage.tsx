import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import { EmptyState, PageHeader, QueryState } from '../../components';
import { addDays, mondayOf } from './queries';
import './projects.css';

/** Planned hours per person per week across the projects I can see (from task estimates and dates). */
export default function WorkloadPage() {
  const [from, setFrom] = useState(() => mondayOf(new Date()));
  const workload = useQuery({
    queryKey: ['projects', 'workload', from],
    queryFn: () => unwrap(api.GET('/api/v1/projects/workload', { params: { query: { from, weeks: 8 } } })),
  });
  return (
    <>
      <PageHeader title="Workload" description="Planned hours per person and week, across projects." />
      <div className="toolbar" role="group" aria-label="Weeks">
        <button type="button" className="btn" onClick={() => setFrom(addDays(from, -28))}>
          ← Earlier
        </button>
        <button type="button" className="btn" onClick={() => setFrom(addDays(from, 28))}>
          Later →
        </button>
      </div>
      <QueryState query={workload}>
        {(w) =>
          w.people.length === 0 ? (
            <EmptyState title="No planned work in these weeks" />
          ) : (
            <table>
              <caption className="visually-hidden">Planned hours per person and week</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  {w.weeks.map((wk) => (
                    <th key={wk} scope="col" className="num">
                      {wk.slice(5)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {w.people.map((p) => (
                  <tr key={p.userId}>
                    <th scope="row">{p.name ?? p.userId}</th>
                    {p.hours.map((h, i) => (
                      <td key={w.weeks[i]} className={`num${Number(h) > 40 ? ' pj-over' : ''}`}>
                        {h}
                      </td>
                    ))}
                    <td className="num">{p.total}</td>
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
