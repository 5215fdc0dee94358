import { listFetcher } from '../../../api';
import { DataTable, type Column } from '../../../components';
import type { EmployeeCard, EmployeeView } from '../queries';
import { PersonLink } from '../ui';

const reportColumns: Column<EmployeeCard>[] = [
  {
    id: 'name',
    header: 'Name',
    sortKey: 'lastName',
    alwaysVisible: true,
    cell: (r) => <PersonLink id={r.id} firstName={r.firstName} lastName={r.lastName} />,
  },
  { id: 'position', header: 'Position', cell: (r) => r.positionTitle ?? '—' },
  { id: 'department', header: 'Department', cell: (r) => r.departmentName ?? '—' },
];

/** The people who report to an employee (a page of ten at a time). */
export function DirectReports({ employee }: { employee: EmployeeView }) {
  return (
    <section className="card" aria-labelledby="rep-h">
      <h2 id="rep-h">Direct reports</h2>
      <DataTable
        id={`hr-reports-${employee.id}`}
        caption="Direct reports"
        columns={reportColumns}
        fetchPage={listFetcher('/api/v1/hr/employees')}
        fixedFilters={{ managerId: employee.id }}
        rowKey={(r) => r.id}
        pageSize={10}
        emptyMessage="Nobody reports to them."
      />
    </section>
  );
}
