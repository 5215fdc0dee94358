import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, FormErrorBanner, QueryState, useConfirm, useToast } from '../../../components';
import { hrKeys, type PayComponent } from '../queries';
import { PayComponentDialog } from './PayComponentDialog';

/** An employee's recurring allowances and deductions; hr:admin adds, edits and removes them. */
export function PayComponents({ employeeId, admin }: { employeeId: string; admin: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [editing, setEditing] = useState<PayComponent | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const components = useQuery({
    queryKey: hrKeys.payComponents(employeeId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/employees/{id}/pay-components', {
          params: { path: { id: employeeId }, query: { limit: 200 } },
        }),
      ),
  });
  const remove = async (c: PayComponent) => {
    const ok = await confirm({
      title: `Remove “${c.name}”?`,
      message:
        'Future payroll runs no longer include it; payslips already made keep their lines. To stop it from a date instead, edit it and set an end date.',
      confirmLabel: 'Remove',
    });
    if (!ok) return;
    setError(null);
    try {
      await unwrap(
        api.DELETE('/api/v1/hr/pay-components/{id}', {
          params: { path: { id: c.id }, query: { version: c.version } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: hrKeys.payComponents(employeeId) });
      toast.success(`Removed ${c.name}.`);
    } catch (e) {
      setError(e);
    }
  };
  const items = components.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="comp-h">
      <h2 id="comp-h">Allowances and deductions</h2>
      <FormErrorBanner
        error={error}
        onReload={() => void queryClient.invalidateQueries({ queryKey: hrKeys.payComponents(employeeId) })}
      />
      <QueryState query={components} height="4em">
        {() =>
          items.length === 0 ? (
            <p className="muted">No recurring allowances or deductions.</p>
          ) : (
            <div className="table-scroll">
              <table aria-label="Allowances and deductions">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Per period
                    </th>
                    <th scope="col">From</th>
                    <th scope="col">Until</th>
                    {admin && <th scope="col">Actions</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id}>
                      <td>{c.name}</td>
                      <td>{c.kind === 'allowance' ? 'Allowance' : 'Deduction'}</td>
                      <td className="num">{c.amount !== null ? c.amount : `${c.rate ?? ''} % of base pay`}</td>
                      <td>
                        <DateText value={c.startDate} />
                      </td>
                      <td>{c.endDate ? <DateText value={c.endDate} /> : '—'}</td>
                      {admin && (
                        <td>
                          <span className="hr-actions">
                            <button
                              type="button"
                              className="btn"
                              onClick={() => setEditing(c)}
                              aria-label={`Edit ${c.name}`}
                            >
                              Edit
                            </button>
                            <button
                              type="button"
                              className="btn btn-ghost"
                              onClick={() => void remove(c)}
                              aria-label={`Remove ${c.name}`}
                            >
                              Remove
                            </button>
                          </span>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {admin && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            Add allowance or deduction
          </button>
        </div>
      )}
      {editing && (
        <PayComponentDialog
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          employeeId={employeeId}
          component={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
