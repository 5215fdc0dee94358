import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { ErrorState, QueryState } from '../../../components';
import { hrKeys, type EmployeeFull, type EmployeeView } from '../queries';
import { EmployeeForm } from './EmployeeForm';

/** /hr/employees/new (hr:admin) and /hr/employees/$id/edit (hr:admin: all; you: contact details; managers: placement). */
export default function EmployeeFormPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const employee = useQuery({
    queryKey: hrKeys.employee(id ?? '-'),
    enabled: Boolean(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/hr/employees/{id}', { params: { path: { id: id! } } })) as Promise<EmployeeView>,
  });
  if (!id) return <EmployeeForm />;
  return (
    <QueryState query={employee} height="20em">
      {(e) =>
        e.access !== 'full' ? (
          <ErrorState error={new Error('You may not change this employee’s record.')} />
        ) : (
          <EmployeeForm key={e.version} employee={e as EmployeeFull} reload={() => void employee.refetch()} />
        )
      }
    </QueryState>
  );
}
