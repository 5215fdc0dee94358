import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateText,
  FormErrorBanner,
  listQueryKey,
  Money,
  PageHeader,
  QueryState,
  Skeleton,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { compareDecimals, isDecimal, isZero, minorUnits, sumDecimals, today } from '../decimal';
import { financeKeys, StatusBadge, useOpenDocuments, type Payment } from '../queries';
import { RefundButton } from '../refunds/RefundDialog';
import { RefundSettles } from '../refunds/RefundSettles';
import { AllocationRow } from './AllocationRow';
import '../finance.css';

export default function PaymentPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const payment = useQuery({
    queryKey: financeKeys.payment(id),
    queryFn: () => unwrap(api.GET('/api/v1/finance/payments/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={payment} height="12em">
      {(p) => <PaymentView key={p.version} payment={p} reload={() => void payment.refetch()} />}
    </QueryState>
  );
}

function PaymentView({ payment: p, reload }: { payment: Payment; reload: () => void }) {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const docPath = p.direction === 'received' ? 'invoices' : 'bills';

  const refresh = async (next?: Payment) => {
    if (next) queryClient.setQueryData(financeKeys.payment(p.id), next);
    await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.payments) });
    await queryClient.invalidateQueries({ queryKey: ['finance', 'open'] });
    await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
  };

  const voidPayment = async () => {
    const ok = await confirm({
      title: `Void payment ${p.number}?`,
      message:
        p.kind === 'refund'
          ? 'Its journal entry is reversed and what it refunded is open again. This cannot be undone.'
          : 'Its journal entry is reversed. Only a payment with nothing allocated can be voided: unallocate it from its documents first. This cannot be undone.',
      confirmLabel: 'Void payment',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      if (p.kind === 'refund') {
        await unwrap(api.POST('/api/v1/finance/refunds/{id}/void', { params: { path: { id: p.id } }, body: {} }));
        reload();
        await refresh();
      } else
        await refresh(
          await unwrap(api.POST('/api/v1/finance/payments/{id}/void', { params: { path: { id: p.id } }, body: {} })),
        );
      toast.success(`Payment ${p.number} voided.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={`${p.kind === 'refund' ? 'Refund' : 'Payment'} ${p.number}`}
        description={
          <>
            <StatusBadge status={p.status} /> · {p.direction === 'received' ? 'received from' : 'made to'}{' '}
            <Link to={`/finance/parties/${p.partyId}`}>{p.partyName}</Link> · <DateText value={p.date} />
          </>
        }
        actions={<Link to="/finance/payments">Back to payments</Link>}
      />
      <FormErrorBanner error={error} onReload={reload} />
      <section className="card" aria-labelledby="pay-h">
        <h2 id="pay-h">Allocations</h2>
        <section className="fin-totals" aria-label="Payment totals">
          <dl>
            <div>
              <dt>Amount</dt>
              <dd>
                <Money amount={p.amount} currency={p.currency} />
              </dd>
            </div>
            <div>
              <dt>Allocated</dt>
              <dd>
                <Money amount={p.allocated} currency={p.currency} />
              </dd>
            </div>
            <div className="fin-grand">
              <dt>Unallocated</dt>
              <dd>
                <Money amount={p.unallocated} currency={p.currency} />
              </dd>
            </div>
          </dl>
        </section>
        {p.kind === 'refund' ? (
          <RefundSettles id={p.id} currency={p.currency} version={p.version} />
        ) : p.allocations.length === 0 ? (
          <p className="muted">Not allocated to any document.</p>
        ) : (
          <table aria-label="Allocated documents">
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Date</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {p.allocations.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={a.refundId ? `/finance/payments/${a.refundId}` : `/finance/${docPath}/${a.documentId}`}>
                      {a.refundId ? `Refund ${a.documentNumber}` : (a.documentNumber ?? 'Document')}
                    </Link>
                  </td>
                  <td>
                    <DateText value={a.date} />
                  </td>
                  <td className="num">
                    <Money amount={a.amount} currency={p.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="form-actions">
          <Link to={`/finance/journal/${p.journalEntryId}`}>Journal entry</Link>
          {p.voidEntryId && <Link to={`/finance/journal/${p.voidEntryId}`}>Void entry</Link>}
          {p.status === 'posted' && p.kind === 'payment' && !isZero(p.unallocated) && can('finance:approve') && (
            <RefundButton
              source={{
                paymentId: p.id,
                number: p.number,
                side: p.direction === 'received' ? 'customer' : 'vendor',
                currency: p.currency,
                available: p.unallocated,
              }}
              onDone={async () => {
                reload();
                await refresh();
              }}
            />
          )}
          {p.status === 'posted' && (isZero(p.allocated) || p.kind === 'refund') && can('finance:approve') && (
            <button type="button" className="btn btn-danger" onClick={() => void voidPayment()} disabled={busy}>
              Void payment
            </button>
          )}
        </div>
      </section>
      {p.status === 'posted' && !isZero(p.unallocated) && can('finance:approve') && (
        <AllocateRemainder payment={p} onDone={refresh} />
      )}
    </>
  );
}

/** Allocates what is left of a payment to the party's open documents. */
function AllocateRemainder({ payment: p, onDone }: { payment: Payment; onDone: (next: Payment) => Promise<void> }) {
  const toast = useToast();
  const docs = useOpenDocuments(p.direction === 'received' ? 'invoice' : 'bill', p.partyId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const places = minorUnits(p.currency);
  const candidates = (docs.data ?? []).filter((d) => d.currency === p.currency);
  const entries = Object.entries(values).filter(([, v]) => v.trim() !== '' && !isZero(v));
  const invalid = entries.some(([id, v]) => {
    const d = candidates.find((c) => c.id === id);
    return !d || !isDecimal(v.trim(), places) || v.trim().startsWith('-') || compareDecimals(v, d.open) > 0;
  });
  const total = sumDecimals(
    entries.map(([, v]) => (isDecimal(v.trim(), places) ? v : '0')),
    places,
  );
  const tooMuch = compareDecimals(total, p.unallocated) > 0;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await unwrap(
        api.POST('/api/v1/finance/payments/{id}/allocations', {
          params: { path: { id: p.id } },
          body: {
            date: today(),
            allocations: entries.map(([documentId, amount]) => ({ documentId, amount: amount.trim() })),
          },
        }),
      );
      setValues({});
      await onDone(next);
      toast.success('Allocated.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (docs.isPending) return <Skeleton height="4em" />;
  if (candidates.length === 0) return null;
  return (
    <section className="card" aria-labelledby="alloc-rem-h">
      <h2 id="alloc-rem-h">Allocate the remainder</h2>
      <FormErrorBanner error={error} />
      <div className="table-scroll">
        <table className="fin-lines" aria-label="Open documents">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Date</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col" className="num">
                Allocate
              </th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((d) => (
              <AllocationRow
                key={d.id}
                doc={d}
                value={values[d.id] ?? ''}
                error={undefined}
                disabled={busy}
                onChange={(v) => setValues((x) => ({ ...x, [d.id]: v.replace(',', '.') }))}
              />
            ))}
          </tbody>
        </table>
      </div>
      {tooMuch && (
        <p className="field-error" role="alert">
          That is more than the unallocated <Money amount={p.unallocated} currency={p.currency} />.
        </p>
      )}
      {invalid && (
        <p className="field-error" role="alert">
          Each amount is a number up to the document&apos;s open amount.
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void submit()}
          disabled={busy || entries.length === 0 || invalid || tooMuch}
        >
          {busy ? 'Allocating…' : 'Allocate'}
        </button>
      </div>
    </section>
  );
}
