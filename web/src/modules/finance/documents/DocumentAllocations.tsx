import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, FormErrorBanner, Money, useAuth, useConfirm, useToast } from '../../../components';
import { KINDS, type DocumentKind, type FinanceDocument } from '../queries';

/**
 * The payments and credits allocated to a document (or, for a credit, what it was applied to),
 * with the rows that undid one ("Unallocated", negative). A standing allocation can be undone:
 * `POST /allocations/{id}/unallocate` — the document is open again, the payment / credit has it
 * back, and any exchange difference it booked is reversed.
 */
export function DocumentAllocations({
  kind,
  doc,
  onChanged,
}: {
  kind: DocumentKind;
  doc: FinanceDocument;
  onChanged: () => Promise<void>;
}) {
  const k = KINDS[kind];
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const undone = new Set(doc.allocations.flatMap((a) => (a.reversesAllocationId ? [a.reversesAllocationId] : [])));

  const unallocate = async (id: string, amount: string) => {
    const ok = await confirm({
      title: 'Unallocate?',
      message: (
        <>
          <Money amount={amount} currency={doc.currency} /> is taken off {doc.number} today (or on the allocation&apos;s
          date while its period is open); the payment or credit keeps it to allocate again. Any exchange difference it
          booked is reversed.
        </>
      ),
      confirmLabel: 'Unallocate',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/finance/allocations/{id}/unallocate', { params: { path: { id } }, body: {} }));
      toast.success('Unallocated.');
      await onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (doc.allocations.length === 0) return <p className="muted">Nothing {k.credit ? 'applied' : 'paid'} yet.</p>;
  return (
    <>
      <FormErrorBanner error={error} />
      <table aria-label="Allocations">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">By</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.allocations.map((a) => {
            const standing = !a.reversesAllocationId && !undone.has(a.id);
            const undoable = standing && !a.refundId; // a refund is voided as a whole
            return (
              <tr key={a.id}>
                <td>
                  <DateText value={a.date} />
                </td>
                <td>
                  {a.refundId ? (
                    <Link to={`/finance/payments/${a.refundId}`}>Refund {a.documentNumber}</Link>
                  ) : a.paymentId ? (
                    <Link to={`/finance/payments/${a.paymentId}`}>Payment</Link>
                  ) : k.credit ? (
                    (a.documentNumber ?? 'Document')
                  ) : (
                    'Credit'
                  )}
                  {a.reversesAllocationId && ' · unallocated'}
                  {!a.reversesAllocationId && !standing && ' · undone'}
                </td>
                <td className="num">
                  <Money amount={a.amount} currency={doc.currency} />
                </td>
                <td>
                  {undoable && can('finance:approve') && (
                    <button
                      type="button"
                      className="btn btn-ghost"
                      onClick={() => void unallocate(a.id, a.amount)}
                      disabled={busy}
                    >
                      Unallocate
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
