import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DateField,
  DecimalField,
  Form,
  listQueryKey,
  SelectField,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { ContactsPicker, OrganizationPicker } from '../shared/links';
import { orNull } from '../shared/lists';
import { crmKeys, pickPipeline, usePipelines, useUserDirectory, type Opportunity } from '../shared/queries';

const schema = z.object({
  name: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
  organizationId: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  amount: z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'An amount like 1250.00'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'A currency code like USD.'),
  expectedCloseDate: z.string(),
  probability: z.string().regex(/^$|^(100|[1-9]?\d)$/, 'A whole number from 0 to 100.'),
  ownerId: z.string(),
  contactIds: z.array(z.string()),
});
type Values = z.input<typeof schema>;

/** Create or edit an opportunity. Its stage changes on the board or with Win/Lose, not here. */
export function OpportunityForm({
  opportunity,
  onReload,
  organizationId,
  defaultCurrency,
}: {
  opportunity?: Opportunity;
  onReload?: () => void;
  organizationId?: string;
  /** A new opportunity's currency: the company's base currency (`useCrmSettings`). */
  defaultCurrency?: string;
}) {
  const { user, can } = useAuth();
  const disabled = !can('crm:write');
  const { ownerOptions } = useUserDirectory();
  const pipelines = usePipelines();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const form = useForm({
    initialValues: {
      name: opportunity?.name ?? '',
      organizationId: opportunity?.organizationId ?? organizationId ?? '',
      pipelineId: opportunity?.pipelineId ?? '',
      stageId: opportunity?.stageId ?? '',
      amount: opportunity?.amount ?? '',
      currency: opportunity?.currency ?? defaultCurrency ?? '',
      expectedCloseDate: opportunity?.expectedCloseDate ?? '',
      probability: opportunity ? String(opportunity.probability) : '',
      ownerId: opportunity?.ownerId ?? user.id,
      contactIds: [...(opportunity?.contactIds ?? [])],
    } satisfies Values,
    schema,
    onSubmit: async (v) => {
      const common = {
        name: v.name.trim(),
        organizationId: orNull(v.organizationId),
        amount: v.amount,
        currency: v.currency,
        expectedCloseDate: orNull(v.expectedCloseDate),
        ownerId: v.ownerId,
        contactIds: v.contactIds,
        ...(v.probability !== '' ? { probability: Number(v.probability) } : {}),
      };
      const saved = opportunity
        ? await unwrap(
            api.PATCH('/api/v1/crm/opportunities/{id}', {
              params: { path: { id: opportunity.id } },
              body: { ...common, version: opportunity.version },
            }),
          )
        : await unwrap(
            api.POST('/api/v1/crm/opportunities', {
              body: {
                ...common,
                ...(v.pipelineId ? { pipelineId: v.pipelineId } : {}),
                ...(v.stageId ? { stageId: v.stageId } : {}),
              },
            }),
          );
      if (!saved) return;
      queryClient.setQueryData(crmKeys.opportunity(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(crmKeys.opportunities) });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'forecast'] });
      toast.success(opportunity ? 'Saved.' : `${saved.name} created.`);
      if (!opportunity) await navigate({ to: `/crm/opportunities/${saved.id}` });
    },
  });
  const v = form.values;
  const pipeline = pickPipeline(pipelines.data?.items, v.pipelineId);
  return (
    <Form form={form} {...(onReload ? { onReload } : {})}>
      <div className="grid-2">
        <TextField form={form} name="name" label="Name" required disabled={disabled} />
        {!opportunity && (
          <>
            <SelectField
              form={form}
              name="pipelineId"
              label="Pipeline"
              placeholder="Default pipeline"
              options={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              disabled={disabled}
            />
            <SelectField
              form={form}
              name="stageId"
              label="Stage"
              placeholder="First stage"
              options={(pipeline?.stages ?? [])
                .filter((s) => !s.isLost)
                .map((s) => ({ value: s.id, label: `${s.name} (${s.probability}%)` }))}
              disabled={disabled}
            />
          </>
        )}
        <DecimalField form={form} name="amount" label="Amount" required suffix={v.currency} disabled={disabled} />
        <TextField form={form} name="currency" label="Currency" required maxLength={3} disabled={disabled} />
        <DateField form={form} name="expectedCloseDate" label="Expected close" disabled={disabled} />
        <DecimalField
          form={form}
          name="probability"
          label="Probability (%)"
          hint={opportunity ? undefined : 'Empty: the stage’s'}
          disabled={disabled}
        />
        <SelectField form={form} name="ownerId" label="Owner" options={ownerOptions} disabled={disabled} />
      </div>
      <OrganizationPicker
        value={v.organizationId}
        onChange={(id) => form.setValue('organizationId', id)}
        error={form.errors.organizationId}
        disabled={disabled}
      />
      <ContactsPicker
        value={v.contactIds}
        onChange={(ids) => form.setValue('contactIds', ids)}
        organizationId={v.organizationId || undefined}
        disabled={disabled}
      />
      {!disabled && (
        <div className="form-actions">
          <SubmitButton form={form}>{opportunity ? 'Save opportunity' : 'Create opportunity'}</SubmitButton>
        </div>
      )}
    </Form>
  );
}
