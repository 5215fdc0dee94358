import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorState, EmptyState, PageHeader, QueryState, Spinner, useAuth } from '../../components';
import { errorMessage } from '../../api';
import {
  aKeys,
  call,
  useDashboard,
  useDatasets,
  useQuestions,
  type CardInput,
  type Dashboard,
  type DashboardResults,
  type Dataset,
  type Question,
} from './api';
import { ExportButtons } from './ExportButtons';
import { FiltersEditor } from './FiltersEditor';
import { filtersOf, rowsOf, type FieldOption, type FilterRow } from './model';
import { ResultView } from './ResultView';
import './analytics.css';

/** Cards in reading order (the grid's rows, then columns). */
const ordered = (d: Dashboard) => [...d.cards].sort((a, b) => a.y - b.y || a.x - b.x);

/** The grid of `questionIds` in this order: two cards a row, each half the 24 columns. */
export function layout(cards: readonly { questionId: string; title: string | null }[]): CardInput[] {
  return cards.map((c, i) => ({
    questionId: c.questionId,
    title: c.title,
    x: (i % 2) * 12,
    y: Math.floor(i / 2) * 8,
    w: 12,
    h: 8,
  }));
}

/** `dashboards/$id`: its cards with their results, its filters, adding and ordering cards, exports. */
export default function DashboardPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const dashboard = useDashboard(id);
  return (
    <QueryState query={dashboard} height="12em">
      {(d) => <DashboardView key={d.id} dashboard={d} />}
    </QueryState>
  );
}

function DashboardView({ dashboard }: { dashboard: Dashboard }) {
  const { can } = useAuth();
  const client = useQueryClient();
  const editable = can('analytics:write') && dashboard.canEdit;
  const questions = useQuestions();
  const datasets = useDatasets();
  const [error, setError] = useState<string | null>(null);
  const results = useQuery({
    queryKey: aKeys.dashboardResults(dashboard.id, `${dashboard.version}`),
    queryFn: ({ signal }) =>
      call<DashboardResults>('POST', `/dashboards/${dashboard.id}/results`, { filters: [] }, signal),
    placeholderData: keepPreviousData,
  });

  /** Saves a change with the version read (a 409 says someone else changed it: reload). */
  const update = async (patch: Partial<Pick<Dashboard, 'filters'>> & { cards?: CardInput[] }) => {
    setError(null);
    try {
      const saved = await call<Dashboard>('PATCH', `/dashboards/${dashboard.id}`, {
        ...patch,
        version: dashboard.version,
      });
      client.setQueryData(aKeys.dashboard(dashboard.id), saved);
      await client.invalidateQueries({ queryKey: aKeys.dashboards });
    } catch (e) {
      setError(errorMessage(e));
      await client.invalidateQueries({ queryKey: aKeys.dashboard(dashboard.id) });
    }
  };

  const cards = ordered(dashboard);
  const byQuestion = new Map((questions.data?.items ?? []).map((q) => [q.id, q]));
  const move = (from: number, to: number) => {
    const next = [...cards];
    const [card] = next.splice(from, 1);
    next.splice(to, 0, card!);
    void update({ cards: layout(next) });
  };
  const remove = (index: number) => void update({ cards: layout(cards.filter((_, i) => i !== index)) });
  const resultOf = new Map((results.data?.cards ?? []).map((c) => [c.cardId, c]));
  const fields = filterFields(
    cards.flatMap((c) => byQuestion.get(c.questionId) ?? []),
    datasets.data?.items ?? [],
  );

  return (
    <>
      <PageHeader
        title={dashboard.name}
        description={dashboard.description || undefined}
        actions={
          <>
            <Link to="/analytics/dashboards" className="btn">
              Dashboards
            </Link>
            <ExportButtons target={{ dashboardId: dashboard.id }} />
          </>
        }
      />
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {editable && (
        <div className="an-dashboard-tools">
          <AddCard
            questions={questions.data?.items ?? []}
            onAdd={(questionId) => void update({ cards: layout([...cards, { questionId, title: null }]) })}
          />
          <DashboardFilters
            key={dashboard.version}
            dashboard={dashboard}
            fields={fields}
            onSave={(filters) => void update({ filters })}
          />
        </div>
      )}
      {cards.length === 0 ? (
        <EmptyState title="No cards yet">{editable && <p>Add a saved question above.</p>}</EmptyState>
      ) : (
        <ol className="an-grid" aria-label="Cards">
          {cards.map((card, i) => {
            const r = resultOf.get(card.id);
            const title = card.title ?? r?.title ?? byQuestion.get(card.questionId)?.name ?? 'Question';
            return (
              <li key={card.id} className="card an-card" aria-label={title}>
                <div className="an-card-head">
                  <h2>{title}</h2>
                  {editable && (
                    <div className="an-card-actions">
                      <button
                        type="button"
                        className="btn btn-ghost"
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                        aria-label={`Move ${title} up`}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost"
                        disabled={i === cards.length - 1}
                        onClick={() => move(i, i + 1)}
                        aria-label={`Move ${title} down`}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost"
                        onClick={() => remove(i)}
                        aria-label={`Remove ${title}`}
                      >
                        ✕
                      </button>
                    </div>
                  )}
                </div>
                {results.isError ? (
                  <ErrorState error={results.error} onRetry={() => void results.refetch()} />
                ) : !r ? (
                  <Spinner label={`Loading ${title}`} />
                ) : r.problem ? (
                  <div className="error-state" role="alert">
                    <p className="empty-title">{r.problem.title}</p>
                    <p>{r.problem.detail}</p>
                  </div>
                ) : r.result ? (
                  <ResultView result={r.result} visualization={r.visualization} title={title} />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

/** The fields a dashboard filter may name: those of its cards' datasets (a filter skips a card without it). */
function filterFields(questions: readonly Question[], datasets: readonly Dataset[]): FieldOption[] {
  const keys = new Set(questions.map((q) => q.query.dataset));
  const seen = new Map<string, FieldOption>();
  for (const d of datasets) if (keys.has(d.key)) for (const f of d.fields) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
}

function AddCard({ questions, onAdd }: { questions: readonly Question[]; onAdd: (questionId: string) => void }) {
  const [questionId, setQuestionId] = useState('');
  const chosen = questionId || questions[0]?.id || '';
  return (
    <section className="card an-row" aria-label="Add a card">
      <div className="field">
        <label htmlFor="an-add-question">Saved question</label>
        <select id="an-add-question" value={chosen} onChange={(e) => setQuestionId(e.target.value)}>
          {questions.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn btn-primary" disabled={!chosen} onClick={() => onAdd(chosen)}>
        Add card
      </button>
    </section>
  );
}

function DashboardFilters({
  dashboard,
  fields,
  onSave,
}: {
  dashboard: Dashboard;
  fields: FieldOption[];
  onSave: (filters: Dashboard['filters']) => void;
}) {
  const [rows, setRows] = useState<FilterRow[]>(() => rowsOf(dashboard.filters));
  return (
    <section className="card" aria-label="Dashboard filters">
      <FiltersEditor
        legend="Dashboard filters (every card with the field)"
        rows={rows}
        fields={fields}
        onChange={setRows}
      />
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => onSave(filtersOf(rows, fields))}>
          Apply filters
        </button>
      </div>
    </section>
  );
}
