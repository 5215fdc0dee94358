import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState, PageHeader, QueryState, formatDateTime, useConfirm, useToast } from '../../components';
import { api, errorMessage, unwrap } from '../../api';
import { useDashboards, useDatasets, useQuestions, type Dataset, type Question } from './api';
import {
  FREQUENCIES,
  scheduleOf,
  scheduleText,
  weekdayName,
  type Frequency,
  type NewSubscription,
  type Subscription,
} from './subscriptions';
import './analytics.css';

const subscriptionKeys = { all: ['analytics', 'subscriptions'] as const };

function useSubscriptions() {
  return useQuery({
    queryKey: subscriptionKeys.all,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/analytics/subscriptions', { params: { query: { limit: 100 } }, signal })),
  });
}

/**
 * `subscriptions`: reports (a question's or dashboard's PDF or XLSX mailed on a schedule) and alerts
 * (a mail when a question's number crosses a threshold), mailed to you. Each recipient's own
 * visibility is read again when it is sent: someone who lost access gets nothing.
 */
export default function SubscriptionsPage() {
  const subscriptions = useSubscriptions();
  const questions = useQuestions();
  const dashboards = useDashboards();
  const datasets = useDatasets();
  const questionName = new Map((questions.data?.items ?? []).map((q) => [q.id, q.name]));
  const measureLabel = measureLabels(questions.data?.items ?? [], datasets.data?.items ?? []);
  const dashboardName = new Map((dashboards.data?.items ?? []).map((d) => [d.id, d.name]));
  return (
    <>
      <PageHeader
        title="Subscriptions and alerts"
        description="Reports mailed on a schedule and alerts when a number crosses a line — each sent with the recipient’s own visibility"
        actions={
          <>
            <Link to="/analytics" className="btn">
              Questions
            </Link>
            <Link to="/analytics/dashboards" className="btn">
              Dashboards
            </Link>
          </>
        }
      />
      <NewSubscriptionForm questions={questions.data?.items ?? []} dashboards={dashboards.data?.items ?? []} />
      <QueryState query={subscriptions} height="8em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No subscriptions yet" />
          ) : (
            <div className="card table-scroll">
              <table>
                <caption className="visually-hidden">Subscriptions and alerts</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">What</th>
                    <th scope="col">When</th>
                    <th scope="col">Next</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((s) => (
                    <SubscriptionRow
                      key={s.id}
                      subscription={s}
                      measure={s.alert ? measureLabel(s.questionId, s.alert.measure) : ''}
                      target={
                        s.questionId
                          ? (questionName.get(s.questionId) ?? 'A question')
                          : (dashboardName.get(s.dashboardId ?? '') ?? 'A dashboard')
                      }
                    />
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

/** A question's measure by its label (its name while the question or the datasets are not known). */
function measureLabels(questions: readonly Question[], datasets: readonly Dataset[]) {
  return (questionId: string | null, measure: string) => {
    const dataset = questions.find((q) => q.id === questionId)?.query.dataset;
    return datasets.find((d) => d.key === dataset)?.measures.find((m) => m.name === measure)?.label ?? measure;
  };
}

function SubscriptionRow({
  subscription: s,
  target,
  measure,
}: {
  subscription: Subscription;
  target: string;
  measure: string;
}) {
  const client = useQueryClient();
  const confirm = useConfirm();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      toast.success(done);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
      await client.invalidateQueries({ queryKey: subscriptionKeys.all });
    }
  };
  const what =
    s.kind === 'alert' && s.alert
      ? `Alert: ${target} — ${measure} ${s.alert.condition} ${s.alert.threshold}`
      : `Report: ${target} as ${(s.format ?? 'pdf').toUpperCase()}`;
  return (
    <tr>
      <th scope="row">{s.name}</th>
      <td>{what}</td>
      <td>{scheduleText(s.schedule)}</td>
      <td>{s.active && s.nextRunAt ? formatDateTime(s.nextRunAt) : '—'}</td>
      <td>{s.active ? 'Active' : 'Paused'}</td>
      <td className="an-row-actions">
        {s.canEdit && (
          <>
            <button
              type="button"
              className="btn btn-ghost"
              disabled={busy}
              onClick={() =>
                void act(
                  () =>
                    unwrap(
                      api.PATCH('/api/v1/analytics/subscriptions/{id}', {
                        params: { path: { id: s.id } },
                        body: { version: s.version, active: !s.active },
                      }),
                    ),
                  s.active ? `Paused “${s.name}”.` : `Resumed “${s.name}”.`,
                )
              }
            >
              {s.active ? 'Pause' : 'Resume'}
              <span className="visually-hidden"> {s.name}</span>
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              disabled={busy}
              onClick={() =>
                void (async () => {
                  const ok = await confirm({
                    title: `Delete “${s.name}”?`,
                    message: 'Nothing more will be sent.',
                    confirmLabel: 'Delete',
                  });
                  if (ok)
                    await act(
                      () =>
                        unwrap(
                          api.DELETE('/api/v1/analytics/subscriptions/{id}', {
                            params: { path: { id: s.id }, query: { version: s.version } },
                          }),
                        ),
                      `Deleted “${s.name}”.`,
                    );
                })()
              }
            >
              Delete<span className="visually-hidden"> {s.name}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

function NewSubscriptionForm({
  questions,
  dashboards,
}: {
  questions: readonly Question[];
  dashboards: readonly { id: string; name: string }[];
}) {
  const client = useQueryClient();
  const toast = useToast();
  const datasets = useDatasets();
  const [kind, setKind] = useState<'report' | 'alert'>('report');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [frequency, setFrequency] = useState<Frequency>('daily');
  const [hour, setHour] = useState(7);
  const [weekday, setWeekday] = useState(1);
  const [dayOfMonth, setDayOfMonth] = useState(1);
  const [timeZone, setTimeZone] = useState(browserZone);
  const [measure, setMeasure] = useState('');
  const [condition, setCondition] = useState<'above' | 'below'>('above');
  const [threshold, setThreshold] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Targets: `q:<id>` or `d:<id>` (alerts watch questions only).
  const targets = [
    ...questions.map((q) => ({ value: `q:${q.id}`, label: `Question: ${q.name}` })),
    ...(kind === 'report' ? dashboards.map((d) => ({ value: `d:${d.id}`, label: `Dashboard: ${d.name}` })) : []),
  ];
  const chosen = targets.some((t) => t.value === target) ? target : (targets[0]?.value ?? '');
  const question = chosen.startsWith('q:') ? questions.find((q) => q.id === chosen.slice(2)) : undefined;
  const dataset = datasets.data?.items.find((d) => d.key === question?.query.dataset);
  const measures = (question?.query.measures ?? []).map((m) => ({
    name: m,
    label: dataset?.measures.find((x) => x.name === m)?.label ?? m,
  }));
  const chosenMeasure = measures.some((m) => m.name === measure) ? measure : (measures[0]?.name ?? '');
  const frequencies: readonly Frequency[] = kind === 'alert' ? FREQUENCIES : FREQUENCIES.filter((f) => f !== 'hourly');
  const chosenFrequency = frequencies.includes(frequency) ? frequency : 'daily';

  const submit = async () => {
    setError(null);
    if (!name.trim()) return setError('Name the subscription.');
    if (!chosen) return setError('Pick a question or a dashboard.');
    const body: NewSubscription = {
      name: name.trim(),
      kind,
      ...(chosen.startsWith('q:') ? { questionId: chosen.slice(2) } : { dashboardId: chosen.slice(2) }),
      schedule: scheduleOf(chosenFrequency, hour, weekday, dayOfMonth, timeZone),
      filters: [],
      active: true,
      ...(kind === 'report'
        ? { format }
        : { alert: { measure: chosenMeasure, condition, threshold: threshold.trim() } }),
    };
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/analytics/subscriptions', { body }));
      toast.success(`Subscribed: “${body.name}”.`);
      setName('');
      setThreshold('');
      await client.invalidateQueries({ queryKey: subscriptionKeys.all });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card an-subscribe"
      aria-label="New subscription"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="an-row">
        <div className="field">
          <label htmlFor="an-sub-kind">Kind</label>
          <select id="an-sub-kind" value={kind} onChange={(e) => setKind(e.target.value as 'report' | 'alert')}>
            <option value="report">Report (a file by mail)</option>
            <option value="alert">Alert (when a number crosses)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="an-sub-name">Name</label>
          <input id="an-sub-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="an-sub-target">{kind === 'alert' ? 'Question' : 'Question or dashboard'}</label>
          <select id="an-sub-target" value={chosen} onChange={(e) => setTarget(e.target.value)}>
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        {kind === 'report' ? (
          <div className="field">
            <label htmlFor="an-sub-format">File</label>
            <select id="an-sub-format" value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'xlsx')}>
              <option value="pdf">PDF</option>
              <option value="xlsx">XLSX</option>
            </select>
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="an-sub-measure">Measure</label>
              <select id="an-sub-measure" value={chosenMeasure} onChange={(e) => setMeasure(e.target.value)}>
                {measures.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="an-sub-condition">Goes</label>
              <select
                id="an-sub-condition"
                value={condition}
                onChange={(e) => setCondition(e.target.value as 'above' | 'below')}
              >
                <option value="above">above</option>
                <option value="below">below</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="an-sub-threshold">Threshold</label>
              <input
                id="an-sub-threshold"
                inputMode="decimal"
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
              />
            </div>
          </>
        )}
      </div>
      <div className="an-row">
        <div className="field">
          <label htmlFor="an-sub-frequency">{kind === 'alert' ? 'Check' : 'Send'}</label>
          <select
            id="an-sub-frequency"
            value={chosenFrequency}
            onChange={(e) => setFrequency(e.target.value as Frequency)}
          >
            {frequencies.map((f) => (
              <option key={f} value={f}>
                {f === 'hourly' ? 'every hour' : f}
              </option>
            ))}
          </select>
        </div>
        {chosenFrequency === 'weekly' && (
          <div className="field">
            <label htmlFor="an-sub-weekday">On</label>
            <select id="an-sub-weekday" value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={d}>
                  {weekdayName(d)}
                </option>
              ))}
            </select>
          </div>
        )}
        {chosenFrequency === 'monthly' && (
          <div className="field">
            <label htmlFor="an-sub-day">Day of the month</label>
            <input
              id="an-sub-day"
              type="number"
              min={1}
              max={28}
              value={dayOfMonth}
              onChange={(e) => setDayOfMonth(Number(e.target.value))}
            />
          </div>
        )}
        {chosenFrequency !== 'hourly' && (
          <>
            <div className="field">
              <label htmlFor="an-sub-hour">At hour</label>
              <input
                id="an-sub-hour"
                type="number"
                min={0}
                max={23}
                value={hour}
                onChange={(e) => setHour(Number(e.target.value))}
              />
            </div>
            <div className="field">
              <label htmlFor="an-sub-zone">Time zone</label>
              <input id="an-sub-zone" value={timeZone} maxLength={64} onChange={(e) => setTimeZone(e.target.value)} />
            </div>
          </>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy || targets.length === 0}>
          {kind === 'alert' ? 'Create alert' : 'Subscribe'}
        </button>
      </div>
      <p className="muted">Mailed to you.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
