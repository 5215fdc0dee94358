import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap, type Schema } from '../../api';
import {
  CheckboxGroupField,
  DateText,
  Form,
  FormErrorBanner,
  listQueryKey,
  PageHeader,
  QueryState,
  SubmitButton,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
} from '../../components';
import { adminKeys, useRoles } from './queries';
import { UserTwoFactorCard } from './UserTwoFactorCard';

type User = Schema<'User'>;

export default function UserDetailPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const user = useQuery({
    queryKey: adminKeys.user(id),
    queryFn: () => unwrap(api.GET('/api/v1/auth/users/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={user} height="12em">
      {(u) => <UserDetail user={u} reload={() => void user.refetch()} />}
    </QueryState>
  );
}

function UserDetail({ user, reload }: { user: User; reload: () => void }) {
  const { can, user: me, reloadMe } = useAuth();
  const admin = can('auth:admin');
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [actionError, setActionError] = useState<unknown>(null);
  const [tempPassword, setTempPassword] = useState<string | null>(null);

  const saved = async (next: User, message: string) => {
    queryClient.setQueryData(adminKeys.user(next.id), next);
    await queryClient.invalidateQueries({ queryKey: listQueryKey(adminKeys.users) });
    if (next.id === me.id) await reloadMe();
    toast.success(message);
  };

  const setStatus = async (action: 'activate' | 'deactivate') => {
    const ok = await confirm(
      action === 'deactivate'
        ? {
            title: `Deactivate ${user.name}?`,
            message: 'They are signed out everywhere and cannot sign in until reactivated.',
            confirmLabel: 'Deactivate',
          }
        : {
            title: `Reactivate ${user.name}?`,
            message: 'They can sign in again.',
            confirmLabel: 'Reactivate',
            danger: false,
          },
    );
    if (!ok) return;
    setActionError(null);
    try {
      const next = await unwrap(
        api.POST(`/api/v1/auth/users/{id}/${action}`, {
          params: { path: { id: user.id } },
          body: { version: user.version },
        }),
      );
      await saved(next, action === 'deactivate' ? `${user.name} is deactivated.` : `${user.name} is active again.`);
    } catch (error) {
      setActionError(error);
    }
  };

  const resetPassword = async () => {
    const ok = await confirm({
      title: `Reset ${user.name}’s password?`,
      message: 'A temporary password replaces theirs; they are signed out and must choose a new one at sign-in.',
      confirmLabel: 'Reset password',
    });
    if (!ok) return;
    setActionError(null);
    try {
      const result = await unwrap(
        api.POST('/api/v1/auth/users/{id}/reset-password', {
          params: { path: { id: user.id } },
          body: { version: user.version },
        }),
      );
      setTempPassword(result.temporaryPassword);
      await saved(result.user, 'Password reset.');
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={user.name}
        description={
          <>
            {user.email} · <span className={`badge badge-${user.status}`}>{user.status}</span> · last sign-in{' '}
            <DateText value={user.lastLoginAt} withTime />
          </>
        }
        actions={<Link to="/admin/users">Back to users</Link>}
      />
      <FormErrorBanner error={actionError} onReload={reload} />
      {tempPassword && (
        <div className="banner banner-info" role="status">
          Temporary password (shown once): <code className="secret">{tempPassword}</code>
        </div>
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="details-h">
          <h2 id="details-h">Details</h2>
          <DetailsForm key={`d${user.version}`} user={user} disabled={!admin} onSaved={saved} reload={reload} />
        </section>
        <section className="card" aria-labelledby="roles-h">
          <h2 id="roles-h">Roles</h2>
          <RolesForm key={`r${user.version}`} user={user} disabled={!admin} onSaved={saved} reload={reload} />
        </section>
      </div>
      {admin && (
        <section className="card" aria-labelledby="actions-h">
          <h2 id="actions-h">Account</h2>
          <div className="form-actions">
            {user.status === 'active' ? (
              <button type="button" className="btn btn-danger" onClick={() => void setStatus('deactivate')}>
                Deactivate
              </button>
            ) : (
              <button type="button" className="btn" onClick={() => void setStatus('activate')}>
                Reactivate
              </button>
            )}
            <button type="button" className="btn" onClick={() => void resetPassword()}>
              Reset password
            </button>
          </div>
        </section>
      )}
      <UserTwoFactorCard user={user} onReset={saved} reload={reload} />
    </>
  );
}

interface SubFormProps {
  user: User;
  disabled: boolean;
  onSaved: (user: User, message: string) => Promise<void>;
  reload: () => void;
}

const detailsSchema = z.object({
  email: z.string().trim().email('Not a valid email address.'),
  name: z.string().trim().min(1, 'Required.'),
});

function DetailsForm({ user, disabled, onSaved, reload }: SubFormProps) {
  const form = useForm({
    initialValues: { email: user.email, name: user.name },
    schema: detailsSchema,
    onSubmit: async (body) => {
      const next = await unwrap(
        api.PATCH('/api/v1/auth/users/{id}', {
          params: { path: { id: user.id } },
          body: { ...body, version: user.version },
        }),
      );
      await onSaved(next, 'Saved.');
    },
  });
  return (
    <Form form={form} onReload={reload}>
      <TextField form={form} name="name" label="Name" required disabled={disabled} />
      <TextField form={form} name="email" label="Email" type="email" required disabled={disabled} />
      {!disabled && (
        <div className="form-actions">
          <SubmitButton form={form}>Save details</SubmitButton>
        </div>
      )}
    </Form>
  );
}

function RolesForm({ user, disabled, onSaved, reload }: SubFormProps) {
  const roles = useRoles();
  const form = useForm({
    initialValues: { roles: user.roles },
    onSubmit: async ({ roles: next }) => {
      const updated = await unwrap(
        api.PUT('/api/v1/auth/users/{id}/roles', {
          params: { path: { id: user.id } },
          body: { roles: next, version: user.version },
        }),
      );
      await onSaved(updated, 'Roles saved.');
    },
  });
  return (
    <Form form={form} onReload={reload}>
      <CheckboxGroupField
        form={form}
        name="roles"
        label="Roles of this user"
        disabled={disabled}
        options={(roles.data?.items ?? []).map((r) => ({ value: r.name, label: r.name, description: r.description }))}
      />
      {!disabled && (
        <div className="form-actions">
          <SubmitButton form={form}>Save roles</SubmitButton>
        </div>
      )}
    </Form>
  );
}
