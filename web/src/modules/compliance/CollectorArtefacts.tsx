import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api';
import { EmptyState, formatDateTime, QueryState } from '../../components';
import { complianceKeys, type Collector } from './api';

const RUN_STATUS: Record<'passed' | 'failed' | 'error', { label: string; cls: string }> = {
  passed: { label: 'Passed', cls: 'health-green' },
  failed: { label: 'Failed', cls: 'health-red' },
  error: { label: 'Error', cls: 'health-red' },
};

/** The latest artefact of each collector a control requires: status, time, SHA-256 and a fresh check of it. */
export function CollectorArtefacts({ collectors }: { collectors: string[] }) {
  const all = useQuery({
    queryKey: complianceKeys.collectors,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/compliance/collectors', { signal })),
  });
  if (collectors.length === 0) return null;
  return (
    <section className="compliance-section" aria-labelledby="control-artefacts">
      <h2 id="control-artefacts">Collected evidence</h2>
      <QueryState query={all} height="5em">
        {(list) => {
          const mine = list.filter((c) => collectors.includes(c.key));
          return mine.length === 0 ? (
            <EmptyState title="No collector runs yet" />
          ) : (
            <div className="card table-scroll">
              <table>
                <caption className="visually-hidden">Latest artefact of each required collector</caption>
                <thead>
                  <tr>
                    <th scope="col">Collector</th>
                    <th scope="col">Latest run</th>
                    <th scope="col">Collected</th>
                    <th scope="col">SHA-256</th>
                  </tr>
                </thead>
                <tbody>
                  {mine.map((c) => (
                    <ArtefactRow key={c.key} collector={c} />
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

function ArtefactRow({ collector }: { collector: Collector }) {
  const run = collector.latestRun;
  const detail = useQuery({
    queryKey: ['compliance', 'collector-run', run?.id ?? ''],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/collector-runs/{id}', { params: { path: { id: run?.id ?? '' } }, signal })),
    enabled: Boolean(run),
    staleTime: 60_000,
  });
  const status = run ? RUN_STATUS[run.status] : null;
  return (
    <tr>
      <th scope="row">
        {collector.title}
        <div className="muted">{collector.description}</div>
      </th>
      <td>
        {status ? (
          <span className={`badge ${status.cls}`}>{status.label}</span>
        ) : (
          <span className="muted">Never run</span>
        )}
        {run && <div>{run.summary}</div>}
      </td>
      <td>{run ? formatDateTime(run.collectedAt) : '—'}</td>
      <td>
        {detail.data ? (
          <>
            <code className="hash" title={detail.data.sha256}>
              {detail.data.sha256.slice(0, 16)}…
            </code>{' '}
            {detail.data.integrity.valid ? (
              <span className="badge health-green">Hash verified</span>
            ) : (
              <span className="badge health-red">Hash mismatch</span>
            )}
          </>
        ) : run ? (
          '…'
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
