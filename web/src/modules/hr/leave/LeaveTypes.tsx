import { useState } from 'react';
import { Dialog, EmptyState, QueryState } from '../../../components';
import { formatDays, useLeaveTypes, type LeaveType } from '../queries';
import { LeaveTypeForm } from './LeaveTypeForm';

/** The leave types with their allowance, approval and carry-over rules; add or edit one in a dialog. */
export function LeaveTypes() {
  const types = useLeaveTypes();
  const [editing, setEditing] = useState<LeaveType | 'new' | null>(null);
  return (
    <section className="card" aria-labelledby="types-h">
      <div className="page-header">
        <h2 id="types-h">Leave types</h2>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          New leave type
        </button>
      </div>
      <QueryState query={types} height="6em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No leave types yet" />
          ) : (
            <div className="table-scroll">
              <table aria-label="Leave types">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Code</th>
                    <th scope="col" className="num">
                      Days a year
                    </th>
                    <th scope="col">Paid</th>
                    <th scope="col">Approval</th>
                    <th scope="col">Carry-over</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((t) => (
                    <tr key={t.id}>
                      <td>
                        <button type="button" className="btn-link" onClick={() => setEditing(t)}>
                          {t.name}
                        </button>
                      </td>
                      <td>{t.code}</td>
                      <td className="num">{Number(t.yearlyAllowance)}</td>
                      <td>{t.paid ? 'Paid' : 'Unpaid'}</td>
                      <td>{t.requiresApproval ? 'Manager approves' : 'Automatic'}</td>
                      <td>
                        {Number(t.carryOverMax) > 0
                          ? `Up to ${formatDays(t.carryOverMax)}${t.carryOverExpiryMonth ? `, lapses after month ${t.carryOverExpiryMonth}` : ''}`
                          : 'None'}
                      </td>
                      <td>
                        <span className={t.active ? 'badge badge-active' : 'badge badge-inactive'}>
                          {t.active ? 'Active' : 'Inactive'}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {editing && (
        <Dialog
          open
          title={editing === 'new' ? 'New leave type' : `Edit ${editing.name}`}
          onClose={() => setEditing(null)}
        >
          <LeaveTypeForm type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        </Dialog>
      )}
    </section>
  );
}
