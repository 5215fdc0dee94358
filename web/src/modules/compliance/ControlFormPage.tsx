import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import {
  DateField,
  Form,
  listQueryKey,
  NumberField,
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
  CONTROL_STATUS_OPTIONS,
  complianceKeys,
  useControl,
  usePolicies,
  useRequirement,
  useUsers,
  type Control,
  type ControlStatus,
} from './api';
import './compliance.css';

type ControlValues = {
  name: string;
  description: string;
  implementationNotes: string;
  status: string;
  ownerId: string;
  reviewFrequencyDays: string;
  nextReviewDate: string;
};

/** New control (`?requirementId=` links it to that requirement) or editing one (`controls/$id/edit`). */
export default function ControlFormPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const control = useControl(id);
  if (!id) return <ControlForm />;
  return (
    <QueryState query={control}>
      {(c) => <ControlForm control={c} onReload={() => void control.refetch()} />}
    </QueryState>
  );
}

function ControlForm({ control, onReload }: { control?: Control; onReload?: () => void }) {
  const { user } = useAuth();
  const names = useUsers();
  const search = useSearch({ strict: false }) as { requirementId?: string };
  const navigate = useNavigate();
  const client = useQueryClient();
  const toast = useToast();
  const [requirementIds, setRequirementIds] = useState<string[]>(
    control?.requirementIds ?? (search.requirementId ? [search.requirementId] : []),
  );
  const [policyIds, setPolicyIds] = useState<string[]>(control?.policyIds ?? []);
  const policies = usePolicies();
  const form = useForm<ControlValues>({
    initialValues: {
      name: control?.name ?? '',
      description: control?.description ?? '',
      implementationNotes: control?.implementationNotes ?? '',
      status: control?.status ?? 'planned',
      ownerId: control?.ownerId ?? user.id,
      reviewFrequencyDays: String(control?.reviewFrequencyDays ?? 365),
      nextReviewDate: control?.nextReviewDate ?? '',
    },
    validate: (v): Record<string, string> => (v.name.trim() === '' ? { name: 'Give the control a name.' } : {}),
    onSubmit: async (v) => {
      const fields = {
        name: v.name.trim(),
        description: v.description,
        implementationNotes: v.implementationNotes,
        status: v.status as ControlStatus,
        ownerId: v.ownerId,
        // Not a whole number: sent as such, and the server's 422 lands at the field.
        reviewFrequencyDays: /^\d+$/.test(v.reviewFrequencyDays.trim()) ? Number(v.reviewFrequencyDays) : NaN,
        nextReviewDate: v.nextReviewDate === '' ? null : v.nextReviewDate,
        requirementIds,
        policyIds,
      };
      const saved = control
        ? await unwrap(
            api.PATCH('/api/v1/compliance/controls/{id}', {
              params: { path: { id: control.id } },
              body: { ...fields, version: control.version },
            }),
          )
        : await unwrap(
            api.POST('/api/v1/compliance/controls', {
              body: { ...fields, collectors: [], ...(v.nextReviewDate === '' ? { nextReviewDate: undefined } : {}) },
            }),
          );
      await client.invalidateQueries({ queryKey: complianceKeys.all });
      await client.invalidateQueries({ queryKey: listQueryKey('compliance-controls') });
      toast.success(control ? `Saved ${saved.name}` : `Created ${saved.name}`);
      await navigate({ to: `/compliance/controls/${saved.id}` });
    },
  });
  const owners = [...names].map(([value, label]) => ({ value, label }));
  return (
    <>
      <PageHeader
        title={control ? `Edit ${control.name}` : 'New control'}
        actions={
          <Link to={control ? `/compliance/controls/${control.id}` : '/compliance'} className="btn">
            Cancel
          </Link>
        }
      />
      <Form form={form} {...(onReload ? { onReload } : {})}>
        <TextField form={form} name="name" label="Name" required />
        <TextareaField form={form} name="description" label="Description" />
        <SelectField form={form} name="status" label="Status" options={CONTROL_STATUS_OPTIONS} />
        <SelectField form={form} name="ownerId" label="Owner" options={owners} />
        <NumberField form={form} name="reviewFrequencyDays" label="Review every (days)" />
        <DateField
          form={form}
          name="nextReviewDate"
          label="Next review"
          hint={control ? undefined : 'Empty: today plus the review frequency.'}
        />
        <TextareaField form={form} name="implementationNotes" label="Implementation notes" />
        <fieldset>
          <legend>Linked requirements</legend>
          {requirementIds.length === 0 ? (
            <p className="muted">
              None. Link a requirement from its framework: <Link to="/compliance/frameworks">Frameworks</Link>.
            </p>
          ) : (
            <ul>
              {requirementIds.map((rid) => (
                <LinkedRequirement
                  key={rid}
                  id={rid}
                  onRemove={() => setRequirementIds((ids) => ids.filter((x) => x !== rid))}
                />
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset>
          <legend>Linked policies</legend>
          {(policies.data ?? []).length === 0 ? (
            <p className="muted">No policies yet.</p>
          ) : (
            (policies.data ?? []).map((p) => (
              <label key={p.id} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={policyIds.includes(p.id)}
                  onChange={(e) =>
                    setPolicyIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((x) => x !== p.id)))
                  }
                />{' '}
                {p.title}
              </label>
            ))
          )}
        </fieldset>
        <SubmitButton form={form}>{control ? 'Save control' : 'Create control'}</SubmitButton>
      </Form>
    </>
  );
}

function LinkedRequirement({ id, onRemove }: { id: string; onRemove: () => void }) {
  const req = useRequirement(id);
  const label = req.data ? `${req.data.refId} ${req.data.title}` : id;
  return (
    <li>
      {req.data ? (
        <>
          {req.data.frameworkName}: <strong>{req.data.refId}</strong> {req.data.title}
        </>
      ) : (
        label
      )}{' '}
      <button type="button" className="btn btn-small" onClick={onRemove} aria-label={`Unlink ${label}`}>
        Unlink
      </button>
    </li>
  );
}
