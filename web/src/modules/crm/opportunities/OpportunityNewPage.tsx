import { Link, useSearch } from '@tanstack/react-router';
import { PageHeader } from '../../../components';
import { OpportunityForm } from './OpportunityForm';
import '../crm.css';

export default function OpportunityNewPage() {
  const search = useSearch({ strict: false }) as { organizationId?: string };
  return (
    <>
      <PageHeader title="New opportunity" actions={<Link to="/crm/opportunities">Back to opportunities</Link>} />
      <section className="card" aria-label="Opportunity">
        <OpportunityForm {...(search.organizationId ? { organizationId: search.organizationId } : {})} />
      </section>
    </>
  );
}
