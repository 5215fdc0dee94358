import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { Form, listQueryKey, PageHeader, SubmitButton, useAuth, useForm, useToast } from '../../../components';
import { hrKeys, useMyEmployeeId, type EmployeeFull } from '../queries';
import { initialValues, MANAGER_FIELDS, schema, SELF_FIELDS, toBody } from './employeeForm';
import { BasicSection, PersonalSection, PlacementSection } from './EmployeeFormSections';

/**
 * Hire (no `employee`) or edit an employee. hr:admin changes everything; you, your contact details;
 * a manager, a report's placement. Only changed fields are sent.
 */
export function EmployeeForm({ employee, reload }: { employee?: EmployeeFull; reload?: () => void }) {
  const { can } = useAuth();
  const me = useMyEmployeeId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const admin = can('hr:admin');
  const mode: 'admin' | 'self' | 'manager' = admin ? 'admin' : employee && me.data === employee.id ? 'self' : 'manager';
  const editable = (field: string) =>
    mode === 'admin' || (mode === 'self' ? SELF_FIELDS : MANAGER_FIELDS).includes(field);
  const form = useForm({
    initialValues: initialValues(employee),
    schema,
    onSubmit: async (v) => {
      const all = toBody(v);
      if (!employee) {
        const body = Object.fromEntries(Object.entries(all).filter(([, x]) => x !== null && x !== undefined));
        const created = await unwrap(
          api.POST('/api/v1/hr/employees', { body: body as typeof all & { startDate: string } }),
        );
        await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.employees) });
        await queryClient.invalidateQueries({ queryKey: hrKeys.departmentTree });
        toast.success(`${created.firstName} ${created.lastName} is hired.`);
        await navigate({ to: `/hr/employees/${created.id}` });
        return;
      }
      // Send only what changed (and what this user may change): the API refuses other fields.
      const before: Record<string, unknown> = { ...employee, homeAddress: employee.homeAddress ?? null };
      const changes = Object.fromEntries(
        Object.entries(all).filter(
          ([k, x]) =>
            editable(k) &&
            x !== undefined &&
            !['effectiveDate', 'reason'].includes(k) &&
            JSON.stringify(x) !== JSON.stringify(before[k] ?? null),
        ),
      );
      const placementChanged = ['departmentId', 'positionId', 'managerId'].some((k) => k in changes);
      if (placementChanged) {
        if (all.effectiveDate) Object.assign(changes, { effectiveDate: all.effectiveDate });
        if (all.reason) Object.assign(changes, { reason: all.reason });
      }
      if (Object.keys(changes).length === 0) {
        toast.success('Nothing changed.');
        return;
      }
      const saved = await unwrap(
        api.PATCH('/api/v1/hr/employees/{id}', {
          params: { path: { id: employee.id } },
          body: { ...changes, version: employee.version },
        }),
      );
      queryClient.setQueryData(hrKeys.employee(employee.id), saved);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.employees) });
      toast.success('Saved.');
      await navigate({ to: `/hr/employees/${employee.id}` });
    },
  });

  const name = employee ? `${employee.firstName} ${employee.lastName}` : '';
  return (
    <>
      <PageHeader
        title={employee ? `Edit ${name}` : 'New employee'}
        description={
          mode === 'self'
            ? 'You can change your contact details; HR changes the rest.'
            : mode === 'manager'
              ? 'As their manager you can change their placement and work phone.'
              : undefined
        }
        actions={<Link to={employee ? `/hr/employees/${employee.id}` : '/hr/employees'}>Cancel</Link>}
      />
      <Form form={form} {...(reload ? { onReload: reload } : {})}>
        <div className="grid-2">
          <BasicSection form={form} employee={employee} editable={editable} />
          <PlacementSection form={form} employee={employee} editable={editable} />
          <PersonalSection form={form} editable={editable} />
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>{employee ? 'Save changes' : 'Create employee'}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
