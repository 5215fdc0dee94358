import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, ProblemError, unwrap } from '../../../api';
import {
  CheckboxField,
  DateField,
  DecimalField,
  Dialog,
  Form,
  listQueryKey,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { DuplicateNotice, isDuplicate, OrganizationPicker } from '../shared/links';
import { orNull, splitList } from '../shared/lists';
import { crmKeys, pickPipeline, usePipelines, type Lead } from '../shared/queries';

const AMOUNT = /^\d{1,15}(\.\d{1,4})?$/;

const schema = z
  .object({
    orgMode: z.enum(['new', 'existing']),
    organizationId: z.string(),
    'organization.name': z.string().max(200),
    'organization.domain': z.string(),
    'contact.firstName': z.string().trim().min(1, 'Required.').max(100),
    'contact.lastName': z.string().trim().min(1, 'Required.').max(100),
    'contact.emails': z.string(),
    'contact.title': z.string().max(200),
    withOpportunity: z.boolean(),
    'opportunity.name': z.string().max(200),
    'opportunity.pipelineId': z.string(),
    'opportunity.stageId': z.string(),
    'opportunity.amount': z.string(),
    'opportunity.currency': z.string(),
    'opportunity.expectedCloseDate': z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.orgMode === 'existing' && !v.organizationId)
      ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'Choose an organization.' });
    if (v.orgMode === 'new' && !v['organization.name'].trim())
      ctx.addIssue({ code: 'custom', path: ['organization.name'], message: 'Name the organization.' });
    if (v.withOpportunity) {
      if (!AMOUNT.test(v['opportunity.amount']))
        ctx.addIssue({ code: 'custom', path: ['opportunity.amount'], message: 'An amount like 1250.00' });
      if (!/^[A-Z]{3}$/.test(v['opportunity.currency']))
        ctx.addIssue({ code: 'custom', path: ['opportunity.currency'], message: 'A currency code like USD.' });
    }
  });
type Values = z.input<typeof schema>;

function splitName(name: string) {
  const parts = name.trim().split(/\s+/);
  return parts.length < 2
    ? { first: parts[0] ?? '', last: '' }
    : { first: parts.slice(0, -1).join(' '), last: parts.at(-1)! };
}

/**
 * Converts a qualified lead: a new or an existing organization, the contact's details, and optionally
 * an opportunity (pipeline, stage, amount). All or nothing on the server; then opens the new records.
 */
export function ConvertDialog({
  lead,
  baseCurrency,
  onClose,
}: {
  lead: Lead;
  /** The opportunity's starting currency: the company's (`useCrmSettings`). */
  baseCurrency: string;
  onClose: () => void;
}) {
  const pipelines = usePipelines();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [duplicate, setDuplicate] = useState<unknown>(null);
  const defaultPipeline = pickPipeline(pipelines.data?.items);
  const name = splitName(lead.name);

  const convert = async (v: Values, allowDuplicate: boolean) => {
    setDuplicate(null);
    try {
      const result = await unwrap(
        api.POST('/api/v1/crm/leads/{id}/convert', {
          params: { path: { id: lead.id } },
          body: {
            version: lead.version,
            allowDuplicate,
            ...(v.orgMode === 'existing'
              ? { organizationId: v.organizationId }
              : { organization: { name: v['organization.name'].trim(), domain: orNull(v['organization.domain']) } }),
            contact: {
              firstName: v['contact.firstName'].trim(),
              lastName: v['contact.lastName'].trim(),
              emails: splitList(v['contact.emails']),
              title: orNull(v['contact.title']),
            },
            ...(v.withOpportunity
              ? {
                  opportunity: {
                    ...(v['opportunity.name'].trim() ? { name: v['opportunity.name'].trim() } : {}),
                    ...(v['opportunity.pipelineId'] ? { pipelineId: v['opportunity.pipelineId'] } : {}),
                    ...(v['opportunity.stageId'] ? { stageId: v['opportunity.stageId'] } : {}),
                    amount: v['opportunity.amount'],
                    currency: v['opportunity.currency'],
                    expectedCloseDate: orNull(v['opportunity.expectedCloseDate']),
                  },
                }
              : {}),
          },
        }),
      );
      queryClient.setQueryData(crmKeys.lead(lead.id), result.lead);
      for (const id of [crmKeys.leads, crmKeys.organizations, crmKeys.contacts, crmKeys.opportunities])
        await queryClient.invalidateQueries({ queryKey: listQueryKey(id) });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
      toast.success(
        `Converted: ${result.organization.name}, ${result.contact.firstName} ${result.contact.lastName}${result.opportunity ? ` and ${result.opportunity.name}` : ''}.`,
      );
      onClose();
      await navigate({
        to: result.opportunity ? `/crm/opportunities/${result.opportunity.id}` : `/crm/contacts/${result.contact.id}`,
      });
    } catch (error) {
      if (isDuplicate(error)) {
        setDuplicate(error);
        return false; // not converted: the warning shows instead
      }
      throw error;
    }
  };

  const form = useForm({
    initialValues: {
      orgMode: 'new',
      organizationId: '',
      'organization.name': lead.company ?? '',
      'organization.domain': lead.email?.split('@')[1] ?? '',
      'contact.firstName': name.first,
      'contact.lastName': name.last,
      'contact.emails': lead.email ?? '',
      'contact.title': '',
      withOpportunity: true,
      'opportunity.name': '',
      'opportunity.pipelineId': '',
      'opportunity.stageId': '',
      'opportunity.amount': '0.00',
      'opportunity.currency': baseCurrency,
      'opportunity.expectedCloseDate': '',
    } as Values,
    schema,
    onSubmit: (v) => convert(v as Values, false),
  });
  const v = form.values;
  const pipeline = pickPipeline(pipelines.data?.items, v['opportunity.pipelineId'] || defaultPipeline?.id);
  const openStages = pipeline?.stages.filter((s) => !s.isWon && !s.isLost) ?? [];
  const duplicateKind =
    duplicate instanceof ProblemError && duplicate.code === 'duplicate-contact' ? 'contacts' : 'organizations';

  return (
    <Dialog open title={`Convert ${lead.name}`} onClose={onClose}>
      <Form form={form} className="form crm-convert">
        <fieldset className="field">
          <legend>Organization</legend>
          <div className="field-check">
            <input
              type="radio"
              id={`${form.idPrefix}-org-new`}
              name="orgMode"
              checked={v.orgMode === 'new'}
              onChange={() => form.setValue('orgMode', 'new')}
            />
            <label htmlFor={`${form.idPrefix}-org-new`}>Create a new organization</label>
          </div>
          <div className="field-check">
            <input
              type="radio"
              id={`${form.idPrefix}-org-existing`}
              name="orgMode"
              checked={v.orgMode === 'existing'}
              onChange={() => form.setValue('orgMode', 'existing')}
            />
            <label htmlFor={`${form.idPrefix}-org-existing`}>Link an existing organization</label>
          </div>
          {v.orgMode === 'new' ? (
            <div className="grid-2">
              <TextField form={form} name="organization.name" label="Organization name" required />
              <TextField form={form} name="organization.domain" label="Domain" />
            </div>
          ) : (
            <OrganizationPicker
              value={v.organizationId}
              onChange={(id) => form.setValue('organizationId', id)}
              error={form.errors.organizationId}
              allowNone={false}
            />
          )}
        </fieldset>
        <fieldset className="field">
          <legend>Contact</legend>
          <div className="grid-2">
            <TextField form={form} name="contact.firstName" label="First name" required />
            <TextField form={form} name="contact.lastName" label="Last name" required />
            <TextField form={form} name="contact.emails" label="Emails" hint="Separated by commas" />
            <TextField form={form} name="contact.title" label="Job title" />
          </div>
        </fieldset>
        <CheckboxField form={form} name="withOpportunity" label="Also create an opportunity" />
        {v.withOpportunity && (
          <fieldset className="field">
            <legend>Opportunity</legend>
            <div className="grid-2">
              <TextField
                form={form}
                name="opportunity.name"
                label="Opportunity name"
                placeholder={`${v.orgMode === 'new' ? v['organization.name'] || 'Organization' : 'Organization'}: ${lead.name}`}
              />
              <SelectField
                form={form}
                name="opportunity.pipelineId"
                label="Pipeline"
                placeholder="Default pipeline"
                options={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
              <SelectField
                form={form}
                name="opportunity.stageId"
                label="Stage"
                placeholder="First stage"
                options={openStages.map((s) => ({ value: s.id, label: `${s.name} (${s.probability}%)` }))}
              />
              <DecimalField form={form} name="opportunity.amount" label="Amount" suffix={v['opportunity.currency']} />
              <TextField form={form} name="opportunity.currency" label="Currency" maxLength={3} />
              <DateField form={form} name="opportunity.expectedCloseDate" label="Expected close" />
            </div>
          </fieldset>
        )}
        <DuplicateNotice
          error={duplicate}
          kind={duplicateKind}
          onCreateAnyway={() => void form.submitWith(() => convert(form.values, true))}
        />
        <div className="form-actions">
          <SubmitButton form={form} busyLabel="Converting…">
            Convert lead
          </SubmitButton>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
