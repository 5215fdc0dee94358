import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, errorMessage, unwrap } from '../../../api';
import { Money, QueryState } from '../../../components';
import { pKeys, type Project } from '../queries';

/** "Invoice approved time": a period of approved billable time becomes a draft invoice in Finance. */
export function InvoicePanel({ project: p }: { project: Project }) {
  const uid = useId();
  const queryClient = useQueryClient();
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(p.startDate ?? `${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const invoices = useQuery({
    queryKey: pKeys.invoices(p.id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}/invoices', { params: { path: { id: p.id } } })),
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/projects/projects/{id}/invoices', { params: { path: { id: p.id } }, body: { from, to } }),
      ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: pKeys.invoices(p.id) });
      await queryClient.invalidateQueries({ queryKey: pKeys.budget(p.id) });
    },
  });
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Invoicing</h2>
      <div className="toolbar" role="group" aria-label="Invoice period">
        <div className="filter">
          <label htmlFor={`${uid}-from`}>From</label>
          <input id={`${uid}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor={`${uid}-to`}>To</label>
          <input id={`${uid}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <button type="button" className="btn btn-primary" disabled={create.isPending} onClick={() => create.mutate()}>
          Invoice approved time
        </button>
      </div>
      {create.error && (
        <p className="banner banner-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      {create.data && (
        <p className="banner banner-info" role="status">
          Draft invoice created for {create.data.hours} h:{' '}
          <Money amount={create.data.amount} currency={create.data.currency} />.{' '}
          <Link to={`/finance/invoices/${create.data.documentId}`}>Open the draft invoice in Finance</Link>
        </p>
      )}
      <QueryState query={invoices}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="muted">No time invoiced yet.</p>
          ) : (
            <ul aria-label="Invoiced periods">
              {list.items.map((i) => (
                <li key={i.id}>
                  {i.from} – {i.to}: {i.hours} h, <Money amount={i.amount} currency={i.currency} />{' '}
                  <Link to={`/finance/invoices/${i.documentId}`}>Invoice</Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
