import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateText,
  EmptyState,
  FormErrorBanner,
  listQueryKey,
  Money,
  PageHeader,
  QueryState,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { financeKeys, KINDS, StatusBadge, useOpenDocuments, type DocumentKind, type Party } from '../queries';
import { StatementSection } from '../printing/StatementSection';
import { PartyFiscalPosition } from './PartyFiscalPosition';
import { PartyForm } from './PartyForm';
import '../finance.css';

export default function PartyPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const party = useQuery({
    queryKey: ['finance', 'party', id],
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={party} height="12em">
      {(p) => <PartyView key={p.version} party={p} reload={() => void party.refetch()} />}
    </QueryState>
  );
}

function PartyView({ party, reload }: { party: Party; reload: () => void }) {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const customer = party.kind !== 'vendor';
  const vendor = party.kind !== 'customer';

  const setActive = async (active: boolean) => {
    const ok = await confirm(
      active
        ? {
            title: `Reactivate ${party.name}?`,
            message: 'New documents can be made out to them again.',
            confirmLabel: 'Reactivate',
            danger: false,
          }
        : {
            title: `Deactivate ${party.name}?`,
            message: 'No new documents or payments can use them; their history stays.',
            confirmLabel: 'Deactivate',
          },
    );
    if (!ok) return;
    setError(null);
    try {
      const saved = await unwrap(
        api.PATCH('/api/v1/finance/parties/{id}', {
          params: { path: { id: party.id } },
          body: { active, version: party.version },
        }),
      );
      queryClient.setQueryData(['finance', 'party', party.id], saved);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.parties) });
      await queryClient.invalidateQueries({ queryKey: ['finance', 'parties'] });
      toast.success(active ? `${party.name} is active again.` : `${party.name} is deactivated.`);
    } catch (e) {
      setError(e);
    }
  };
  const remove = async () => {
    const ok = await confirm({
      title: `Delete ${party.name}?`,
      message: 'Only a party without documents or payments can be deleted. This cannot be undone.',
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    setError(null);
    try {
      await unwrap(api.DELETE('/api/v1/finance/parties/{id}', { params: { path: { id: party.id } } }));
      await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.parties) });
      toast.success(`${party.name} deleted.`);
      void navigate({ to: '/finance/parties' });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={party.name}
        description={
          <>
            {party.kind === 'both' ? 'Customer and vendor' : party.kind === 'customer' ? 'Customer' : 'Vendor'} ·{' '}
            <span className={party.active ? 'badge badge-active' : 'badge badge-inactive'}>
              {party.active ? 'Active' : 'Inactive'}
            </span>
          </>
        }
        actions={
          <>
            {customer && can('finance:write') && party.active && (
              <Link to="/finance/invoices/new" search={{ partyId: party.id }} className="btn">
                New invoice
              </Link>
            )}
            {vendor && can('finance:write') && party.active && (
              <Link to="/finance/bills/new" search={{ partyId: party.id }} className="btn">
                New bill
              </Link>
            )}
            <Link to="/finance/parties">Back to customers & vendors</Link>
          </>
        }
      />
      <FormErrorBanner error={error} onReload={reload} />
      <div className="grid-2">
        <section className="card" aria-labelledby="party-details-h">
          <h2 id="party-details-h">Details</h2>
          {can('finance:write') ? (
            <PartyForm party={party} onDone={() => reload()} />
          ) : (
            <dl className="fin-dl">
              <dt>Email</dt>
              <dd>{party.email ?? '—'}</dd>
              <dt>Tax id</dt>
              <dd>{party.taxId ?? '—'}</dd>
              <dt>Currency</dt>
              <dd>{party.currency ?? 'base currency'}</dd>
              <dt>Payment terms</dt>
              <dd>{party.paymentTermsDays} days</dd>
            </dl>
          )}
          <PartyFiscalPosition partyId={party.id} version={party.version} onSaved={reload} />
          {can('finance:write') && (
            <div className="form-actions">
              {party.active ? (
                <button type="button" className="btn btn-danger" onClick={() => void setActive(false)}>
                  Deactivate
                </button>
              ) : (
                <button type="button" className="btn" onClick={() => void setActive(true)}>
                  Reactivate
                </button>
              )}
              <button type="button" className="btn btn-danger" onClick={() => void remove()}>
                Delete
              </button>
            </div>
          )}
        </section>
        <div>
          {customer && <OpenDocuments kind="invoice" partyId={party.id} />}
          {vendor && <OpenDocuments kind="bill" partyId={party.id} />}
        </div>
      </div>
      {customer && <StatementSection party={party} />}
    </>
  );
}

function OpenDocuments({ kind, partyId }: { kind: DocumentKind; partyId: string }) {
  const docs = useOpenDocuments(kind, partyId);
  const k = KINDS[kind];
  return (
    <section className="card" aria-labelledby={`open-${kind}-h`}>
      <h2 id={`open-${kind}-h`}>Open {k.plural.toLowerCase()}</h2>
      <QueryState query={docs} height="4em">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={`No open ${k.plural.toLowerCase()}`} />
          ) : (
            <table aria-label={`Open ${k.plural.toLowerCase()}`}>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Open
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link to={`/finance/${k.path}/${d.id}`}>{d.number}</Link>
                    </td>
                    <td>
                      <DateText value={d.dueDate} />
                    </td>
                    <td>
                      <StatusBadge status={d.status} overdue={d.overdue} />
                    </td>
                    <td className="num">
                      <Money amount={d.open} currency={d.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
