import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import {
  CheckboxGroupField,
  Form,
  listQueryKey,
  PageHeader,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../components';
import { adminKeys, useRoles } from './queries';

const schema = z.object({
  email: z.string().trim().email('Not a valid email address.'),
  name: z.string().trim().min(1, 'Required.'),
  password: z.string().refine((p) => p === '' || p.length >= 12, 'Use at least 12 characters, or leave it empty.'),
  roles: z.array(z.string()),
});

export default function UserCreatePage() {
  const roles = useRoles();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [created, setCreated] = useState<{ id: string; email: string; temporaryPassword: string } | null>(null);
  const form = useForm({
    initialValues: { email: '', name: '', password: '', roles: ['employee'] as string[] },
    schema,
    onSubmit: async ({ password, ...rest }) => {
      const user = await unwrap(
        api.POST('/api/v1/auth/users', { body: { ...rest, ...(password ? { password } : {}) } }),
      );
      await queryClient.invalidateQueries({ queryKey: listQueryKey(adminKeys.users) });
      toast.success(`Created ${user.email}.`);
      if (user.temporaryPassword)
        setCreated({ id: user.id, email: user.email, temporaryPassword: user.temporaryPassword });
      else await navigate({ to: `/admin/users/${user.id}` });
    },
  });

  if (created)
    return (
      <>
        <PageHeader title="User created" />
        <div className="card">
          <p>
            Give <strong>{created.email}</strong> this temporary password (it is shown only now; they choose their own
            at first sign-in):
          </p>
          <p>
            <code className="secret">{created.temporaryPassword}</code>
          </p>
          <Link to={`/admin/users/${created.id}`} className="btn btn-primary">
            Open the user
          </Link>
        </div>
      </>
    );

  return (
    <>
      <PageHeader title="New user" actions={<Link to="/admin/users">Back to users</Link>} />
      <div className="card">
        <Form form={form}>
          <TextField form={form} name="email" label="Email" type="email" autoComplete="off" required />
          <TextField form={form} name="name" label="Name" required />
          <TextField
            form={form}
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="Leave empty to generate a temporary password."
          />
          <CheckboxGroupField
            form={form}
            name="roles"
            label="Roles"
            options={(roles.data?.items ?? []).map((r) => ({
              value: r.name,
              label: r.name,
              description: r.description,
            }))}
          />
          <div className="form-actions">
            <SubmitButton form={form} busyLabel="Creating…">
              Create user
            </SubmitButton>
          </div>
        </Form>
      </div>
    </>
  );
}
