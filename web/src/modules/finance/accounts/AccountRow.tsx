import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import { useConfirm, useToast } from '../../../components';
import { financeKeys, type Account } from '../queries';

/** An account in the chart: code, indented name, type, roles, status; admins edit, deactivate or reactivate it. */
export function AccountRow({
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
