import { Link } from '@tanstack/react-router';
import { PageHeader, useAuth } from '../../components';
import ReceivablesWidget from './widgets/ReceivablesWidget';
import ResultWidget from './widgets/ResultWidget';
import './finance.css';

/** Finance overview: the key figures and the everyday actions. */
export default function FinanceHome() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader
        title="Finance"
        description="Invoices, bills and payments, the ledger and its reports."
        actions={
          <>
            {can('finance:write') && (
              <Link to="/finance/invoices/new" className="btn btn-primary">
                New invoice
              </Link>
            )}
            {can('finance:write') && (
              <Link to="/finance/bills/new" className="btn">
                New bill
              </Link>
            )}
            {can('finance:approve') && (
              <Link to="/finance/payments/new" className="btn">
                Record payment
              </Link>
            )}
            {can('finance:write') && (
              <Link to="/finance/journal/new" className="btn">
                New journal entry
              </Link>
            )}
          </>
        }
      />
      <div className="grid-2">
        <section className="card" aria-labelledby="fin-rec-h">
          <h2 id="fin-rec-h">Receivables</h2>
          <ReceivablesWidget />
        </section>
        <section className="card" aria-labelledby="fin-res-h">
          <h2 id="fin-res-h">Result this year</h2>
          <ResultWidget />
        </section>
      </div>
    </>
  );
}
