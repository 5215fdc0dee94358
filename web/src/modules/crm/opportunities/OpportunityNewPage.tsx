import { Link, useSearch } from '@tanstack/react-router';
import { PageHeader, QueryState } from '../../../components';
import { useCrmSettings } from '../shared/queries';
import { OpportunityForm } from './OpportunityForm';
import '../crm.css';

export default function OpportunityNewPage() {
  const search = useSearch({ strict: false }) as { organizationId?: string };
  const settings = useCrmSettings();
  return (
    <>
      <PageHeader title="New opportunity" actions={<Link to="/crm/opportunities">Back to opportunities</Link>} />
      <section className="card" aria-label="Opportunity">
        {/* The form starts in the company's base currency, so it waits for the settings. */}
        <QueryState query={settings}>
          {(s) => (
            <OpportunityForm
              defaultCurrency={s.baseCurrency}
              {...(search.organizationId ? { organizationId: search.organizationId } : {})}
            />
          )}
        </QueryState>
      </section>
    </>
  );
}
