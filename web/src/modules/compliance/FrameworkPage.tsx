import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { EmptyState, PageHeader, QueryState, useAuth } from '../../components';
import { complianceKeys, useRequirements } from './api';
import { Coverage } from './Coverage';
import './compliance.css';

/** A framework version: its coverage and its requirement tree with the controls linked to each. */
export default function FrameworkPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useAuth();
  const framework = useQuery({
    queryKey: complianceKeys.framework(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/frameworks/{id}', { params: { path: { id } }, signal })),
  });
  const requirements = useRequirements(id);
  return (
    <QueryState query={framework} height="10em">
      {(f) => (
        <>
          <PageHeader
            title={`${f.name} ${f.version}`}
            description={f.description || undefined}
            actions={
              <Link to="/compliance/frameworks" className="btn">
                All frameworks
              </Link>
            }
          />
          <Coverage frameworkId={f.id} />
          <section className="compliance-section" aria-labelledby="req-heading">
            <h2 id="req-heading">Requirements</h2>
            <QueryState query={requirements} height="12em">
              {(items) =>
                items.length === 0 ? (
                  <EmptyState title="No requirements" />
                ) : (
                  <div className="card table-scroll">
                    <table className="req-tree">
                      <caption className="visually-hidden">Requirements of {f.name}, in tree order</caption>
                      <thead>
                        <tr>
                          <th scope="col">Requirement</th>
                          <th scope="col">Title</th>
                          <th scope="col">Controls</th>
                          {can('compliance:write') && (
                            <th scope="col">
                              <span className="visually-hidden">Actions</span>
                            </th>
                          )}
                        </tr>
                      </thead>
                      <tbody>
                        {items.map((r) => {
                          const direct = r.controlIds.length;
                          const mapped = r.mappedControlIds.length;
                          return (
                            <tr key={r.id}>
                              <th
                                scope="row"
                                className="req-ref"
                                style={{ paddingInlineStart: `${0.5 + r.depth * 1.25}rem` }}
                              >
                                {r.refId}
                              </th>
                              <td>{r.assessable ? r.title : <strong>{r.title}</strong>}</td>
                              <td>
                                {!r.assessable ? (
                                  ''
                                ) : direct === 0 && mapped === 0 ? (
                                  <span className="badge health-red">Not covered</span>
                                ) : (
                                  <span className="badge health-green">
                                    {direct > 0 && `${direct} linked`}
                                    {direct > 0 && mapped > 0 && ', '}
                                    {mapped > 0 && `${mapped} via mapping`}
                                  </span>
                                )}
                              </td>
                              {can('compliance:write') && (
                                <td>
                                  {r.assessable && (
                                    <Link
                                      to="/compliance/controls/new"
                                      search={{ requirementId: r.id }}
                                      aria-label={`New control for ${r.refId}`}
                                    >
                                      New control
                                    </Link>
                                  )}
                                </td>
                              )}
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </QueryState>
          </section>
        </>
      )}
    </QueryState>
  );
}
