import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  Dialog,
  Form,
  FormErrorBanner,
  QueryState,
  SelectField,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { departmentOptions, useDepartmentTree, type Department } from '../queries';
import { PickerField, searchEmployees } from '../ui';
import { codeRule, useConfirmedDelete, useOrgSaved } from './orgDialogs';

/** The department to edit (`id`), or a new one (under `parentId`, or at the top). */
export type DepartmentTarget = { id?: string; parentId?: string };

const departmentSchema = z.object({
  name: z.string().trim().min(1, 'Required.').max(200),
  code: codeRule,
  parentId: z.string(),
  headEmployeeId: z.string(),
});

/** New or edit department: loads the department first when editing. */
export function DepartmentDialog({ target, onClose }: { target: DepartmentTarget; onClose: () => void }) {
  const tree = useDepartmentTree();
  const department = useQuery({
    queryKey: ['hr', 'department', target.id ?? '-'],
    enabled: Boolean(target.id),
    queryFn: () => unwrap(api.GET('/api/v1/hr/departments/{id}', { params: { path: { id: target.id! } } })),
  });
  const form = (d: Department | null) => (
    <DepartmentForm
      key={d?.version ?? 0}
      department={d}
      parentId={target.parentId}
      options={departmentOptions(tree.data?.items ?? []).filter((o) => o.value !== target.id)}
      onClose={onClose}
      reload={() => void department.refetch()}
    />
  );
  return (
    <Dialog open title={target.id ? 'Edit department' : 'New department'} onClose={onClose}>
      {target.id ? (
        <QueryState query={department} height="8em">
          {(d) => form(d)}
        </QueryState>
      ) : (
        form(null)
      )}
    </Dialog>
  );
}

function DepartmentForm({
  department,
  parentId,
  options,
  onClose,
  reload,
}: {
  department: Department | null;
  parentId: string | undefined;
  options: { value: string; label: string }[];
  onClose: () => void;
  reload: () => void;
}) {
  const toast = useToast();
  const saved = useOrgSaved();
  const form = useForm({
    initialValues: {
      name: department?.name ?? '',
      code: department?.code ?? '',
      parentId: department?.parentId ?? parentId ?? '',
      headEmployeeId: department?.headEmployeeId ?? '',
    },
    schema: departmentSchema,
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        code: v.code || null,
        parentId: v.parentId || null,
        headEmployeeId: v.headEmployeeId || null,
      };
      if (department)
        await unwrap(
          api.PATCH('/api/v1/hr/departments/{id}', {
            params: { path: { id: department.id } },
            body: { ...body, version: department.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/hr/departments', { body }));
      await saved();
      toast.success(department ? 'Department saved.' : `Department ${v.name} created.`);
      onClose();
    },
  });
  const remove = useConfirmedDelete(
    department && {
      title: `Delete ${department.name}?`,
      message: 'Only a department nobody uses can be deleted (no people, positions or sub-departments).',
      remove: () =>
        unwrap(
          api.DELETE('/api/v1/hr/departments/{id}', {
            params: { path: { id: department.id }, query: { version: department.version } },
          }),
        ),
      deleted: 'Department deleted.',
      after: onClose,
    },
  );
  return (
    <Form form={form} onReload={reload}>
      <FormErrorBanner error={remove.error} onReload={reload} />
      <TextField form={form} name="name" label="Name" required />
      <TextField form={form} name="code" label="Code" />
      <SelectField
        form={form}
        name="parentId"
        label="Parent department"
        placeholder="— Top level —"
        options={options}
      />
      <PickerField
        form={form}
        name="headEmployeeId"
        label="Head"
        queryKey="dept-head"
        search={(q) => searchEmployees(q)}
        current={
          department?.headEmployeeId ? { value: department.headEmployeeId, label: department.headName ?? '' } : null
        }
      />
      <div className="dialog-footer">
        {department && (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()}>
            Delete
          </button>
        )}
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Form>
  );
}
