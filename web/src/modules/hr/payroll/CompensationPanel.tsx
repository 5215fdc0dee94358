import { useState } from 'react';
import { DateText, Money, useAuth } from '../../../components';
import { payFrequencyLabels, type EmployeeWithCompensation } from '../queries';
import { PayComponents } from './PayComponents';
import { SalaryDialog } from './SalaryDialog';

/**
 * The employee profile's pay: the salary in force (hr:admin adds a salary change) and the recurring
 * allowances and deductions (hr:admin adds, edits and removes them). Shown to whoever may see the
 * employee's compensation (the API decides; see src/modules/hr/payroll/README.md).
 */
export function CompensationPanel({ employee }: { employee: EmployeeWithCompensation }) {
  const { can } = useAuth();
  const admin = can('hr:admin');
  const [adding, setAdding] = useState(false);
  const compensation = employee.compensation;
  return (
    <>
      <section className="card" aria-labelledby="pay-h">
        <h2 id="pay-h">Compensation</h2>
        {compensation ? (
          <dl className="hr-dl">
            <dt>Base salary (annual)</dt>
            <dd>
              <Money amount={compensation.baseSalary} currency={compensation.currency} />
            </dd>
            <dt>Paid</dt>
            <dd>{payFrequencyLabels[compensation.payFrequency] ?? compensation.payFrequency}</dd>
            <dt>Since</dt>
            <dd>
              <DateText value={compensation.effectiveDate} />
            </dd>
          </dl>
        ) : (
          <p className="muted">No salary on file.</p>
        )}
        {admin && (
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setAdding(true)}>
              Add salary change
            </button>
          </div>
        )}
      </section>
      <PayComponents employeeId={employee.id} admin={admin} />
      {adding && <SalaryDialog employee={employee} onClose={() => setAdding(false)} />}
    </>
  );
}
