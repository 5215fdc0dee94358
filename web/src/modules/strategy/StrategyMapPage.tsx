import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import {
  EmptyState,
  Form,
  FormErrorBanner,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  useAuth,
  useForm,
  useToast,
} from '../../components';
import { CyclePicker } from './CyclePicker';
import { layoutMap } from './map-layout';
import {
  currentCycle,
  PERSPECTIVE_LABELS,
  sKeys,
  useCycles,
  useStrategyMap,
  type Cycle,
  type Perspective,
  type StrategyMap,
} from './queries';
import { HealthBadge, ProgressMeter } from './ui';

/** The strategy map of a cycle: objectives by perspective and the cause-and-effect links between them. */
export default function StrategyMapPage() {
  const cycles = useCycles();
  return (
    <QueryState query={cycles} height="12em">
      {({ items }) =>
        items.length === 0 ? (
          <>
            <PageHeader title="Strategy map" />
            <EmptyState title="No cycles yet" />
          </>
        ) : (
          <CycleMap cycles={items} />
        )
      }
    </QueryState>
  );
}

const rowLabel = (p: Perspective | null) => (p ? PERSPECTIVE_LABELS[p] : 'No perspective');

function CycleMap({ cycles }: { cycles: Cycle[] }) {
  const search = useSearch({ strict: false }) as { cycle?: string };
  const { can } = useAuth();
  const [cycleId, setCycleId] = useState(
    () => cycles.find((c) => c.id === search.cycle)?.id ?? currentCycle(cycles)?.id ?? '',
  );
  const map = useStrategyMap(cycleId);
  const open = cycles.find((c) => c.id === cycleId)?.status === 'open';
  const editable = open && can('strategy:write');
  return (
    <>
      <PageHeader
        title="Strategy map"
        description="How the objectives drive each other, from learning and growth up to the financial results"
        actions={
          <>
            <CyclePicker cycles={cycles} value={cycleId} onChange={setCycleId} />
            <Link to="/strategy/scorecard" search={{ cycle: cycleId }} className="btn">
              Scorecard
            </Link>
          </>
        }
      />
      <QueryState query={map} height="20em">
        {(m) =>
          m.objectives.length === 0 ? (
            <EmptyState title="No objectives in this cycle" />
          ) : (
            <>
              <MapDrawing map={m} />
              {editable && <LinkForm map={m} />}
              <MapList map={m} editable={editable} />
            </>
          )
        }
      </QueryState>
    </>
  );
}

/** The drawing (a picture: the list below carries the same content for keyboards and screen readers). */
function MapDrawing({ map }: { map: StrategyMap }) {
  const navigate = useNavigate();
  const layout = layoutMap(map);
  const titles = new Map(map.objectives.map((o) => [o.id, o.title]));
  return (
    <section className="card st-map" aria-labelledby="st-map-title">
      <h2 id="st-map-title">Map</h2>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-labelledby="st-map-svg-title st-map-svg-desc"
        className="st-map-svg"
      >
        <title id="st-map-svg-title">Strategy map</title>
        <desc id="st-map-svg-desc">
          {`${map.objectives.length} objectives in perspective rows and ${map.links.length} cause-and-effect links; the same as a list below.`}
        </desc>
        <defs>
          <marker id="st-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M 0 0 L 10 5 L 0 10 z" className="st-map-arrow" />
          </marker>
        </defs>
        {layout.rows.map((r, i) => (
          <g key={r.perspective ?? 'none'}>
            <rect
              x={0}
              y={r.y}
              width={layout.width}
              height={layout.rowHeight}
              className={`st-map-row st-map-row-${i % 2}`}
            />
            <text x={8} y={r.y + layout.rowHeight / 2} className="st-map-row-label" dominantBaseline="middle">
              {rowLabel(r.perspective)}
            </text>
          </g>
        ))}
        {layout.edges.map((e) => (
          <path key={e.id} d={e.path} className="st-map-link" markerEnd="url(#st-arrow)">
            <title>{`${titles.get(e.fromId)} drives ${titles.get(e.toId)}`}</title>
          </path>
        ))}
        {layout.nodes.map((n) => (
          <g
            key={n.id}
            className="st-map-node"
            onClick={() => void navigate({ to: `/strategy/objectives/${n.id}` })}
            data-objective={n.id}
          >
            <title>{`${n.title}: ${Number(n.progress).toFixed(0)}%`}</title>
            <rect
              x={n.x}
              y={n.y}
              width={n.width}
              height={n.height}
              rx={8}
              className={`st-map-box st-map-${n.health ?? 'none'}`}
            />
            {n.lines.map((line, i) => (
              <text key={i} x={n.x + 10} y={n.y + 20 + i * 17} className="st-map-title">
                {line}
              </text>
            ))}
            <rect x={n.x + 10} y={n.y + n.height - 12} width={n.width - 20} height={5} className="st-map-track" />
            <rect
              x={n.x + 10}
              y={n.y + n.height - 12}
              width={((n.width - 20) * Math.min(100, Number(n.progress))) / 100}
              height={5}
              className="st-map-bar"
            />
          </g>
        ))}
      </svg>
    </section>
  );
}

/** The map as lists: each perspective's objectives, what each drives and what drives it; removing a link. */
function MapList({ map, editable }: { map: StrategyMap; editable: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<unknown>(null);
  const titles = new Map(map.objectives.map((o) => [o.id, o.title]));
  const rows: (Perspective | null)[] = [...map.perspectives];
  if (map.objectives.some((o) => o.perspective === null)) rows.push(null);
  const unlink = async (id: string, from: string, to: string) => {
    setError(null);
    try {
      await unwrap(api.DELETE('/api/v1/strategy/objective-links/{id}', { params: { path: { id } } }));
      toast.success(`Link from "${from}" to "${to}" removed.`);
      await queryClient.invalidateQueries({ queryKey: sKeys.map(map.cycleId) });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="st-map-list">
      <h2 id="st-map-list">The map as a list</h2>
      {rows.map((p) => {
        const inRow = map.objectives.filter((o) => o.perspective === p);
        return (
          <div key={p ?? 'none'}>
            <h3>{rowLabel(p)}</h3>
            {inRow.length === 0 ? (
              <p className="muted">No objectives.</p>
            ) : (
              <ul className="plain-list">
                {inRow.map((o) => {
                  const drives = map.links.filter((l) => l.fromId === o.id).map((l) => titles.get(l.toId));
                  const drivenBy = map.links.filter((l) => l.toId === o.id).map((l) => titles.get(l.fromId));
                  return (
                    <li key={o.id}>
                      <Link to={`/strategy/objectives/${o.id}`}>{o.title}</Link>{' '}
                      <ProgressMeter progress={o.progress} label={o.title} /> <HealthBadge health={o.health} />
                      {drives.length > 0 && <div className="muted">Drives: {drives.join(', ')}</div>}
                      {drivenBy.length > 0 && <div className="muted">Driven by: {drivenBy.join(', ')}</div>}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
      <h3>Links</h3>
      <FormErrorBanner error={error} />
      {map.links.length === 0 ? (
        <p className="muted">No links yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Cause-and-effect links</caption>
          <thead>
            <tr>
              <th scope="col">Cause</th>
              <th scope="col">Effect</th>
              {editable && <th scope="col">Remove</th>}
            </tr>
          </thead>
          <tbody>
            {map.links.map((l) => {
              const from = titles.get(l.fromId) ?? l.fromId;
              const to = titles.get(l.toId) ?? l.toId;
              return (
                <tr key={l.id}>
                  <td>{from}</td>
                  <td>{to}</td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="btn"
                        aria-label={`Remove the link from ${from} to ${to}`}
                        onClick={() => void unlink(l.id, from, to)}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const linkSchema = z
  .object({ fromId: z.string().min(1, 'Choose the cause.'), toId: z.string().min(1, 'Choose the effect.') })
  .refine((v) => v.fromId !== v.toId, { path: ['toId'], message: 'Choose another objective than the cause.' });

/** Draws a link: the cause drives the effect (the API says why not: a duplicate, another cycle, not yours). */
function LinkForm({ map }: { map: StrategyMap }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: { fromId: '', toId: '' },
    schema: linkSchema,
    onSubmit: async (v) => {
      await unwrap(api.POST('/api/v1/strategy/objective-links', { body: v }));
      const titles = new Map(map.objectives.map((o) => [o.id, o.title]));
      toast.success(`"${titles.get(v.fromId)}" now drives "${titles.get(v.toId)}".`);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: sKeys.map(map.cycleId) });
    },
  });
  const options = map.objectives.map((o) => ({
    value: o.id,
    label: `${o.title}${o.perspective ? ` (${PERSPECTIVE_LABELS[o.perspective]})` : ''}`,
  }));
  return (
    <section className="card" aria-labelledby="st-link-form">
      <h2 id="st-link-form">Link two objectives</h2>
      <Form form={form}>
        <div className="st-inline-form">
          <SelectField form={form} name="fromId" label="Cause" required placeholder="Choose" options={options} />
          <SelectField
            form={form}
            name="toId"
            label="Drives (effect)"
            required
            placeholder="Choose"
            options={options}
          />
          <div className="form-actions">
            <SubmitButton form={form}>Link objectives</SubmitButton>
          </div>
        </div>
      </Form>
    </section>
  );
}
