import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api';

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));

/** How many assessable requirements of a framework have a control (and an implemented one). */
export function Coverage({ frameworkId, compact = false }: { frameworkId: string; compact?: boolean }) {
  const coverage = useQuery({
    queryKey: ['compliance', 'framework', frameworkId, 'coverage'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/frameworks/{id}/coverage', { params: { path: { id: frameworkId } }, signal })),
  });
  if (coverage.isError) return <span className="muted">Coverage unavailable</span>;
  if (!coverage.data) return <span className="muted">…</span>;
  const c = coverage.data;
  const summary = `${c.covered} of ${c.assessable} covered (${pct(c.covered, c.assessable)}%)`;
  if (compact) return <span>{summary}</span>;
  return (
    <div className="card compliance-section">
      <p>
        <meter min={0} max={Math.max(c.assessable, 1)} value={c.covered} aria-label="Coverage" />{' '}
        <strong>{summary}</strong>
      </p>
      <p className="muted">
        {c.coveredDirectly} directly, {c.coveredViaMapping} through mappings; {c.implemented} by an implemented control
        ({pct(c.implemented, c.assessable)}%).
      </p>
    </div>
  );
}
