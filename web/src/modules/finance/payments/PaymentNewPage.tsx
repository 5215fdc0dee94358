import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../../components';
import '../finance.css';
import { PaymentForm, type Direction } from './PaymentForm';

/** Record a payment received from a customer or made to a vendor, allocated to their open documents. */
export default function PaymentNewPage() {
  const search = useSearch({ strict: false }) as { partyId?: string; direction?: string; documentId?: string };
  const direction: Direction = search.direction === 'made' ? 'made' : 'received';
  const [dir, setDir] = useState<Direction>(direction);
  return (
    <>
      <PageHeader
        title="Record a payment"
        description="The payment is posted at once; allocate it to open invoices or bills, fully or in part. What you leave unallocated stays on the payment."
        actions={<Link to="/finance/payments">Back to payments</Link>}
      />
      <div className="fin-tabs" role="group" aria-label="Direction">
        {(['received', 'made'] as const).map((d) => (
          <button
            key={d}
            type="button"
            className={dir === d ? 'btn btn-primary' : 'btn'}
            aria-pressed={dir === d}
            onClick={() => setDir(d)}
          >
            {d === 'received' ? 'Received from a customer' : 'Made to a vendor'}
          </button>
        ))}
      </div>
      <section className="card" aria-label="Payment">
        <PaymentForm
          key={dir}
          direction={dir}
          initialPartyId={dir === direction ? (search.partyId ?? '') : ''}
          documentId={dir === direction ? search.documentId : undefined}
        />
      </section>
    </>
  );
}
