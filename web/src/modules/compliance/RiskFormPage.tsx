import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import {
  CheckboxField,
  DateField,
  Form,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
} from '../../components';
import { allPages, complianceKeys, TREATMENT_LABELS, useAssets, useUsers, type Risk } from './api';
import './compliance.css';

type Matrix = { likelihoodLevels: string[]; impactLevels: string[]; bands: { name: string; minScore: number }[] };

type RiskValues = {
  title: string;
  description: string;
  assetId: string;
  threat: string;
  ownerId: string;
  likelihood: string;
  impact: string;
  rated: boolean;
  residualLikelihood: string;
  residualImpact: string;
  treatment: string;
  treatmentNotes: string;
  acceptedBy: string;
  acceptanceExpiresOn: string;
  transferredTo: string;
};

const bandOf = (m: Matrix, score: number) => {
  let band = m.bands[0]?.name ?? '';
  for (const b of m.bands) if (score >= b.minScore) band = b.name;
  return band;
};

/** New risk (`risks/new`) or editing one (`risks/$id/edit`): ratings on the matrix and the treatment. */
export default function RiskFormPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const matrix = useQuery({
    queryKey: ['compliance', 'risk-matrix'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/compliance/risk-matrix', { signal })),
  });
  const risk = useQuery({
    queryKey: ['compliance', 'risk', id ?? ''],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/risks/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
  return (
    <QueryState query={matrix}>
      {(m) =>
        id ? (
          <QueryState query={risk}>
            {(r) => <RiskForm key={r.version} matrix={m} risk={r as Risk} onReload={() => void risk.refetch()} />}
          </QueryState>
        ) : (
          <RiskForm matrix={m} />
        )
      }
    </QueryState>
  );
}

function RiskForm({ matrix, risk, onReload }: { matrix: Matrix; risk?: Risk; onReload?: () => void }) {
  const { user, can } = useAuth();
  const names = useUsers();
  const assets = useAssets();
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const confirm = useConfirm();
  const controls = useQuery({
    queryKey: ['compliance', 'controls', 'all'],
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/compliance/controls', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
  });
  const [controlIds, setControlIds] = useState<string[]>(risk?.controlIds ?? []);
  const form = useForm<RiskValues>({
    initialValues: {
      title: risk?.title ?? '',
      description: risk?.description ?? '',
      assetId: risk?.assetId ?? '',
      threat: risk?.threat ?? '',
      ownerId: risk?.ownerId ?? user.id,
      likelihood: String(risk?.inherent.likelihood ?? 1),
      impact: String(risk?.inherent.impact ?? 1),
      rated: Boolean(risk?.residual),
      residualLikelihood: String(risk?.residual?.likelihood ?? 1),
      residualImpact: String(risk?.residual?.impact ?? 1),
      treatment: risk?.treatment ?? '',
      treatmentNotes: risk?.treatmentNotes ?? '',
      acceptedBy: risk?.acceptedBy ?? '',
      acceptanceExpiresOn: risk?.acceptanceExpiresOn ?? '',
      transferredTo: risk?.transferredTo ?? '',
    },
    validate: (v): Record<string, string> => {
      const e: Record<string, string> = {};
      if (v.title.trim() === '') e.title = 'Give the risk a title.';
      if (v.treatment === 'accept' && v.acceptedBy === '') e.acceptedBy = 'An accepted risk needs its approver.';
      if (v.treatment === 'accept' && v.acceptanceExpiresOn === '')
        e.acceptanceExpiresOn = 'An acceptance needs a date to review it by.';
      if (v.treatment === 'transfer' && v.transferredTo.trim() === '') e.transferredTo = 'Say to whom.';
      return e;
    },
    onSubmit: async (v) => {
      const treatment = v.treatment === '' ? null : (v.treatment as NonNullable<Risk['treatment']>);
      const fields = {
        title: v.title.trim(),
        description: v.description,
        assetId: v.assetId === '' ? null : v.assetId,
        threat: v.threat,
        ownerId: v.ownerId,
        inherent: { likelihood: Number(v.likelihood), impact: Number(v.impact) },
        residual: v.rated ? { likelihood: Number(v.residualLikelihood), impact: Number(v.residualImpact) } : null,
        treatment,
        treatmentNotes: v.treatmentNotes,
        controlIds: treatment === 'mitigate' ? controlIds : [],
        acceptedBy: treatment === 'accept' ? v.acceptedBy : null,
        acceptanceExpiresOn: treatment === 'accept' ? v.acceptanceExpiresOn : null,
        transferredTo: treatment === 'transfer' ? v.transferredTo.trim() : null,
      };
      const saved = risk
        ? await unwrap(
            api.PATCH('/api/v1/compliance/risks/{id}', {
              params: { path: { id: risk.id } },
              body: { ...fields, version: risk.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/compliance/risks', { body: fields }));
      await client.invalidateQueries({ queryKey: complianceKeys.risks });
      toast.success(risk ? `Saved ${saved.title}` : `Created ${saved.title}`);
      await navigate({ to: '/compliance/risks' });
    },
  });
  const remove = async () => {
    if (!risk) return;
    const ok = await confirm({
      title: `Delete ${risk.title}?`,
      message: 'The risk leaves the register (the audit log keeps its history).',
      confirmLabel: 'Delete risk',
    });
    if (!ok) return;
    try {
      await unwrap(
        api.DELETE('/api/v1/compliance/risks/{id}', {
          params: { path: { id: risk.id }, query: { version: risk.version } },
        }),
      );
      await client.invalidateQueries({ queryKey: complianceKeys.risks });
      toast.success(`Deleted ${risk.title}`);
      await navigate({ to: '/compliance/risks' });
    } catch (e) {
      toast.error(e);
    }
  };
  const levels = (labels: string[]) => labels.map((label, i) => ({ value: String(i + 1), label: `${i + 1} ${label}` }));
  const score = (l: string, i: string) => {
    const s = Number(l) * Number(i);
    return `Score ${s} (${bandOf(matrix, s)})`;
  };
  const owners = [...names].map(([value, label]) => ({ value, label }));
  const v = form.values;
  return (
    <>
      <PageHeader
        title={risk ? `Edit ${risk.title}` : 'New risk'}
        actions={
          <>
            {risk && can('compliance:write') && (
              <button type="button" className="btn btn-danger" onClick={() => void remove()}>
                Delete risk
              </button>
            )}
            <Link to="/compliance/risks" className="btn">
              Cancel
            </Link>
          </>
        }
      />
      <Form form={form} {...(onReload ? { onReload } : {})}>
        <TextField form={form} name="title" label="Risk title" required />
        <SelectField
          form={form}
          name="assetId"
          label="Asset"
          options={(assets.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          placeholder="No asset"
        />
        <TextareaField form={form} name="threat" label="Threat" rows={2} />
        <TextareaField form={form} name="description" label="Description" rows={2} />
        <SelectField form={form} name="ownerId" label="Risk owner" options={owners} />
        <fieldset>
          <legend>Inherent rating (before controls)</legend>
          <div className="grid-2">
            <SelectField form={form} name="likelihood" label="Likelihood" options={levels(matrix.likelihoodLevels)} />
            <SelectField form={form} name="impact" label="Impact" options={levels(matrix.impactLevels)} />
          </div>
          <p className="muted" aria-live="polite">
            {score(v.likelihood, v.impact)}
          </p>
        </fieldset>
        <fieldset>
          <legend>Residual rating (after controls)</legend>
          <CheckboxField form={form} name="rated" label="Rated after controls" />
          {v.rated && (
            <>
              <div className="grid-2">
                <SelectField
                  form={form}
                  name="residualLikelihood"
                  label="Residual likelihood"
                  options={levels(matrix.likelihoodLevels)}
                />
                <SelectField
                  form={form}
                  name="residualImpact"
                  label="Residual impact"
                  options={levels(matrix.impactLevels)}
                />
              </div>
              <p className="muted" aria-live="polite">
                {score(v.residualLikelihood, v.residualImpact)}
              </p>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Treatment</legend>
          <SelectField
            form={form}
            name="treatment"
            label="Treatment"
            placeholder="Not decided"
            options={Object.entries(TREATMENT_LABELS).map(([value, label]) => ({ value, label }))}
          />
          {v.treatment === 'mitigate' && (
            <fieldset>
              <legend>Mitigating controls</legend>
              {(controls.data ?? []).map((c) => (
                <label key={c.id} className="checkbox-row">
                  <input
                    type="checkbox"
                    checked={controlIds.includes(c.id)}
                    onChange={(e) =>
                      setControlIds((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))
                    }
                  />{' '}
                  {c.name}
                </label>
              ))}
            </fieldset>
          )}
          {v.treatment === 'accept' && (
            <div className="grid-2">
              <SelectField
                form={form}
                name="acceptedBy"
                label="Approved by"
                options={owners}
                placeholder="Choose…"
                hint="Someone holding compliance administration."
              />
              <DateField form={form} name="acceptanceExpiresOn" label="Acceptance expires on" />
            </div>
          )}
          {v.treatment === 'transfer' && (
            <TextField form={form} name="transferredTo" label="Transferred to" hint="An insurer, a supplier…" />
          )}
          <TextareaField form={form} name="treatmentNotes" label="Treatment notes" rows={2} />
        </fieldset>
        <SubmitButton form={form}>{risk ? 'Save risk' : 'Create risk'}</SubmitButton>
      </Form>
    </>
  );
}
