import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';
import { ErrorState, EmptyState, PageHeader, QueryState, Spinner, useAuth } from '../../components';
import { api, errorMessage, unwrap } from '../../api';
import {
  aKeys,
  asDashboard,
  asResults,
  useDashboard,
  useDatasets,
  useQuestions,
  type Card,
  type CardInput,
  type Dashboard,
  type Dataset,
  type Filter,
  type Question,
} from './api';
import { ExportButtons } from './ExportButtons';
import { FiltersEditor } from './FiltersEditor';
import { filtersOf, rowsOf, type FieldOption, type FilterRow } from './model';
import { COLUMNS, DEFAULT_H, DEFAULT_W, moveIndex, pack, readingOrder, resized, target, type Direction } from './grid';
import { ResultView } from './ResultView';
import './analytics.css';

type Control = Direction | 'handle' | 'wider' | 'narrower';
const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
const ARROW_GLYPHS: Record<Direction, string> = { left: '←', right: '→', up: '↑', down: '↓' };

/** The API's cards for this order and these widths: flowed on the 24 columns (grid.ts). */
export function layout(
  cards: readonly { questionId: string; title: string | null; w?: number; h?: number }[],
): CardInput[] {
  return pack(
    cards.map((c) => ({ w: c.w ?? DEFAULT_W, h: c.h ?? DEFAULT_H, questionId: c.questionId, title: c.title })),
  ).map(({ questionId, title, x, y, w, h }) => ({ questionId, title, x, y, w, h }));
}

/** `dashboards/$id`: its cards with their results, its filters, adding and arranging cards, exports. */
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
  const [announcement, setAnnouncement] = useState('');
  const saving = useRef(false);
  const gridRef = useRef<HTMLOListElement>(null);
  const [focusAfter, setFocusAfter] = useState<{ index: number; control: Control } | null>(null);
  const [drag, setDrag] = useState<{ from: number; over: number | null } | null>(null);
  const results = useQuery({
    queryKey: aKeys.dashboardResults(dashboard.id, `${dashboard.version}`),
    queryFn: async ({ signal }) =>
      asResults(
        await unwrap(
          api.POST('/api/v1/analytics/dashboards/{id}/results', {
            params: { path: { id: dashboard.id } },
            body: { filters: [] },
            signal,
          }),
        ),
      ),
    placeholderData: keepPreviousData,
  });

  /**
   * Saves a change with the version read (a 409 says someone else changed it: reload). One at a
   * time: a change asked for while another is being saved is dropped (its cards would be stale).
   */
  const update = async (patch: { filters?: Filter[]; cards?: CardInput[] }): Promise<boolean> => {
    if (saving.current) return false;
    saving.current = true;
    setError(null);
    try {
      const saved = await unwrap(
        api.PATCH('/api/v1/analytics/dashboards/{id}', {
          params: { path: { id: dashboard.id } },
          body: { ...patch, version: dashboard.version },
        }),
      );
      saving.current = false; // the next change may start once this one shows (the list refreshes meanwhile)
      client.setQueryData(aKeys.dashboard(dashboard.id), asDashboard(saved));
      void client.invalidateQueries({ queryKey: aKeys.dashboards });
      return true;
    } catch (e) {
      setError(errorMessage(e));
      await client.invalidateQueries({ queryKey: aKeys.dashboard(dashboard.id) });
      return false;
    } finally {
      saving.current = false;
    }
  };

  const cards = pack(readingOrder(dashboard.cards));
  const byQuestion = new Map((questions.data?.items ?? []).map((q) => [q.id, q]));
  const resultById = new Map((results.data?.cards ?? []).map((c) => [c.cardId, c]));
  // While a changed dashboard's results load, a card shows its question's previous result.
  const resultByQuestion = new Map((results.data?.cards ?? []).map((c) => [c.questionId, c]));
  const resultOf = (card: Card) => resultById.get(card.id) ?? resultByQuestion.get(card.questionId);
  const titleOf = (card: Card) =>
    card.title ?? resultOf(card)?.title ?? byQuestion.get(card.questionId)?.name ?? 'Question';

  const arrange = async (next: readonly Card[], focus: { index: number; control: Control } | null, said: string) => {
    if (await update({ cards: layout(next) })) {
      setAnnouncement(said);
      if (focus) setFocusAfter(focus);
    }
  };
  const move = (from: number, to: number, control: Control) => {
    if (from === to) return;
    const title = titleOf(cards[from]!);
    void arrange(
      moveIndex(cards, from, to),
      { index: to, control },
      `Moved ${title} to place ${to + 1} of ${cards.length}.`,
    );
  };
  const step = (index: number, direction: Direction, control: Control) => {
    const to = target(cards, index, direction);
    if (to !== null) move(index, to, control);
  };
  const resize = (index: number, wider: boolean) => {
    const card = cards[index]!;
    const w = resized(card.w, wider);
    if (w === null) return;
    const next = cards.map((c, i) => (i === index ? { ...c, w } : c));
    void arrange(
      next,
      { index, control: wider ? 'wider' : 'narrower' },
      `${titleOf(card)} is now ${w} of ${COLUMNS} columns wide.`,
    );
  };
  const remove = (index: number) =>
    void arrange(
      cards.filter((_, i) => i !== index),
      null,
      `Removed ${titleOf(cards[index]!)}.`,
    );

  // Keyboard users keep their place: after a move, focus the same control of the moved card (or its handle).
  useEffect(() => {
    if (!focusAfter) return;
    const item = gridRef.current?.querySelector(`[data-card-index="${focusAfter.index}"]`);
    const control =
      item?.querySelector<HTMLButtonElement>(`[data-control="${focusAfter.control}"]:not(:disabled)`) ??
      item?.querySelector<HTMLButtonElement>('[data-control="handle"]');
    control?.focus();
    setFocusAfter(null);
  }, [focusAfter, dashboard.version]);

  const overIndex = (e: ReactPointerEvent) => {
    const el = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('[data-card-index]');
    return el && gridRef.current?.contains(el) ? Number(el.dataset.cardIndex) : null;
  };
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
            {editable && (
              <Link to={`/analytics/dashboards/${dashboard.id}/sharing`} className="btn">
                Share
              </Link>
            )}
            <ExportButtons target={{ dashboardId: dashboard.id }} />
          </>
        }
      />
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {editable && (
        <div className="an-dashboard-tools">
          <AddCard
            questions={questions.data?.items ?? []}
            onAdd={(questionId) =>
              void arrange(
                [...cards, { id: '', questionId, title: null, x: 0, y: 0, w: DEFAULT_W, h: DEFAULT_H }],
                null,
                'Card added.',
              )
            }
          />
          <DashboardFilters
            key={dashboard.version}
            dashboard={dashboard}
            fields={fields}
            onSave={(filters) => void update({ filters })}
          />
        </div>
      )}
      {editable && cards.length > 1 && (
        <p id="an-arrange-help" className="muted">
          Drag a card by its handle (⠿) to another card’s place, or focus the handle and use the arrow keys.
        </p>
      )}
      {cards.length === 0 ? (
        <EmptyState title="No cards yet">{editable && <p>Add a saved question above.</p>}</EmptyState>
      ) : (
        <ol className="an-grid" aria-label="Cards" ref={gridRef}>
          {cards.map((card, i) => {
            const r = resultOf(card);
            const title = titleOf(card);
            const classes = ['card', 'an-card'];
            if (drag?.from === i) classes.push('an-dragging');
            if (drag && drag.over === i && drag.from !== i) classes.push('an-drop-target');
            const control = (c: Direction, label: string) => {
              const disabled = target(cards, i, c) === null;
              return (
                <button
                  type="button"
                  className="btn btn-ghost"
                  data-control={c}
                  disabled={disabled}
                  onClick={() => step(i, c, c)}
                  aria-label={`Move ${title} ${label}`}
                  title={`Move ${label}`}
                >
                  {ARROW_GLYPHS[c]}
                </button>
              );
            };
            return (
              <li
                key={card.id}
                className={classes.join(' ')}
                aria-label={title}
                data-card-index={i}
                style={{ '--w': card.w } as CSSProperties}
              >
                <div className="an-card-head">
                  <h2>{title}</h2>
                  {editable && (
                    <div className="an-card-actions" role="group" aria-label={`Arrange ${title}`}>
                      <button
                        type="button"
                        className="btn btn-ghost an-handle"
                        data-control="handle"
                        aria-label={`Drag ${title}`}
                        aria-describedby={cards.length > 1 ? 'an-arrange-help' : undefined}
                        title="Drag to move, or use the arrow keys"
                        onKeyDown={(e) => {
                          const direction = ARROWS[e.key];
                          if (!direction) return;
                          e.preventDefault();
                          step(i, direction, 'handle');
                        }}
                        onPointerDown={(e) => {
                          if (e.button !== 0) return;
                          e.currentTarget.setPointerCapture(e.pointerId);
                          setDrag({ from: i, over: i });
                        }}
                        onPointerMove={(e) => {
                          if (!drag) return;
                          const over = overIndex(e);
                          if (over !== drag.over) setDrag({ from: drag.from, over });
                        }}
                        onPointerUp={(e) => {
                          if (!drag) return;
                          const over = overIndex(e) ?? drag.over;
                          setDrag(null);
                          if (over !== null && over !== drag.from) move(drag.from, over, 'handle');
                        }}
                        onPointerCancel={() => setDrag(null)}
                      >
                        ⠿
                      </button>
                      {control('left', 'left')}
                      {control('up', 'up')}
                      {control('down', 'down')}
                      {control('right', 'right')}
                      <button
                        type="button"
                        className="btn btn-ghost"
                        data-control="narrower"
                        disabled={resized(card.w, false) === null}
                        onClick={() => resize(i, false)}
                        aria-label={`Make ${title} narrower`}
                        title="Narrower"
                      >
                        −
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost"
                        data-control="wider"
                        disabled={resized(card.w, true) === null}
                        onClick={() => resize(i, true)}
                        aria-label={`Make ${title} wider`}
                        title="Wider"
                      >
                        +
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost"
                        onClick={() => remove(i)}
                        aria-label={`Remove ${title}`}
                        title="Remove"
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
