import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, PageHeader, QueryState, useAuth } from '../../../components';
import { DeleteButton } from '../shared/DeleteButton';
import { ContactLink, OrganizationLink } from '../shared/links';
import { crmKeys, OwnerName, useCrmSettings, type Lead } from '../shared/queries';
import { Timeline } from '../shared/Timeline';
import { ConvertDialog } from './ConvertDialog';
import { LeadForm } from './LeadForm';
import { LeadStatus } from './LeadsPage';
import '../crm.css';

export default function LeadPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const lead = useQuery({
    queryKey: crmKeys.lead(id),
    queryFn: () => unwrap(api.GET('/api/v1/crm/leads/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={lead} height="12em">
      {(l) => <LeadView lead={l} reload={() => void lead.refetch()} />}
    </QueryState>
  );
}

function LeadView({ lead: l, reload }: { lead: Lead; reload: () => void }) {
  const { can } = useAuth();
  const [converting, setConverting] = useState(false);
  const settings = useCrmSettings();
  const convertible = can('crm:write') && !l.convertedAt;
  return (
    <>
      <PageHeader
        title={l.name}
        description={
          <>
            Lead{l.company ? ` · ${l.company}` : ''} · <LeadStatus lead={l} /> · score {l.score} · owner{' '}
            <OwnerName name={l.ownerName} />
          </>
        }
        actions={
          <>
            <Link to="/crm/leads">Back to leads</Link>
            {convertible && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setConverting(true)}
                disabled={l.status !== 'qualified'}
                title={l.status !== 'qualified' ? 'Qualify the lead first' : undefined}
              >
                Convert…
              </button>
            )}
            {convertible && (
              <DeleteButton
                what={l.name}
                message="Its activities are deleted with it. This cannot be undone."
                listId={crmKeys.leads}
                afterPath="/crm/leads"
                onReload={reload}
                remove={() =>
                  unwrap(
                    api.DELETE('/api/v1/crm/leads/{id}', {
                      params: { path: { id: l.id }, query: { version: l.version } },
                    }),
                  )
                }
              />
            )}
          </>
        }
      />
      {convertible && l.status !== 'qualified' && (
        <p className="banner banner-info">Set the status to “qualified” to convert this lead.</p>
      )}
      {l.convertedAt && (
        <section className="card" aria-labelledby="lead-converted">
          <h2 id="lead-converted">Converted</h2>
          <p>
            On <DateText value={l.convertedAt} withTime /> into{' '}
            {l.convertedOrganizationId && <OrganizationLink id={l.convertedOrganizationId} />}
            {l.convertedContactId && (
              <>
                , <ContactLink id={l.convertedContactId} />
              </>
            )}
            {l.convertedOpportunityId && (
              <>
                {' '}
                and <Link to={`/crm/opportunities/${l.convertedOpportunityId}`}>its opportunity</Link>
              </>
            )}
            . The lead is now read-only.
          </p>
        </section>
      )}
      {converting && settings.data && (
        <ConvertDialog lead={l} baseCurrency={settings.data.baseCurrency} onClose={() => setConverting(false)} />
      )}
      <section className="card" aria-labelledby="lead-details">
        <h2 id="lead-details">Details</h2>
        <LeadForm key={l.version} lead={l} onReload={reload} />
      </section>
      <Timeline kind="leads" id={l.id} readOnly={Boolean(l.convertedAt)} />
    </>
  );
}
