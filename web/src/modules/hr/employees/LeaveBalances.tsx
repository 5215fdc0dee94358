import { QueryState } from '../../../components';
import { formatDays, useBalances } from '../queries';

/** This year's leave balances of an employee, per leave type. */
export function LeaveBalances({ employeeId }: { employeeId: string }) {
  const year = new Date().getFullYear();
  const balances = useBalances(employeeId, year);
  return (
    <section className="card" aria-labelledby="bal-h">
      <h2 id="bal-h">Leave balances {year}</h2>
      <QueryState query={balances} height="4em">
        {(list) =>
          list.items.length === 0 ? (
            <p className="muted">No leave types are set up.</p>
          ) : (
            <ul className="hr-balances">
              {list.items.map((b) => (
                <li key={b.leaveType.id} className="hr-balance" aria-label={`${b.leaveType.name} balance`}>
                  <span className="muted">{b.leaveType.name}</span>
                  <strong>{formatDays(b.available)}</strong>
                  <span className="muted">
                    available · {Number(b.taken)} taken · {Number(b.pending)} pending · of {Number(b.entitlement)}
                    {Number(b.carriedOver) > 0 ? ` + ${Number(b.carriedOver)} carried` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
