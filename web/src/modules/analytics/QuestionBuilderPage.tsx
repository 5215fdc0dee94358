import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import {
  EmptyState,
  ErrorState,
  PageHeader,
  QueryState,
  Spinner,
  useAuth,
  useDebounced,
  useToast,
} from '../../components';
import { api, errorMessage, unwrap } from '../../api';
import {
  aKeys,
  GRAINS,
  useDatasets,
  useQuestion,
  VISUALIZATION_LABELS,
  VISUALIZATIONS,
  type AnalyticsQuery,
  type Dataset,
  type Grain,
  type Question,
  type Visualization,
} from './api';
import { ExportButtons } from './ExportButtons';
import { FiltersEditor } from './FiltersEditor';
import { draftOf, emptyDraft, queryOf, type DimensionRow, type Draft } from './model';
import { ResultView } from './ResultView';
import './analytics.css';

/** `questions/new` and `questions/$id`: build a question, see its result change, save it. */
export default function QuestionBuilderPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const datasets = useDatasets();
  const question = useQuestion(id);
  return (
    <QueryState query={datasets} height="12em">
      {({ items }) =>
        items.length === 0 ? (
          <>
            <PageHeader title="New question" />
            <EmptyState title="No datasets you may query" />
          </>
        ) : id ? (
          <QueryState query={question} height="12em">
            {(q) => <Builder key={q.id + q.version} datasets={items} question={q} />}
          </QueryState>
        ) : (
          <Builder datasets={items} />
        )
      }
    </QueryState>
  );
}

function Builder({ datasets, question }: { datasets: Dataset[]; question?: Question }) {
  const { can } = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => (question ? draftOf(question) : emptyDraft(datasets[0]!.key)));
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const dataset = datasets.find((d) => d.key === draft.dataset);
  const query = useMemo(() => queryOf(draft, dataset), [draft, dataset]);
  // The result follows the query 400 ms after the last change (a string, so equal queries settle).
  const settled = useDebounced(query ? JSON.stringify(query) : '', 400);
  const result = useQuery({
    queryKey: ['analytics', 'query', settled],
    queryFn: ({ signal }) =>
      unwrap(api.POST('/api/v1/analytics/query', { body: JSON.parse(settled) as AnalyticsQuery, signal })),
    enabled: settled !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const editable = can('analytics:write') && (!question || question.canEdit);
  const title = draft.name.trim() || (question?.name ?? 'Result');

  const save = async () => {
    if (!query) return;
    setSaveError(null);
    setSaving(true);
    try {
      const name = draft.name.trim();
      if (!name) throw new Error('Name the question before saving it.');
      const body = { name, visualization: draft.visualization, query };
      const saved = question
        ? await unwrap(
            api.PATCH('/api/v1/analytics/questions/{id}', {
              params: { path: { id: question.id } },
              body: { ...body, version: question.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/analytics/questions', { body: { ...body, description: '', shares: [] } }));
      toast.success(`Saved “${saved.name}”.`);
      await client.invalidateQueries({ queryKey: aKeys.all });
      if (!question) await navigate({ to: `/analytics/questions/${saved.id}` });
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const fieldOptions = dataset?.fields ?? [];
  const sortable = [...draft.dimensions.filter((d) => d.field).map((d) => d.field), ...draft.measures];
  return (
    <>
      <PageHeader
        title={question ? question.name : 'New question'}
        description={dataset?.description}
        actions={
          <>
            <Link to="/analytics" className="btn">
              Questions
            </Link>
            {question?.canEdit && can('analytics:write') && (
              <Link to={`/analytics/questions/${question.id}/sharing`} className="btn">
                Share
              </Link>
            )}
            {question && <ExportButtons target={{ questionId: question.id }} />}
          </>
        }
      />
      <div className="an-builder">
        <section className="card an-controls" aria-label="Question">
          <div className="field">
            <label htmlFor="an-dataset">Dataset</label>
            <select
              id="an-dataset"
              value={draft.dataset}
              onChange={(e) => setDraft({ ...emptyDraft(e.target.value), name: draft.name })}
            >
              {datasets.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>

          <fieldset className="field">
            <legend>Measures</legend>
            {dataset?.measures.map((m) => (
              <label key={m.name} className="field-check">
                <input
                  type="checkbox"
                  checked={draft.measures.includes(m.name)}
                  onChange={(e) =>
                    set({
                      measures: e.target.checked
                        ? [...draft.measures, m.name]
                        : draft.measures.filter((x) => x !== m.name),
                    })
                  }
                />
                {m.label}
              </label>
            ))}
          </fieldset>

          <fieldset className="field">
            <legend>Group by</legend>
            {draft.dimensions.map((d, i) => {
              const type = fieldOptions.find((f) => f.name === d.field)?.type;
              const update = (patch: Partial<DimensionRow>) =>
                set({ dimensions: draft.dimensions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div key={i} className="an-row">
                  <select
                    aria-label={`Group by ${i + 1}`}
                    value={d.field}
                    onChange={(e) => {
                      const next = fieldOptions.find((f) => f.name === e.target.value);
                      update({ field: e.target.value, grain: next?.type === 'date' ? 'month' : '' });
                    }}
                  >
                    {fieldOptions.map((f) => (
                      <option key={f.name} value={f.name}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                  {type === 'date' && (
                    <select
                      aria-label={`Time grain ${i + 1}`}
                      value={d.grain}
                      onChange={(e) => update({ grain: e.target.value as Grain })}
                    >
                      {GRAINS.map((g) => (
                        <option key={g} value={g}>
                          by {g}
                        </option>
                      ))}
                    </select>
                  )}
                  <button
                    type="button"
                    className="btn btn-ghost"
                    aria-label={`Remove group by ${i + 1}`}
                    onClick={() => set({ dimensions: draft.dimensions.filter((_, j) => j !== i) })}
                  >
                    ✕
                  </button>
                </div>
              );
            })}
            {fieldOptions.length > 0 && draft.dimensions.length < 10 && (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  const first = fieldOptions[0]!;
                  set({
                    dimensions: [
                      ...draft.dimensions,
                      { field: first.name, grain: first.type === 'date' ? 'month' : '' },
                    ],
                  });
                }}
              >
                Add group
              </button>
            )}
          </fieldset>

          <FiltersEditor
            legend="Filters"
            rows={draft.filters}
            fields={fieldOptions}
            onChange={(filters) => set({ filters })}
          />

          <div className="an-row">
            <div className="field">
              <label htmlFor="an-sort">Sort by</label>
              <select id="an-sort" value={draft.sortField} onChange={(e) => set({ sortField: e.target.value })}>
                <option value="">(none)</option>
                {sortable.map((name) => (
                  <option key={name} value={name}>
                    {fieldOptions.find((f) => f.name === name)?.label ??
                      dataset?.measures.find((m) => m.name === name)?.label ??
                      name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="an-direction">Direction</label>
              <select
                id="an-direction"
                value={draft.sortDirection}
                onChange={(e) => set({ sortDirection: e.target.value as 'asc' | 'desc' })}
              >
                <option value="asc">Ascending</option>
                <option value="desc">Descending</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="an-limit">Limit</label>
              <input
                id="an-limit"
                type="number"
                min={1}
                max={10000}
                value={draft.limit}
                onChange={(e) => set({ limit: e.target.value })}
              />
            </div>
          </div>

          <div className="an-row">
            <div className="field">
              <label htmlFor="an-visualization">Show as</label>
              <select
                id="an-visualization"
                value={draft.visualization}
                onChange={(e) => set({ visualization: e.target.value as Visualization })}
              >
                {VISUALIZATIONS.map((v) => (
                  <option key={v} value={v}>
                    {VISUALIZATION_LABELS[v]}
                  </option>
                ))}
              </select>
            </div>
            {draft.visualization === 'pivot' && draft.dimensions.length > 0 && (
              <div className="field">
                <label htmlFor="an-across">Across columns</label>
                {/* The pivot spreads the last group across its columns: choosing one moves it last. */}
                <select
                  id="an-across"
                  value={String(draft.dimensions.length - 1)}
                  onChange={(e) => {
                    const i = Number(e.target.value);
                    const dims = draft.dimensions.filter((_, j) => j !== i);
                    set({ dimensions: [...dims, draft.dimensions[i]!] });
                  }}
                >
                  {draft.dimensions.map((d, i) => (
                    <option key={i} value={String(i)}>
                      {fieldOptions.find((f) => f.name === d.field)?.label ?? d.field}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>

          {editable && (
            <div className="field">
              <label htmlFor="an-name">Question name</label>
              <input id="an-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} />
              <div className="form-actions">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={!query || saving}
                  aria-busy={saving}
                  onClick={() => void save()}
                >
                  {question ? 'Save changes' : 'Save question'}
                </button>
              </div>
              {saveError && (
                <p className="field-error" role="alert">
                  {saveError}
                </p>
              )}
            </div>
          )}
        </section>

        <section className="card an-output" aria-label="Result" aria-busy={result.isFetching}>
          {!query ? (
            <EmptyState title="Pick a measure or a group to see a result" />
          ) : result.isError ? (
            <ErrorState error={result.error} onRetry={() => void result.refetch()} />
          ) : result.data ? (
            <>
              {result.isFetching && <Spinner label="Updating the result" />}
              <ResultView result={result.data} visualization={draft.visualization} title={title} />
            </>
          ) : (
            <Spinner label="Running the question" />
          )}
        </section>
      </div>
    </>
  );
}
