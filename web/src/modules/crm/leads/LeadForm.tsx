import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DecimalField,
  Form,
  listQueryKey,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { capitalize, LEAD_STATUSES, orNull } from '../shared/lists';
import { crmKeys, useUserDirectory, type Lead } from '../shared/queries';

const schema = z
  .object({
    name: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
    email: z
      .string()
      .trim()
      .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Not a valid email address.'),
    company: z.string().max(200, 'At most 200 characters.'),
    source: z.string().max(100, 'At most 100 characters.'),
    status: z.enum(LEAD_STATUSES),
    disqualifiedReason: z.string().max(1000, 'At most 1000 characters.'),
    score: z.string().regex(/^(100|[1-9]?\d)$/, 'A whole number from 0 to 100.'),
    ownerId: z.string(),
  })
  .refine((v) => v.status !== 'disqualified' || v.disqualifiedReason.trim() !== '', {
    path: ['disqualifiedReason'],
    message: 'Say why the lead is disqualified.',
  });

/** Create or edit a lead; a converted lead is read-only. */
export function LeadForm({ lead, onReload }: { lead?: Lead; onReload?: () => void }) {
  const { user, can } = useAuth();
  const disabled = !can('crm:write') || Boolean(lead?.convertedAt);
  const { ownerOptions } = useUserDirectory();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const form = useForm({
    initialValues: {
      name: lead?.name ?? '',
      email: lead?.email ?? '',
      company: lead?.company ?? '',
      source: lead?.source ?? '',
      status: lead?.status ?? 'new',
      disqualifiedReason: lead?.disqualifiedReason ?? '',
      score: String(lead?.score ?? 0),
      ownerId: lead?.ownerId ?? user.id,
    },
    schema,
    onSubmit: async (v) => {
      const body = {
        name: v.name.trim(),
        email: orNull(v.email),
        company: orNull(v.company),
        source: orNull(v.source),
        status: v.status,
        disqualifiedReason: v.status === 'disqualified' ? orNull(v.disqualifiedReason) : null,
        score: Number(v.score),
        ownerId: v.ownerId,
      };
      const saved = lead
        ? await unwrap(
            api.PATCH('/api/v1/crm/leads/{id}', {
              params: { path: { id: lead.id } },
              body: { ...body, version: lead.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/crm/leads', { body }));
      queryClient.setQueryData(crmKeys.lead(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(crmKeys.leads) });
      toast.success(lead ? 'Saved.' : `${saved.name} created.`);
      if (!lead) await navigate({ to: `/crm/leads/${saved.id}` });
    },
  });
  return (
    <Form form={form} {...(onReload ? { onReload } : {})}>
      <div className="grid-2">
        <TextField form={form} name="name" label="Name" required disabled={disabled} />
        <TextField form={form} name="company" label="Company" disabled={disabled} />
        <TextField form={form} name="email" label="Email" type="email" disabled={disabled} />
        <TextField form={form} name="source" label="Source" placeholder="web-form" disabled={disabled} />
        <SelectField
          form={form}
          name="status"
          label="Status"
          options={LEAD_STATUSES.map((s) => ({ value: s, label: capitalize(s) }))}
          disabled={disabled}
        />
        <DecimalField form={form} name="score" label="Score (0–100)" disabled={disabled} />
        <SelectField form={form} name="ownerId" label="Owner" options={ownerOptions} disabled={disabled} />
      </div>
      {form.values.status === 'disqualified' && (
        <TextareaField
          form={form}
          name="disqualifiedReason"
          label="Why disqualified"
          required
          disabled={disabled}
          rows={2}
        />
      )}
      {!disabled && (
        <div className="form-actions">
          <SubmitButton form={form}>{lead ? 'Save lead' : 'Create lead'}</SubmitButton>
        </div>
      )}
    </Form>
  );
}
