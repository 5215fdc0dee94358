import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api';
import { DateText, Money, QueryState } from '../../../components';
import { hrKeys, payFrequencyLabels } from '../queries';

/** An employee's job and salary changes, newest first. */
export function JobHistory({ employeeId }: { employeeId: string }) {
  const history = useQuery({
    queryKey: hrKeys.history(employeeId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/employees/{id}/history', { params: { path: { id: employeeId }, query: { limit: 50 } } }),
      ),
  });
  return (
    <section className="card" aria-labelledby="hist-h">
      <h2 id="hist-h">Job history</h2>
      <QueryState query={history} height="4em">
        {(list) =>
          list.items.length === 0 ? (
            <p className="muted">No changes recorded.</p>
          ) : (
            <div className="table-scroll">
              <table aria-label="Job history">
                <thead>
                  <tr>
                    <th scope="col">Effective</th>
                    <th scope="col">Change</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Recorded</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <DateText value={h.effectiveDate} />
                      </td>
                      <td>
                        {h.type === 'job' ? (
                          [h.positionTitle, h.departmentName, h.managerName ? `reports to ${h.managerName}` : null]
                            .filter(Boolean)
                            .join(' · ') || '—'
                        ) : (
                          <>
                            Salary <Money amount={h.baseSalary} currency={h.currency} /> a year,{' '}
                            {(payFrequencyLabels[h.payFrequency] ?? h.payFrequency).toLowerCase()}
                          </>
                        )}
                      </td>
                      <td>{h.reason ?? '—'}</td>
                      <td>
                        <DateText value={h.recordedAt} withTime />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
