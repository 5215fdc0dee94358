import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { z } from 'zod';
import { api, ProblemError, unwrap } from '../../../api';
import {
  CheckboxField,
  ConflictNotice,
  Dialog,
  EmptyState,
  ErrorState,
  Form,
  PageHeader,
  SelectField,
  Skeleton,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
} from '../../../components';
import { financeKeys, useAccounts, type Account } from '../queries';
import '../finance.css';

const TYPES = [
  { value: 'asset', label: 'Asset' },
  { value: 'liability', label: 'Liability' },
  { value: 'equity', label: 'Equity' },
  { value: 'income', label: 'Income' },
  { value: 'expense', label: 'Expense' },
] as const;
type AccountType = (typeof TYPES)[number]['value'];

/** The chart of accounts as an indented tree (code order), with create, edit, deactivate and delete. */
export default function AccountsPage() {
  const { can } = useAuth();
  const admin = can('finance:admin');
  const [q, setQ] = useState('');
  const [type, setType] = useState('');
  const [active, setActive] = useState('true');
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [conflict, setConflict] = useState<ProblemError | null>(null);
  const ids = { q: useId(), type: useId(), active: useId() };
  const all = useAccounts();
  const query = {
    q: q.trim() || undefined,
    type: (type || undefined) as AccountType | undefined,
    active: (active || undefined) as 'true' | 'false' | undefined,
  };
  const list = useQuery({
    queryKey: [...financeKeys.accounts, query],
    queryFn: () => unwrap(api.GET('/api/v1/finance/accounts', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const byId = new Map((all.data?.items ?? []).map((a) => [a.id, a]));
  const depth = (a: Account) => {
    let d = 0;
    for (let p = a.parentId; p && d < 10; p = byId.get(p)?.parentId ?? null) d++;
    return d;
  };

  return (
    <>
      <PageHeader
        title="Chart of accounts"
        description="Group accounts collect postable accounts of the same type; deactivated accounts take no new postings."
        actions={
          admin && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New account
            </button>
          )
        }
      />
      <div className="toolbar" role="search" aria-label="Filter accounts">
        <div className="filter">
          <label htmlFor={ids.q}>Search</label>
          <input id={ids.q} type="search" value={q} placeholder="Code or name" onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor={ids.type}>Type</label>
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All</option>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={ids.active}>Status</label>
          <select id={ids.active} value={active} onChange={(e) => setActive(e.target.value)}>
            <option value="">All</option>
            <option value="true">Active</option>
            <option value="false">Deactivated</option>
          </select>
        </div>
      </div>
      <ConflictNotice
        error={conflict}
        onReload={() => {
          setConflict(null);
          void all.refetch();
          void list.refetch();
        }}
      />
      {list.isPending ? (
        <Skeleton height="16em" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No accounts match these filters" />
      ) : (
        <div className="table-scroll card">
          <table aria-label="Accounts" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                {admin && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <AccountRow
                  key={a.id}
                  account={a}
                  depth={depth(a)}
                  admin={admin}
                  onEdit={() => {
                    setConflict(null);
                    setEditing(a);
                  }}
                  onConflict={setConflict}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New account' : `Edit account ${editing?.code ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <AccountForm
            key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
            account={editing === 'new' ? null : editing}
            accounts={all.data?.items ?? []}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
    </>
  );
}

function AccountRow({
  account: a,
  depth,
  admin,
  onEdit,
  onConflict,
}: {
  account: Account;
  depth: number;
  admin: boolean;
  onEdit: () => void;
  /** A 409 (changed by someone else, or refused by the books): shown above the table, with "reload". */
  onConflict: (error: ProblemError | null) => void;
}) {
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async (action: 'deactivate' | 'activate') => {
    const ok = await confirm(
      action === 'deactivate'
        ? {
            title: `Deactivate ${a.code} ${a.name}?`,
            message: 'Nothing new can be posted to it; its history and balances stay in the reports.',
            confirmLabel: 'Deactivate',
          }
        : {
            title: `Reactivate ${a.code} ${a.name}?`,
            message: 'It takes postings again.',
            confirmLabel: 'Reactivate',
            danger: false,
          },
    );
    if (!ok) return;
    setBusy(true);
    onConflict(null);
    try {
      await unwrap(
        api.POST(`/api/v1/finance/accounts/{id}/${action}`, {
          params: { path: { id: a.id } },
          body: { version: a.version },
        }),
      );
      toast.success(action === 'activate' ? `${a.code} is active again.` : `${a.code} is deactivated.`);
      await queryClient.invalidateQueries({ queryKey: financeKeys.accounts });
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409) onConflict(error);
      else toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr className={a.active ? undefined : 'fin-inactive'}>
      <td>{a.code}</td>
      <td>
        <span className="fin-tree-name" style={{ paddingLeft: `${depth * 1.25}rem` }}>
          {a.isGroup ? <strong>{a.name}</strong> : a.name}
        </span>
        {a.isGroup && <span className="badge"> group</span>}
      </td>
      <td>{a.type}</td>
      <td className="muted">{a.roles.join(', ')}</td>
      <td>
        <span className={a.active ? 'badge badge-active' : 'badge badge-inactive'}>
          {a.active ? 'Active' : 'Deactivated'}
        </span>
      </td>
      {admin && (
        <td className="fin-actions-cell">
          <button type="button" className="btn" onClick={onEdit} aria-label={`Edit ${a.code} ${a.name}`}>
            Edit
          </button>
          {a.active ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void run('deactivate')}
              aria-label={`Deactivate ${a.code} ${a.name}`}
            >
              Deactivate
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void run('activate')}
              aria-label={`Reactivate ${a.code} ${a.name}`}
            >
              Reactivate
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

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

function AccountForm({
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
