import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap, type ProblemError } from '../../../api';
import { ConflictNotice, Dialog, EmptyState, PageHeader, QueryState, useAuth } from '../../../components';
import { financeKeys, useAccounts, type Account } from '../queries';
import '../finance.css';
import { AccountForm } from './AccountForm';
import { AccountRow } from './AccountRow';
import { TYPES, type AccountType } from './accountTypes';

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
      <QueryState query={list} height="16em">
        {(accounts) =>
          accounts.items.length === 0 ? (
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
                  {accounts.items.map((a) => (
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
          )
        }
      </QueryState>
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
