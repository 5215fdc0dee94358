import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import { EmptyState, formatDateTime, PageHeader, QueryState, useAuth, useDebounced, useToast } from '../../components';
import {
  allPages,
  complianceKeys,
  RESULT_STATUS_LABELS,
  RESULT_STATUSES,
  useUsers,
  type Assessment,
  type AssessmentResult,
} from './api';
import { ProgressCounts, RESULT_CLASS } from './AssessmentProgress';
import { FindingsPanel } from './FindingsPanel';
import { ResultDialog } from './ResultDialog';
import { OwnerName } from './ui';
import './compliance.css';

/**
 * The assessment workspace: every assessable requirement of the framework version with its status,
 * observation and (for not applicable) justification, progress per status, and the findings with
 * their remediation tasks in Projects.
 */
export default function AssessmentPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const assessment = useQuery({
    queryKey: complianceKeys.assessment(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/assessments/{id}', { params: { path: { id } }, signal })),
  });
  return <QueryState query={assessment}>{(a) => <Workspace assessment={a} />}</QueryState>;
}

function Workspace({ assessment: a }: { assessment: Assessment }) {
  const { can } = useAuth();
  const client = useQueryClient();
  const toast = useToast();
  const names = useUsers();
  const canWrite = can('compliance:write');
  const open = a.status === 'in-progress';
  const [statusFilter, setStatusFilter] = useState('');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim().toLowerCase(), 200);
  const [assessing, setAssessing] = useState<AssessmentResult | null>(null);
  const [findingFor, setFindingFor] = useState<AssessmentResult | null | undefined>(undefined);
  const framework = useQuery({
    queryKey: complianceKeys.framework(a.frameworkId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/frameworks/{id}', { params: { path: { id: a.frameworkId } }, signal })),
  });
  const results = useQuery({
    queryKey: complianceKeys.results(a.id),
    queryFn: ({ signal }) =>
      allPages(
        (cursor) =>
          unwrap(
            api.GET('/api/v1/compliance/assessments/{id}/results', {
              params: { path: { id: a.id }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
              signal,
            }),
          ),
        50,
      ),
  });
  const setStatus = async (status: 'in-progress' | 'completed') => {
    try {
      await unwrap(
        api.PATCH('/api/v1/compliance/assessments/{id}', {
          params: { path: { id: a.id } },
          body: { version: a.version, status },
        }),
      );
      await client.invalidateQueries({ queryKey: complianceKeys.assessment(a.id) });
      toast.success(status === 'completed' ? 'Assessment completed' : 'Assessment reopened');
    } catch (e) {
      toast.error(e);
    }
  };
  const shown = (results.data ?? []).filter(
    (r) =>
      (statusFilter === '' || r.status === statusFilter) &&
      (q === '' || r.refId.toLowerCase().includes(q) || r.title.toLowerCase().includes(q)),
  );
  return (
    <>
      <PageHeader
        title={a.name}
        description={a.scope ? `Scope: ${a.scope}` : undefined}
        actions={
          <>
            <Link to="/compliance/assessments" className="btn">
              All assessments
            </Link>
            {canWrite &&
              (open ? (
                <button type="button" className="btn" onClick={() => void setStatus('completed')}>
                  Complete assessment
                </button>
              ) : (
                <button type="button" className="btn" onClick={() => void setStatus('in-progress')}>
                  Reopen assessment
                </button>
              ))}
          </>
        }
      />
      <p>
        {framework.data ? (
          <Link to={`/compliance/frameworks/${a.frameworkId}`}>
            {framework.data.name} {framework.data.version}
          </Link>
        ) : (
          '…'
        )}{' '}
        · {open ? 'In progress' : 'Completed: reopen it to change results'}
      </p>
      <ProgressCounts summary={a.summary} />
      <section className="compliance-section" aria-labelledby="results-heading">
        <h2 id="results-heading">Requirements</h2>
        <div className="filter-bar">
          <label>
            Show{' '}
            <select value={statusFilter} onChange={(e) => setStatusFilter(e.target.value)}>
              <option value="">Every status</option>
              {RESULT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {RESULT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Find{' '}
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Id or title" />
          </label>
        </div>
        <QueryState query={results} height="16em">
          {() =>
            shown.length === 0 ? (
              <EmptyState title="No requirement here" />
            ) : (
              <div className="card table-scroll">
                <table className="assessment-results">
                  <caption className="visually-hidden">Assessment results</caption>
                  <thead>
                    <tr>
                      <th scope="col">Requirement</th>
                      <th scope="col">Status</th>
                      <th scope="col">Observation</th>
                      <th scope="col">Assessed</th>
                      {canWrite && (
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => (
                      <tr key={r.requirementId}>
                        <th scope="row">
                          <strong>{r.refId}</strong> <span className="result-title">{r.title}</span>
                        </th>
                        <td>
                          <span className={`badge ${RESULT_CLASS[r.status]}`}>{RESULT_STATUS_LABELS[r.status]}</span>
                        </td>
                        <td>
                          {r.observation}
                          {r.justification && (
                            <div className="muted">
                              {r.status === 'not-applicable' ? 'Justification: ' : ''}
                              {r.justification}
                            </div>
                          )}
                        </td>
                        <td>
                          {r.assessedAt ? (
                            <>
                              {formatDateTime(r.assessedAt)}
                              {r.assessedBy && (
                                <div className="muted">
                                  <OwnerName id={r.assessedBy} names={names} />
                                </div>
                              )}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                        {canWrite && (
                          <td className="row-actions">
                            {open && (
                              <button
                                type="button"
                                className="btn btn-small"
                                onClick={() => setAssessing(r)}
                                aria-label={`Assess ${r.refId}`}
                              >
                                Assess
                              </button>
                            )}{' '}
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() => setFindingFor(r)}
                              aria-label={`Record a finding on ${r.refId}`}
                            >
                              Finding
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
      <FindingsPanel
        assessment={a}
        results={results.data ?? []}
        newFor={findingFor}
        onNew={(r) => setFindingFor(r)}
        onCloseNew={() => setFindingFor(undefined)}
      />
      {assessing && <ResultDialog assessment={a} result={assessing} onClose={() => setAssessing(null)} />}
    </>
  );
}
