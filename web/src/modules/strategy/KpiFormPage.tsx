import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import {
  DecimalField,
  Form,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../components';
import { MetricPicker, metricParams, paramsBody } from './MetricParams';
import {
  currentCycle,
  PERSPECTIVE_LABELS,
  sKeys,
  useCycles,
  useMetrics,
  type Cycle,
  type Kpi,
  type Metric,
  type Perspective,
} from './queries';

const perspectives = Object.keys(PERSPECTIVE_LABELS) as Perspective[];
const decimal = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d{1,8})?$/, 'A number such as 40 or 1250.50.');

// Light checks only: the API checks the metric, its parameters and the thresholds against its direction.
const schema = z.object({
  cycleId: z.string().min(1, 'Choose a cycle.'),
  name: z.string().trim().min(1, 'Give the KPI a name.').max(200),
  metricKey: z.string().min(1, 'Choose a metric.'),
  metricParams: z.string(),
  perspective: z.string(),
  target: decimal,
  green: decimal,
  amber: decimal,
});

/** A new KPI (`/strategy/kpis/new?cycle=`) or an existing one (`/strategy/kpis/$id`). */
export default function KpiFormPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const cycles = useCycles();
  const metrics = useMetrics();
  const kpi = useQuery({
    queryKey: sKeys.kpiDefinition(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/kpis/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  return (
    <QueryState query={cycles} height="16em">
      {({ items }) => (
        <QueryState query={metrics} height="16em">
          {({ items: metricList }) =>
            id ? (
              <QueryState query={kpi} height="16em">
                {(k) => (
                  <KpiForm
                    key={`${k.id}-${k.version}`}
                    cycles={items}
                    metrics={metricList}
                    kpi={k}
                    reload={() => void kpi.refetch()}
                  />
                )}
              </QueryState>
            ) : (
              <KpiForm cycles={items} metrics={metricList} />
            )
          }
        </QueryState>
      )}
    </QueryState>
  );
}

/** A KPI's parameters as the picker's strings. */
const paramStrings = (metric: Metric | undefined, params: Record<string, unknown>) =>
  Object.fromEntries(
    metricParams(metric)
      .filter(([name]) => params[name] !== undefined)
      .map(([name]) => [name, String(params[name])]),
  );

function KpiForm({
  cycles,
  metrics,
  kpi,
  reload,
}: {
  cycles: Cycle[];
  metrics: Metric[];
  kpi?: Kpi;
  reload?: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const search = useSearch({ strict: false }) as { cycle?: string };
  const open = cycles.filter((c) => c.status === 'open');
  const [params, setParams] = useState<Record<string, string>>(() =>
    kpi
      ? paramStrings(
          metrics.find((m) => m.key === kpi.metricKey),
          kpi.metricParams,
        )
      : {},
  );
  const form = useForm({
    initialValues: {
      cycleId: kpi?.cycleId ?? open.find((c) => c.id === search.cycle)?.id ?? currentCycle(open)?.id ?? '',
      name: kpi?.name ?? '',
      metricKey: kpi?.metricKey ?? '',
      metricParams: '',
      perspective: kpi?.perspective ?? '',
      target: kpi?.target ?? '',
      green: kpi?.green ?? '',
      amber: kpi?.amber ?? '',
    },
    schema,
    onSubmit: async (v) => {
      const metric = metrics.find((m) => m.key === v.metricKey);
      const body = {
        name: v.name,
        metricKey: v.metricKey,
        metricParams: paramsBody(metric, params),
        perspective: (v.perspective || null) as Perspective | null,
        target: v.target,
        green: v.green,
        amber: v.amber,
      };
      const saved = kpi
        ? await unwrap(
            api.PATCH('/api/v1/strategy/kpis/{id}', {
              params: { path: { id: kpi.id } },
              body: { ...body, version: kpi.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/strategy/kpis', { body: { ...body, cycleId: v.cycleId } }));
      await queryClient.invalidateQueries({ queryKey: sKeys.kpis(saved.cycleId) });
      await queryClient.invalidateQueries({ queryKey: sKeys.kpiDefinition(saved.id) });
      await queryClient.invalidateQueries({ queryKey: sKeys.kpi(saved.id) });
      await queryClient.invalidateQueries({ queryKey: sKeys.scorecard(saved.cycleId) });
      toast.success(kpi ? 'KPI saved.' : `KPI "${saved.name}" created.`);
      if (!kpi) await navigate({ to: '/strategy/kpis', search: { cycle: saved.cycleId } });
    },
  });
  const metric = metrics.find((m) => m.key === form.values.metricKey);
  const better = metric ? (metric.direction === 'higher-is-better' ? 'higher' : 'lower') : null;
  return (
    <>
      <PageHeader
        title={kpi ? kpi.name : 'New KPI'}
        actions={
          <Link to="/strategy/kpis" search={{ cycle: form.values.cycleId }}>
            Back to KPIs
          </Link>
        }
      />
      <div className="card">
        <Form form={form} {...(reload ? { onReload: reload } : {})}>
          {kpi ? (
            <p>Cycle: {cycles.find((c) => c.id === kpi.cycleId)?.name ?? kpi.cycleId}</p>
          ) : (
            <SelectField
              form={form}
              name="cycleId"
              label="Cycle"
              required
              placeholder="Choose an open cycle"
              options={open.map((c) => ({ value: c.id, label: c.name }))}
            />
          )}
          <TextField form={form} name="name" label="Name" required />
          <MetricPicker form={form} metrics={metrics} params={params} onParams={setParams} />
          <SelectField
            form={form}
            name="perspective"
            label="Perspective"
            placeholder="None"
            options={perspectives.map((p) => ({ value: p, label: PERSPECTIVE_LABELS[p] }))}
          />
          <DecimalField form={form} name="target" label="Target" required />
          <DecimalField
            form={form}
            name="green"
            label="Green from"
            required
            hint={
              better ? `${better} is better: green at or ${better === 'higher' ? 'above' : 'below'} this` : undefined
            }
          />
          <DecimalField
            form={form}
            name="amber"
            label="Amber from"
            required
            hint={better ? `Amber from here to green; red ${better === 'higher' ? 'below' : 'above'} it` : undefined}
          />
          <div className="form-actions">
            <SubmitButton form={form}>{kpi ? 'Save KPI' : 'Create KPI'}</SubmitButton>
          </div>
        </Form>
      </div>
    </>
  );
}
