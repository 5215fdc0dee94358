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
  useAuth,
  useToast,
} from '../../../components';
import { DeleteButton } from '../shared/DeleteButton';
import { ContactLink, OrganizationNameLink } from '../shared/links';
import { crmKeys, OwnerName, stageName, usePipelines, type Opportunity } from '../shared/queries';
import { ReasonDialog } from '../shared/ReasonDialog';
import { Timeline } from '../shared/Timeline';
import { OpportunityForm } from './OpportunityForm';
import { OpportunityStatus } from './OpportunitiesPage';
import '../crm.css';
import { RunFlowButton } from '../../automation';

export default function OpportunityPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const opp = useQuery({
    queryKey: crmKeys.opportunity(id),
    queryFn: () => unwrap(api.GET('/api/v1/crm/opportunities/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={opp} height="12em">
      {(o) => <OpportunityDetail o={o} reload={() => void opp.refetch()} />}
    </QueryState>
  );
}

function OpportunityDetail({ o, reload }: { o: Opportunity; reload: () => void }) {
  const { can } = useAuth();
  const pipelines = usePipelines();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [closing, setClosing] = useState<'won' | 'lost' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const history = useQuery({
    queryKey: crmKeys.stageHistory(o.id),
    queryFn: () => unwrap(api.GET('/api/v1/crm/opportunities/{id}/stage-history', { params: { path: { id: o.id } } })),
  });
  const pipelineName = pipelines.data?.items.find((p) => p.id === o.pipelineId)?.name;

  const close = async (outcome: 'won' | 'lost', reason: string | null) => {
    setClosing(null);
    if (reason === null) return;
    setError(null);
    try {
      const params = { path: { id: o.id } };
      const next =
        outcome === 'won'
          ? await unwrap(
              api.POST('/api/v1/crm/opportunities/{id}/win', {
                params,
                body: reason ? { version: o.version, reason } : { version: o.version },
              }),
            )
          : await unwrap(
              api.POST('/api/v1/crm/opportunities/{id}/lose', { params, body: { version: o.version, reason } }),
            );
      queryClient.setQueryData(crmKeys.opportunity(o.id), next);
      await queryClient.invalidateQueries({ queryKey: crmKeys.stageHistory(o.id) });
      await queryClient.invalidateQueries({ queryKey: crmKeys.timeline('opportunities', o.id) });
      await queryClient.invalidateQueries({ queryKey: listQueryKey(crmKeys.opportunities) });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
      toast.success(outcome === 'won' ? 'Marked won. 🎉' : 'Marked lost.');
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={o.name}
        description={
          <>
            Opportunity · <OpportunityStatus status={o.status} /> · {stageName(pipelines.data?.items, o.stageId)}
            {pipelineName ? ` (${pipelineName})` : ''} · <Money amount={o.amount} currency={o.currency} /> at{' '}
            {o.probability}% · owner <OwnerName name={o.ownerName} />
          </>
        }
        actions={
          <>
            <Link to="/crm/board" search={{ pipelineId: o.pipelineId }}>
              Open the board
            </Link>
            <RunFlowButton record={{ type: 'crm.opportunity', id: o.id }} />
            {can('crm:write') && o.status === 'open' && (
              <>
                <button type="button" className="btn btn-primary" onClick={() => setClosing('won')}>
                  Mark won
                </button>
                <button type="button" className="btn btn-danger" onClick={() => setClosing('lost')}>
                  Mark lost…
                </button>
              </>
            )}
            {can('crm:write') && (
              <DeleteButton
                what={o.name}
                message="Its stage history and activities are deleted with it. This cannot be undone."
                listId={crmKeys.opportunities}
                afterPath="/crm/opportunities"
                onReload={reload}
                remove={async () => {
                  await unwrap(
                    api.DELETE('/api/v1/crm/opportunities/{id}', {
                      params: { path: { id: o.id }, query: { version: o.version } },
                    }),
                  );
                  await queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
                  await queryClient.invalidateQueries({ queryKey: ['crm', 'forecast'] });
                }}
              />
            )}
          </>
        }
      />
      <FormErrorBanner error={error} onReload={reload} />
      {o.status !== 'open' && (
        <p className="banner banner-info">
          {o.status === 'won' ? 'Won' : 'Lost'} on <DateText value={o.closedAt} withTime />
          {o.closeReason ? `: ${o.closeReason}` : '.'} Move it to an open stage on the board to reopen it.
        </p>
      )}
      {closing && (
        <ReasonDialog
          title={closing === 'won' ? `Mark ${o.name} won?` : `Mark ${o.name} lost?`}
          label={closing === 'won' ? 'What made it work (optional)' : 'Why was it lost?'}
          confirmLabel={closing === 'won' ? 'Mark won' : 'Mark lost'}
          required={closing === 'lost'}
          onDone={(reason) => void close(closing, reason)}
        />
      )}
      <div className="crm-detail-grid">
        <section className="card" aria-labelledby="opp-details">
          <h2 id="opp-details">Details</h2>
          <OpportunityForm key={o.version} opportunity={o} onReload={reload} />
        </section>
        <div>
          <section className="card" aria-labelledby="opp-related">
            <h2 id="opp-related">Related</h2>
            <dl className="crm-dl">
              <dt>Organization</dt>
              <dd>
                <OrganizationNameLink id={o.organizationId} name={o.organizationName} />
              </dd>
              <dt>Contacts</dt>
              <dd>
                {o.contactIds.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  o.contactIds.map((c, i) => (
                    <span key={c}>
                      {i > 0 && ', '}
                      <ContactLink id={c} />
                    </span>
                  ))
                )}
              </dd>
              {o.leadId && (
                <>
                  <dt>From lead</dt>
                  <dd>
                    <Link to={`/crm/leads/${o.leadId}`}>Open the lead</Link>
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section className="card" aria-labelledby="opp-history">
            <h2 id="opp-history">Stage history</h2>
            <QueryState query={history} height="4em">
              {(changes) => (
                <ol className="plain-list">
                  {changes.items.map((h) => (
                    <li key={h.id}>
                      {h.fromStageId ? `${stageName(pipelines.data?.items, h.fromStageId)} → ` : 'Created in '}
                      <strong>{stageName(pipelines.data?.items, h.toStageId)}</strong>{' '}
                      <span className="muted">
                        · <DateText value={h.changedAt} withTime />
                        {h.changedBy && (
                          <>
                            {' '}
                            · <OwnerName name={h.changedByName} />
                          </>
                        )}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </QueryState>
          </section>
        </div>
      </div>
      <Timeline kind="opportunities" id={o.id} />
    </>
  );
}
