import { PageHeader } from '../../../components';
import '../hr.css';
import { Holidays } from './Holidays';
import { LeaveTypes } from './LeaveTypes';

/** hr:admin: leave types (allowance, carry-over) and public holidays per location. */
export default function LeaveSettingsPage() {
  return (
    <>
      <PageHeader
        title="Leave settings"
        description="Types of leave with their yearly allowance, and public holidays."
      />
      <LeaveTypes />
      <Holidays />
    </>
  );
}
