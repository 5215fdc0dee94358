import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, ProblemError, unwrap } from '../../../api';
import {
  CheckboxField,
  ConflictNotice,
  Form,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useConfirm,
  useForm,
  useToast,
} from '../../../components';
import { financeKeys, type Account } from '../queries';
import { TYPES, type AccountType } from './accountTypes';

const schema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, 'Letters, digits, "." and "-", up to 20 characters.'),
  name: z.string().trim().min(1, 'Required.').max(200),
  type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
  parentId: z.string(),
  isGroup: z.boolean(),
  description: z.string().max(2000, 'At most 2000 characters.'),
});

/** A new account (`account` null) or an existing one (its type stays): save, or delete an unused one. */
export function AccountForm({
  account,
  accounts,
  onDone,
}: {
  account: Account | null;
  accounts: Account[];
  onDone: () => void;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      code: account?.code ?? '',
      name: account?.name ?? '',
      type: (account?.type ?? 'asset') as AccountType,
      parentId: account?.parentId ?? '',
      isGroup: account?.isGroup ?? false,
      description: account?.description ?? '',
    },
    schema,
    onSubmit: async (v) => {
      if (account) {
        await unwrap(
          api.PATCH('/api/v1/finance/accounts/{id}', {
            params: { path: { id: account.id } },
            body: {
              version: account.version,
              code: v.code,
              name: v.name,
              parentId: v.parentId || null,
              description: v.description,
            },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/v1/finance/accounts', {
            body: {
              code: v.code,
              name: v.name,
              type: v.type,
              isGroup: v.isGroup,
              description: v.description,
              ...(v.parentId ? { parentId: v.parentId } : {}),
            },
          }),
        );
      }
      await queryClient.invalidateQueries({ queryKey: financeKeys.accounts });
      toast.success(account ? 'Account saved.' : 'Account created.');
      onDone();
    },
  });
  const confirm = useConfirm();
  const [deleteError, setDeleteError] = useState<ProblemError | null>(null);
  const remove = async () => {
    if (!account) return;
    const ok = await confirm({
      title: `Delete ${account.code} ${account.name}?`,
      message: 'Only an account that was never used can be deleted (deactivate it otherwise). This cannot be undone.',
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    setDeleteError(null);
    try {
      await unwrap(api.DELETE('/api/v1/finance/accounts/{id}', { params: { path: { id: account.id } } }));
      await queryClient.invalidateQueries({ queryKey: financeKeys.accounts });
      toast.success(`${account.code} deleted.`);
      onDone();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409) setDeleteError(error);
      else toast.error(error);
    }
  };
  const reloadAndClose = async () => {
    await queryClient.invalidateQueries({ queryKey: financeKeys.accounts });
    onDone();
  };
  const parents = accounts
    .filter((a) => a.isGroup && a.type === form.values.type && a.id !== account?.id)
    .map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }));
  return (
    <Form form={form} onReload={() => void reloadAndClose()}>
      <ConflictNotice error={deleteError} onReload={() => void reloadAndClose()} />
      <TextField form={form} name="code" label="Code" required autoFocus />
      <TextField form={form} name="name" label="Name" required />
      <SelectField
        form={form}
        name="type"
        label="Type"
        options={[...TYPES]}
        disabled={account !== null}
        hint={account ? 'The type of an existing account cannot change.' : undefined}
      />
      <SelectField
        form={form}
        name="parentId"
        label="Parent group"
        options={parents}
        placeholder="(none — top level)"
      />
      {!account && (
        <CheckboxField form={form} name="isGroup" label="Group account (collects other accounts, takes no postings)" />
      )}
      <TextareaField form={form} name="description" label="Description" rows={3} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <SubmitButton form={form}>{account ? 'Save account' : 'Create account'}</SubmitButton>
        {account && (
          <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={form.submitting}>
            Delete account
          </button>
        )}
      </div>
    </Form>
  );
}
