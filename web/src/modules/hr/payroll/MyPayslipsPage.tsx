import { PageHeader, QueryState } from '../../../components';
import { useMyEmployeeId } from '../queries';
import '../hr.css';
import { Payslips } from './PayslipsTable';

/** The signed-in employee's own (approved) payslips. */
export default function MyPayslipsPage() {
  const me = useMyEmployeeId();
  return (
    <>
      <PageHeader title="My payslips" description="Your final payslips: open one for its lines, JSON or a CSV copy." />
      <QueryState query={me} height="8em">
        {(employeeId) =>
          employeeId ? (
            <Payslips employeeId={employeeId} title="Payslips" />
          ) : (
            <div className="banner banner-info" role="status">
              You have no employee record linked to your account, so there are no payslips to show.
            </div>
          )
        }
      </QueryState>
    </>
  );
}
