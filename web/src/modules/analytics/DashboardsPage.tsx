import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState, PageHeader, QueryState, formatDateTime, useAuth } from '../../components';
import { api, errorMessage, unwrap } from '../../api';
import { aKeys, useDashboards } from './api';
import './analytics.css';

/** The dashboards the user may see; a new one by name (its cards are added on its page). */
export default function DashboardsPage() {
  const { can } = useAuth();
  const dashboards = useDashboards();
  return (
    <>
      <PageHeader
        title="Dashboards"
        description="Saved questions side by side, with filters that apply to every card"
        actions={
          <Link to="/analytics" className="btn">
            Questions
          </Link>
        }
      />
      {can('analytics:write') && <NewDashboard />}
      <QueryState query={dashboards} height="12em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No dashboards yet" />
          ) : (
            <div className="card">
              <table>
                <caption className="visually-hidden">Dashboards</caption>
                <thead>
                  <tr>
                    <th scope="col">Dashboard</th>
                    <th scope="col">Description</th>
                    <th scope="col">Changed</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <Link to={`/analytics/dashboards/${d.id}`}>{d.name}</Link>
                      </td>
                      <td>{d.description}</td>
                      <td>{formatDateTime(d.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}

function NewDashboard() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setError(null);
    if (!name.trim()) return setError('Name the dashboard.');
    setBusy(true);
    try {
      const created = await unwrap(
        api.POST('/api/v1/analytics/dashboards', {
          body: { name: name.trim(), description: '', filters: [], cards: [], shares: [] },
        }),
      );
      await client.invalidateQueries({ queryKey: aKeys.dashboards });
      await navigate({ to: `/analytics/dashboards/${created.id}` });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <form
      className="card an-row"
      aria-label="New dashboard"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <div className="field">
        <label htmlFor="an-new-dashboard">Dashboard name</label>
        <input id="an-new-dashboard" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
        Create dashboard
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
