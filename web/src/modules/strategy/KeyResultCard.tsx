import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, unwrap } from '../../api';
import { DateText, LineChart, QueryState, useToast } from '../../components';
import { CheckInForm } from './CheckInForm';
import { formatValue } from './format';
import { CONFIDENCE_LABELS, KIND_LABELS, sKeys, type KeyResult } from './queries';
import { ProgressMeter } from './ui';

/** One key result: progress, value/start/target, the snapshot chart, "Evaluate now", check-ins. */
export function KeyResultCard({ kr, canEdit }: { kr: KeyResult; canEdit: boolean }) {
  const headingId = `kr-${kr.id}`;
  return (
    <section className="st-kr" aria-labelledby={headingId}>
      <div className="st-kr-head">
        <h3 id={headingId}>{kr.title}</h3>
        <span className="badge">{KIND_LABELS[kr.kind]}</span>
        {kr.metric && <span className="muted">{kr.metric.label}</span>}
        <ProgressMeter progress={kr.progress} label={kr.title} />
        {kr.completedAt && <span className="badge st-rag-green">Completed</span>}
      </div>
      <KeyResultValues kr={kr} />
      {kr.kind === 'metric' && <SnapshotHistory kr={kr} canEdit={canEdit} />}
      {canEdit && <CheckInForm kr={kr} />}
      <CheckInList kr={kr} />
    </section>
  );
}

function KeyResultValues({ kr }: { kr: KeyResult }) {
  if (!kr.valueVisible)
    return (
      <p className="muted" data-testid="kr-values">
        Value hidden: you may see this metric's progress only.
      </p>
    );
  return (
    <dl className="st-kr-values" data-testid="kr-values">
      <dt>Value</dt>
      <dd>{formatValue(kr, kr.value)}</dd>
      <dt>Start</dt>
      <dd>{formatValue(kr, kr.startValue)}</dd>
      <dt>Target</dt>
      <dd>{formatValue(kr, kr.targetValue)}</dd>
      <dt>Weight</dt>
      <dd>{kr.weight}</dd>
      {kr.lastEvaluatedAt && (
        <>
          <dt>Evaluated</dt>
          <dd>
            <DateText value={kr.lastEvaluatedAt} withTime />
          </dd>
        </>
      )}
      {kr.milestone && (
        <>
          <dt>Milestone</dt>
          <dd>
            {kr.milestone.reached ? `Reached ${kr.milestone.reachedOn ?? ''}` : `Due ${kr.milestone.dueDate ?? '—'}`}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The snapshots (oldest first) as a line chart of values, or of progress when the value is hidden. */
function SnapshotHistory({ kr, canEdit }: { kr: KeyResult; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const snapshots = useQuery({
    queryKey: sKeys.snapshots(kr.id),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/key-results/{id}/snapshots', { params: { path: { id: kr.id } } })),
  });
  const evaluate = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/strategy/key-results/{id}/evaluate', { params: { path: { id: kr.id } } })),
    onSuccess: async () => {
      toast.success('Evaluated.');
      await queryClient.invalidateQueries({ queryKey: ['strategy'] });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <div className="st-history">
      {canEdit && (
        <button
          type="button"
          className="btn"
          disabled={evaluate.isPending}
          aria-busy={evaluate.isPending}
          onClick={() => evaluate.mutate()}
        >
          {evaluate.isPending ? 'Evaluating…' : 'Evaluate now'}
        </button>
      )}
      <QueryState query={snapshots} height="10em">
        {(s) => {
          if (s.items.length === 0) return <p className="muted">Not evaluated yet.</p>;
          const byValue = s.valueVisible && s.items.every((i) => i.value !== null);
          // Times when all were taken the same day, else dates: short labels under the chart.
          const oneDay = new Set(s.items.map((i) => i.asOf.slice(0, 10))).size === 1;
          const data = s.items.map((i) => ({
            label: oneDay ? i.asOf.slice(11, 16) : i.asOf.slice(5, 10),
            value: Number(byValue ? i.value : i.progress),
          }));
          return (
            <LineChart
              title={`${kr.title}: ${byValue ? 'value' : 'progress'} over ${s.items.length} evaluations`}
              data={data}
              formatValue={(v) => (byValue ? formatValue(kr, String(v)) : `${v}%`)}
            />
          );
        }}
      </QueryState>
    </div>
  );
}

function CheckInList({ kr }: { kr: KeyResult }) {
  const checkIns = useQuery({
    queryKey: sKeys.checkIns(kr.id),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/key-results/{id}/check-ins', { params: { path: { id: kr.id } } })),
  });
  return (
    <QueryState query={checkIns} height="3em">
      {({ items }) =>
        items.length === 0 ? (
          <p className="muted">No check-ins yet.</p>
        ) : (
          <ul className="plain-list" aria-label={`Check-ins of ${kr.title}`}>
            {items.map((c) => (
              <li key={c.id}>
                <DateText value={c.createdAt} withTime /> · <strong>{CONFIDENCE_LABELS[c.confidence]}</strong>
                {c.value !== null && ` · ${formatValue(kr, c.value)}`}
                {c.comment && ` · ${c.comment}`}
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
