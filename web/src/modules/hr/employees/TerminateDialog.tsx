import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import { DateField, Dialog, Form, listQueryKey, TextareaField, useForm, useToast } from '../../../components';
import { hrKeys, todayIso, type EmployeeFull } from '../queries';
import { PickerField, searchEmployees } from '../ui';

const terminateSchema = z.object({
  endDate: z.string().min(1, 'Required.'),
  reason: z.string().trim().min(1, 'Required.').max(500),
  reassignTo: z.string(),
});

/** Ends an employee's employment (hr:admin); their direct reports move to another manager. */
export function TerminateDialog({ employee, onClose }: { employee: EmployeeFull; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const reports = useQuery({
    queryKey: ['hr', 'direct-reports-count', employee.id],
    queryFn: () => unwrap(api.GET('/api/v1/hr/employees', { params: { query: { managerId: employee.id, limit: 1 } } })),
  });
  const hasReports = (reports.data?.items.length ?? 0) > 0;
  const form = useForm({
    initialValues: { endDate: todayIso(), reason: '', reassignTo: employee.managerId ?? '' },
    schema: terminateSchema,
    validate: (v): Record<string, string> =>
      hasReports && !v.reassignTo ? { reassignTo: 'Choose who their reports report to now.' } : {},
    onSubmit: async ({ reassignTo, ...rest }) => {
      const next = await unwrap(
        api.POST('/api/v1/hr/employees/{id}/terminate', {
          params: { path: { id: employee.id } },
          body: { ...rest, version: employee.version, ...(reassignTo ? { reassignTo } : {}) },
        }),
      );
      queryClient.setQueryData(hrKeys.employee(employee.id), next);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.employees) });
      toast.success(`${employee.firstName} ${employee.lastName} is terminated.`);
      onClose();
    },
  });
  return (
    <Dialog open title={`Terminate ${employee.firstName} ${employee.lastName}?`} onClose={onClose}>
      <Form form={form} onReload={() => void queryClient.invalidateQueries({ queryKey: hrKeys.employee(employee.id) })}>
        <p>
          Their employment ends on the date below. This cannot be undone here
          {hasReports ? '; their direct reports move to the manager you choose.' : '.'}
        </p>
        <DateField form={form} name="endDate" label="Last day" required />
        <TextareaField form={form} name="reason" label="Reason" required rows={2} />
        {hasReports && (
          <PickerField
            form={form}
            name="reassignTo"
            label="Their reports now report to"
            queryKey={`reassign-${employee.id}`}
            search={(q) => searchEmployees(q, employee.id)}
            current={employee.managerId ? { value: employee.managerId, label: employee.managerName ?? '' } : null}
          />
        )}
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={form.submitting}>
            {form.submitting ? 'Terminating…' : 'Terminate'}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
