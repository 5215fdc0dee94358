import { api, unwrap } from '../api/client';
import { useAuth } from '../auth/auth';
import { Dialog } from '../components/Dialog';
import { Form, SubmitButton, useForm } from '../components/form';
import { TextField } from '../components/textFields';
import { useToast } from '../components/toast';

/** Change your own password (the API signs out your other sessions). */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const toast = useToast();
  const { reloadMe } = useAuth();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: (v) => ({
      ...(v.currentPassword ? {} : { currentPassword: 'Required.' }),
      ...(v.newPassword.length >= 12 ? {} : { newPassword: 'Use at least 12 characters.' }),
      ...(v.repeat === v.newPassword ? {} : { repeat: 'The passwords differ.' }),
    }),
    onSubmit: async ({ currentPassword, newPassword }) => {
      await unwrap(api.POST('/api/v1/auth/me/password', { body: { currentPassword, newPassword } }));
      toast.success('Password changed.');
      // The profile says whether the password is still a temporary one: read it again (the banner goes).
      await reloadMe();
      form.reset();
      onClose();
    },
  });
  return (
    <Dialog open={open} title="Change password" onClose={onClose}>
      <Form form={form}>
        <TextField
          form={form}
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
        />
        <TextField
          form={form}
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          required
        />
        <TextField
          form={form}
          name="repeat"
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          required
        />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton form={form}>Change password</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
