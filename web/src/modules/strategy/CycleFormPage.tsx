import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import {
  DateField,
  Form,
  FormErrorBanner,
  NumberField,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  TextField,
  useConfirm,
  useForm,
  useToast,
} from '../../components';
import { CYCLE_KIND_LABELS, sKeys, type Cycle } from './queries';

const kinds = Object.keys(CYCLE_KIND_LABELS) as Cycle['kind'][];

// Light checks only: the API's messages (dates the wrong way round, the interval's bounds) land at the fields.
const schema = z.object({
  name: z.string().trim().min(1, 'Give the cycle a name.').max(200),
  kind: z.enum(['quarter', 'year', 'custom']),
  startDate: z.string().min(1, 'When does it start?'),
  endDate: z.string().min(1, 'When does it end?'),
  checkInDays: z
    .string()
    .trim()
    .regex(/^(\d{1,3})?$/, 'A whole number of days, or empty for no reminders.'),
});

/** A new cycle (`/strategy/cycles/new`) or an existing one (`/strategy/cycles/$id`): edit it while open, or close it. */
export default function CycleFormPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const cycle = useQuery({
    queryKey: ['strategy', 'cycle', id ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/strategy/cycles/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  if (!id) return <CycleForm />;
  return (
    <QueryState query={cycle} height="16em">
      {(c) => <CycleForm key={`${c.id}-${c.version}`} cycle={c} reload={() => void cycle.refetch()} />}
    </QueryState>
  );
}

function CycleForm({ cycle, reload }: { cycle?: Cycle; reload?: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [closeError, setCloseError] = useState<unknown>(null);
  const closed = cycle?.status === 'closed';
  const form = useForm({
    initialValues: {
      name: cycle?.name ?? '',
      kind: cycle?.kind ?? 'quarter',
      startDate: cycle?.startDate ?? '',
      endDate: cycle?.endDate ?? '',
      checkInDays: cycle ? (cycle.checkInDays === null ? '' : String(cycle.checkInDays)) : '7',
    },
    schema,
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        kind: v.kind,
        startDate: v.startDate,
        endDate: v.endDate,
        checkInDays: v.checkInDays === '' ? null : Number(v.checkInDays),
      };
      const saved = cycle
        ? await unwrap(
            api.PATCH('/api/v1/strategy/cycles/{id}', {
              params: { path: { id: cycle.id } },
              body: { ...body, version: cycle.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/strategy/cycles', { body }));
      await queryClient.invalidateQueries({ queryKey: sKeys.cycles });
      await queryClient.invalidateQueries({ queryKey: ['strategy', 'cycle', saved.id] });
      toast.success(cycle ? 'Cycle saved.' : `Cycle "${saved.name}" opened.`);
      if (!cycle) await navigate({ to: '/strategy/cycles' });
    },
  });

  const close = async () => {
    if (!cycle) return;
    const ok = await confirm({
      title: `Close ${cycle.name}?`,
      message:
        'Every live metric is evaluated once more over the whole cycle, then each objective and key result is scored and frozen. This cannot be undone.',
      confirmLabel: 'Close and score',
    });
    if (!ok) return;
    try {
      await unwrap(api.POST('/api/v1/strategy/cycles/{id}/close', { params: { path: { id: cycle.id } } }));
      await queryClient.invalidateQueries({ queryKey: ['strategy'] });
      toast.success(`${cycle.name} is closed and scored.`);
    } catch (error) {
      setCloseError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={cycle ? cycle.name : 'New cycle'}
        description={
          cycle ? `${cycle.status === 'open' ? 'Open' : 'Closed'} · ${cycle.startDate} – ${cycle.endDate}` : undefined
        }
        actions={<Link to="/strategy/cycles">Back to cycles</Link>}
      />
      <FormErrorBanner error={closeError} />
      <div className="card">
        {closed && <p className="muted">This cycle is closed: its objectives, key results and scores are frozen.</p>}
        <Form form={form} {...(reload ? { onReload: reload } : {})}>
          <TextField form={form} name="name" label="Name" required hint="e.g. 2027 Q1" disabled={closed} />
          <SelectField
            form={form}
            name="kind"
            label="Kind"
            required
            options={kinds.map((k) => ({ value: k, label: CYCLE_KIND_LABELS[k] }))}
            disabled={closed}
          />
          <DateField form={form} name="startDate" label="Starts" required disabled={closed} />
          <DateField form={form} name="endDate" label="Ends" required disabled={closed} />
          <NumberField
            form={form}
            name="checkInDays"
            label="Check-in every (days)"
            hint="Owners are reminded when a key result has no check-in for this long; empty for no reminders"
            disabled={closed}
          />
          {cycle && (
            <p>
              Status: <strong>{closed ? 'Closed' : 'Open'}</strong>
              {cycle.closedAt && ` since ${cycle.closedAt.slice(0, 10)}`}
            </p>
          )}
          {!closed && (
            <div className="form-actions">
              <SubmitButton form={form}>{cycle ? 'Save cycle' : 'Open cycle'}</SubmitButton>
              {cycle && (
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => void close()}
                  disabled={form.submitting}
                >
                  Close and score…
                </button>
              )}
            </div>
          )}
        </Form>
      </div>
    </>
  );
}
