import { Link } from '@tanstack/react-router';
import { EmptyState, PageHeader, QueryState, useAuth } from '../../components';
import { CYCLE_KIND_LABELS, useCycles } from './queries';

/** The cycles, latest first: dates, kind, status, check-in interval; new and edit for administrators. */
export default function CyclesPage() {
  const cycles = useCycles();
  const { can } = useAuth();
  const admin = can('strategy:admin');
  return (
    <>
      <PageHeader
        title="Cycles"
        description="Quarters, years and custom periods the objectives and KPIs belong to"
        actions={
          admin && (
            <Link to="/strategy/cycles/new" className="btn btn-primary">
              New cycle
            </Link>
          )
        }
      />
      <QueryState query={cycles} height="12em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No cycles yet" />
          ) : (
            <div className="card">
              <table>
                <caption className="visually-hidden">Cycles</caption>
                <thead>
                  <tr>
                    <th scope="col">Cycle</th>
                    <th scope="col">Kind</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Status</th>
                    <th scope="col">Check-ins</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        {admin ? (
                          <Link to={`/strategy/cycles/${c.id}`}>{c.name}</Link>
                        ) : (
                          <Link to="/strategy" search={{ cycle: c.id }}>
                            {c.name}
                          </Link>
                        )}
                      </td>
                      <td>{CYCLE_KIND_LABELS[c.kind]}</td>
                      <td>{c.startDate}</td>
                      <td>{c.endDate}</td>
                      <td>{c.status === 'open' ? 'Open' : 'Closed'}</td>
                      <td>{c.checkInDays === null ? 'No reminders' : `Every ${c.checkInDays} days`}</td>
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
