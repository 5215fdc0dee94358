import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../../components';
import { LeadForm } from './LeadForm';
import '../crm.css';

export default function LeadNewPage() {
  return (
    <>
      <PageHeader title="New lead" actions={<Link to="/crm/leads">Back to leads</Link>} />
      <section className="card" aria-label="Lead">
        <LeadForm />
      </section>
    </>
  );
}
