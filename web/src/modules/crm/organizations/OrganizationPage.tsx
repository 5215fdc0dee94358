import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, listFetcher, unwrap } from '../../../api';
import { AttachmentsPanel, DataTable, Money, PageHeader, QueryState, useAuth, type Column } from '../../../components';
import { DeleteButton } from '../shared/DeleteButton';
import { OrganizationLink } from '../shared/links';
import {
  crmKeys,
  OwnerName,
  stageName,
  usePipelines,
  type Contact,
  type Opportunity,
  type Organization,
} from '../shared/queries';
import { Timeline } from '../shared/Timeline';
import { OrganizationForm } from './OrganizationForm';
import '../crm.css';
import { RunFlowButton } from '../../automation';

export default function OrganizationPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const org = useQuery({
    queryKey: crmKeys.organization(id),
    queryFn: () => unwrap(api.GET('/api/v1/crm/organizations/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={org} height="12em">
      {(o) => <OrganizationView org={o} reload={() => void org.refetch()} />}
    </QueryState>
  );
}

function OrganizationView({ org: o, reload }: { org: Organization; reload: () => void }) {
  const { can } = useAuth();
  const pipelines = usePipelines();

  const contactColumns: Column<Contact>[] = [
    {
      id: 'name',
      header: 'Name',
      alwaysVisible: true,
      sortKey: 'lastName',
      cell: (c) => (
        <Link to={`/crm/contacts/${c.id}`}>
          {c.firstName} {c.lastName}
        </Link>
      ),
    },
    { id: 'title', header: 'Title', cell: (c) => c.title ?? <span className="muted">—</span> },
    { id: 'email', header: 'Email', cell: (c) => c.emails[0] ?? <span className="muted">—</span> },
  ];
  const oppColumns: Column<Opportunity>[] = [
    {
      id: 'name',
      header: 'Name',
      alwaysVisible: true,
      sortKey: 'name',
      cell: (x) => <Link to={`/crm/opportunities/${x.id}`}>{x.name}</Link>,
    },
    { id: 'stage', header: 'Stage', cell: (x) => stageName(pipelines.data?.items, x.stageId) },
    {
      id: 'amount',
      header: 'Amount',
      align: 'right',
      sortKey: 'amount',
      cell: (x) => <Money amount={x.amount} currency={x.currency} />,
    },
    { id: 'owner', header: 'Owner', cell: (x) => <OwnerName name={x.ownerName} /> },
  ];

  return (
    <>
      <PageHeader
        title={o.name}
        description={
          <>
            Organization{o.domain ? ` · ${o.domain}` : ''} · owner <OwnerName name={o.ownerName} />
            {o.parentId && (
              <>
                {' '}
                · part of <OrganizationLink id={o.parentId} />
              </>
            )}
          </>
        }
        actions={
          <>
            <Link to="/crm/organizations">Back to organizations</Link>
            <RunFlowButton record={{ type: 'crm.organization', id: o.id }} />
            {can('crm:write') && (
              <>
                <Link className="btn" to="/crm/contacts/new" search={{ organizationId: o.id }}>
                  New contact
                </Link>
                <Link className="btn" to="/crm/opportunities/new" search={{ organizationId: o.id }}>
                  New opportunity
                </Link>
                <DeleteButton
                  what={o.name}
                  message="Its contacts and opportunities stay, without this organization."
                  listId={crmKeys.organizations}
                  afterPath="/crm/organizations"
                  onReload={reload}
                  remove={() =>
                    unwrap(
                      api.DELETE('/api/v1/crm/organizations/{id}', {
                        params: { path: { id: o.id }, query: { version: o.version } },
                      }),
                    )
                  }
                />
              </>
            )}
          </>
        }
      />
      <section className="card" aria-labelledby="org-details">
        <h2 id="org-details">Details</h2>
        <OrganizationForm key={o.version} org={o} onReload={reload} />
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="org-contacts">
          <h2 id="org-contacts">Contacts</h2>
          <DataTable
            id={`crm-org-contacts-${o.id}`}
            caption="Contacts of this organization"
            columns={contactColumns}
            fetchPage={(q) => listFetcher('/api/v1/crm/contacts')({ ...q, organizationId: o.id })}
            rowKey={(c) => c.id}
            pageSize={10}
          />
        </section>
        <section className="card" aria-labelledby="org-opps">
          <h2 id="org-opps">Opportunities</h2>
          <DataTable
            id={`crm-org-opps-${o.id}`}
            caption="Opportunities of this organization"
            columns={oppColumns}
            fetchPage={(q) => listFetcher('/api/v1/crm/opportunities')({ ...q, organizationId: o.id })}
            rowKey={(x) => x.id}
            pageSize={10}
          />
        </section>
      </div>
      <AttachmentsPanel recordType="crm.organization" recordId={o.id} canWrite={can('crm:write')} />
      <Timeline kind="organizations" id={o.id} />
    </>
  );
}
