import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { DateText, EmptyState, PageHeader, QueryState, useAuth, useToast } from '../../components';
import PipelineWidget from './widgets/PipelineWidget';
import './crm.css';

const SECTIONS = [
  { to: '/crm/organizations', label: 'Organizations', icon: '🏢' },
  { to: '/crm/contacts', label: 'Contacts', icon: '👤' },
  { to: '/crm/leads', label: 'Leads', icon: '✦' },
  { to: '/crm/opportunities', label: 'Opportunities', icon: '◆' },
  { to: '/crm/board', label: 'Pipeline board', icon: '▦' },
  { to: '/crm/forecast', label: 'Forecast', icon: '📈' },
];

/** CRM overview: where to go, the pipeline at a glance and your open tasks. */
export default function CrmHome() {
  return (
    <>
      <PageHeader title="CRM" description="Organizations, contacts, leads and your pipeline." />
      <ul className="module-cards">
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <Link to={s.to} className="card module-card">
              <span className="module-icon" aria-hidden="true">
                {s.icon}
              </span>
              <span>{s.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="grid-2">
        <section className="card" aria-labelledby="crm-home-pipeline">
          <h2 id="crm-home-pipeline">Pipeline</h2>
          <PipelineWidget />
        </section>
        <section className="card" aria-labelledby="crm-home-tasks">
          <h2 id="crm-home-tasks">My open tasks</h2>
          <OpenTasks />
        </section>
      </div>
    </>
  );
}

function OpenTasks() {
  const { user, can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const tasks = useQuery({
    queryKey: ['crm', 'open-tasks', user.id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/crm/activities', { params: { query: { open: 'true', ownerId: user.id, limit: 10 } } })),
  });
  const complete = async (id: string, version: number) => {
    try {
      await unwrap(
        api.PATCH('/api/v1/crm/activities/{id}', { params: { path: { id } }, body: { version, completed: true } }),
      );
      toast.success('Task completed.');
      await queryClient.invalidateQueries({ queryKey: ['crm', 'open-tasks'] });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'timeline'] });
    } catch (e) {
      toast.error(e);
    }
  };
  return (
    <QueryState query={tasks} height="5em">
      {(list) =>
        list.items.length === 0 ? (
          <EmptyState title="No open tasks" />
        ) : (
          <ul className="plain-list">
            {list.items.map((t) => {
              const to = t.opportunityId
                ? `/crm/opportunities/${t.opportunityId}`
                : t.leadId
                  ? `/crm/leads/${t.leadId}`
                  : t.contactId
                    ? `/crm/contacts/${t.contactId}`
                    : t.organizationId
                      ? `/crm/organizations/${t.organizationId}`
                      : null;
              return (
                <li key={t.id} className="crm-task">
                  <span>
                    {to ? <Link to={to}>{t.subject}</Link> : t.subject}{' '}
                    <span className="muted">
                      due <DateText value={t.dueAt} withTime />
                    </span>
                  </span>
                  {can('crm:write') && (
                    <button type="button" className="btn" onClick={() => void complete(t.id, t.version)}>
                      Complete
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )
      }
    </QueryState>
  );
}
