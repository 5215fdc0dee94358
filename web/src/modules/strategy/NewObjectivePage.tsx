import { useNavigate, useSearch } from '@tanstack/react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import {
  Form,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../components';
import {
  currentCycle,
  LEVEL_LABELS,
  LEVELS,
  PERSPECTIVE_LABELS,
  useCycles,
  useObjectives,
  useUserNames,
  type Cycle,
  type Perspective,
} from './queries';

const perspectives = Object.keys(PERSPECTIVE_LABELS) as Perspective[];

const schema = z.object({
  cycleId: z.string().min(1, 'Choose a cycle.'),
  parentId: z.string(),
  title: z.string().trim().min(1, 'Give the objective a title.').max(300),
  description: z.string().max(10000),
  level: z.enum(['company', 'department', 'team', 'person']),
  ownerId: z.string(),
  department: z.string().trim().max(100),
  perspective: z.string(),
  weight: z
    .string()
    .trim()
    .regex(/^\d+(\.\d{1,4})?$/, 'A weight such as 1 or 0.5.'),
});

/** A new objective in a cycle, optionally under a parent objective. */
export default function NewObjectivePage() {
  const cycles = useCycles();
  return (
    <>
      <PageHeader title="New objective" />
      <QueryState query={cycles} height="12em">
        {({ items }) => <NewObjectiveForm cycles={items.filter((c) => c.status === 'open')} />}
      </QueryState>
    </>
  );
}

function NewObjectiveForm({ cycles }: { cycles: Cycle[] }) {
  const navigate = useNavigate();
  const toast = useToast();
  const { user, can } = useAuth();
  const admin = can('strategy:admin');
  const names = useUserNames();
  const search = useSearch({ strict: false }) as { cycle?: string; parent?: string };
  const form = useForm({
    initialValues: {
      cycleId: cycles.find((c) => c.id === search.cycle)?.id ?? currentCycle(cycles)?.id ?? '',
      parentId: search.parent ?? '',
      title: '',
      description: '',
      level: admin ? 'company' : 'person',
      ownerId: user.id,
      department: '',
      perspective: '',
      weight: '1',
    },
    schema,
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/strategy/objectives', {
          body: {
            cycleId: v.cycleId,
            parentId: v.parentId || null,
            title: v.title,
            description: v.description,
            level: v.level,
            ownerId: v.ownerId || user.id,
            department: v.department || null,
            perspective: (v.perspective || null) as Perspective | null,
            weight: v.weight,
          },
        }),
      );
      toast.success('Objective created.');
      await navigate({ to: `/strategy/objectives/${created.id}` });
    },
  });
  const objectives = useObjectives(form.values.cycleId || undefined);
  const owners = admin && names.size > 0 ? [...names].map(([id, name]) => ({ value: id, label: name })) : [];
  return (
    <Form form={form}>
      <SelectField
        form={form}
        name="cycleId"
        label="Cycle"
        required
        placeholder="Choose an open cycle"
        options={cycles.map((c) => ({ value: c.id, label: c.name }))}
      />
      <TextField form={form} name="title" label="Title" required />
      <TextareaField form={form} name="description" label="Description" rows={3} />
      <SelectField
        form={form}
        name="level"
        label="Level"
        required
        options={LEVELS.filter((l) => admin || l !== 'company').map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
      />
      <SelectField
        form={form}
        name="parentId"
        label="Contributes to"
        placeholder="No parent objective"
        options={(objectives.data?.items ?? []).map((o) => ({
          value: o.id,
          label: `${LEVEL_LABELS[o.level]}: ${o.title}`,
        }))}
      />
      {owners.length > 0 ? (
        <SelectField form={form} name="ownerId" label="Owner" required options={owners} />
      ) : (
        <p className="muted">You will own this objective.</p>
      )}
      <TextField form={form} name="department" label="Department" hint="An HR department's code or name" />
      <SelectField
        form={form}
        name="perspective"
        label="Perspective"
        placeholder="None"
        options={perspectives.map((p) => ({ value: p, label: PERSPECTIVE_LABELS[p] }))}
      />
      <TextField form={form} name="weight" label="Weight" hint="Its weight in its parent's progress" required />
      <div className="form-actions">
        <SubmitButton form={form}>Create objective</SubmitButton>
      </div>
    </Form>
  );
}
