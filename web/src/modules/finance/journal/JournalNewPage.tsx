import { Link, useNavigate } from '@tanstack/react-router';
import { PageHeader } from '../../../components';
import { JournalEntryForm } from './JournalEntryForm';

export default function JournalNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="New journal entry"
        description="Debits must equal credits. Save a draft to finish later, or post it into the ledger."
        actions={<Link to="/finance/journal">Back to journal entries</Link>}
      />
      <section className="card" aria-label="Journal entry">
        <JournalEntryForm onSaved={(id) => void navigate({ to: `/finance/journal/${id}` })} />
      </section>
    </>
  );
}
