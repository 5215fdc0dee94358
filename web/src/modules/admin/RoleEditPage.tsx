import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap, type Schema } from '../../api';
import {
  CheckboxField,
  Form,
  FormErrorBanner,
  PageHeader,
  QueryState,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
  type FormState,
} from '../../components';
import { adminKeys, usePermissionCatalog } from './queries';

type Role = Schema<'Role'>;

/** /admin/roles/new and /admin/roles/$name. */
export default function RoleEditPage() {
  const { name } = useParams({ strict: false }) as { name?: string };
  const role = useQuery({
    queryKey: adminKeys.role(name ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/auth/roles/{name}', { params: { path: { name: name! } } })),
    enabled: Boolean(name),
  });
  if (!name) return <RoleEditor />;
  return (
    <QueryState query={role} height="12em">
      {(r) => <RoleEditor key={r.version} role={r} reload={() => void role.refetch()} />}
    </QueryState>
  );
}

const schema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,48}$/, 'Lowercase letters, digits and "-", starting with a letter.'),
  description: z.string().max(500),
  permissions: z.array(z.string()),
  requireTwoFactor: z.boolean(),
});

function RoleEditor({ role, reload }: { role?: Role; reload?: () => void }) {
  const { can } = useAuth();
  const editable = can('auth:admin');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const form = useForm({
    initialValues: {
      name: role?.name ?? '',
      description: role?.description ?? '',
      permissions: role?.permissions ?? [],
      requireTwoFactor: role?.requireTwoFactor ?? false,
    },
    schema,
    onSubmit: async ({ name, description, permissions, requireTwoFactor }) => {
      const saved = role
        ? await unwrap(
            api.PATCH('/api/v1/auth/roles/{name}', {
              params: { path: { name: role.name } },
              body: { description, permissions, requireTwoFactor, version: role.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/auth/roles', { body: { name, description, permissions, requireTwoFactor } }));
      queryClient.setQueryData(adminKeys.role(saved.name), saved);
      await queryClient.invalidateQueries({ queryKey: adminKeys.roles });
      toast.success(role ? 'Role saved.' : `Role ${saved.name} created.`);
      if (!role) await navigate({ to: `/admin/roles/${saved.name}` });
    },
  });

  const remove = async () => {
    if (!role) return;
    const ok = await confirm({
      title: `Delete the role ${role.name}?`,
      message: 'Only a role that no user holds can be deleted. This cannot be undone.',
      confirmLabel: 'Delete role',
    });
    if (!ok) return;
    try {
      await unwrap(api.DELETE('/api/v1/auth/roles/{name}', { params: { path: { name: role.name } } }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.roles });
      toast.success(`Role ${role.name} deleted.`);
      await navigate({ to: '/admin/roles' });
    } catch (error) {
      setDeleteError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={role ? `Role ${role.name}` : 'New role'}
        actions={<Link to="/admin/roles">Back to roles</Link>}
      />
      <FormErrorBanner error={deleteError} />
      <div className="card">
        <Form form={form} {...(reload ? { onReload: reload } : {})}>
          {!role && <TextField form={form} name="name" label="Name" required hint="e.g. sales-lead" />}
          <TextareaField
            form={form}
            name="description"
            label="Description"
            rows={2}
            disabled={!editable || role?.builtin}
          />
          <CheckboxField
            form={form}
            name="requireTwoFactor"
            label="Require two-factor authentication"
            hint="Holders who have not enrolled must set up an authenticator app at their next sign-in, and cannot turn it off."
            disabled={!editable}
          />
          <PermissionPicker form={form} disabled={!editable} />
          {editable && (
            <div className="form-actions">
              <SubmitButton form={form}>{role ? 'Save role' : 'Create role'}</SubmitButton>
              {role && !role.builtin && (
                <button type="button" className="btn btn-danger" onClick={() => void remove()}>
                  Delete role
                </button>
              )}
            </div>
          )}
        </Form>
      </div>
    </>
  );
}

type RoleValues = { name: string; description: string; permissions: string[]; requireTwoFactor: boolean };

/** The catalog from /api/v1/auth/permissions, grouped by module, with "all of module" and "everything". */
function PermissionPicker({ form, disabled }: { form: FormState<RoleValues>; disabled: boolean }) {
  const catalog = usePermissionCatalog();
  return (
    <QueryState query={catalog} height="8em" retry={false}>
      {(c) => <PermissionGroups form={form} disabled={disabled} catalog={c.items} />}
    </QueryState>
  );
}

type CatalogItem = { permission: string; description: string };

/** The permission checkboxes, a group per module. */
function PermissionGroups({
  form,
  disabled,
  catalog,
}: {
  form: FormState<RoleValues>;
  disabled: boolean;
  catalog: CatalogItem[];
}) {
  const selected = form.values.permissions;
  const set = (permission: string, on: boolean) =>
    form.setValue('permissions', on ? [...selected, permission] : selected.filter((p) => p !== permission));
  const groups = new Map<string, CatalogItem[]>();
  for (const item of catalog) {
    const module = item.permission.split(':')[0] ?? item.permission;
    groups.set(module, [...(groups.get(module) ?? []), item]);
  }
  const everything = selected.includes('*');
  const box = (permission: string, label: string, description: string | undefined, off: boolean) => (
    <div key={permission} className="field-check">
      <input
        id={`perm-${permission}`}
        type="checkbox"
        checked={selected.includes(permission)}
        disabled={disabled || off || form.submitting}
        onChange={(e) => set(permission, e.target.checked)}
      />
      <label htmlFor={`perm-${permission}`}>
        {label} <code>{permission}</code>
        {description && <span className="muted"> — {description}</span>}
      </label>
    </div>
  );
  return (
    <fieldset className="field">
      <legend>Permissions</legend>
      {form.errors.permissions && <p className="field-error">{form.errors.permissions}</p>}
      {box('*', 'Everything', 'every permission of every module, now and later', false)}
      <div className="perm-groups">
        {[...groups].map(([module, items]) => {
          const all = selected.includes(`${module}:*`);
          return (
            <fieldset key={module} className="perm-group" disabled={everything}>
              <legend>{module}</legend>
              {box(`${module}:*`, 'All of', undefined, everything)}
              {items.map((i) => box(i.permission, '', i.description, everything || all))}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
