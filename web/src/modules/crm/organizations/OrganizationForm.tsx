import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  Form,
  listQueryKey,
  SelectField,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { DuplicateNotice, isDuplicate, OrganizationPicker } from '../shared/links';
import { joinList, ORGANIZATION_SIZES, orNull, splitList } from '../shared/lists';
import { crmKeys, useUserDirectory, type Organization } from '../shared/queries';

const schema = z.object({
  name: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
  domain: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v.replace(/^https?:\/\//, '').replace(/\/.*$/, '')),
      'A domain like example.com',
    ),
  industry: z.string().max(200, 'At most 200 characters.'),
  size: z.string(),
  ownerId: z.string(),
  tags: z.string().refine((v) => splitList(v).every((t) => t.length <= 50), 'Tags have at most 50 characters.'),
  parentId: z.string(),
  'address.street': z.string().max(200),
  'address.city': z.string().max(100),
  'address.region': z.string().max(100),
  'address.postalCode': z.string().max(20, 'At most 20 characters.'),
  'address.country': z.string().max(100),
});
type Values = z.input<typeof schema>;

function initialValues(org: Organization | undefined, me: string): Values {
  return {
    name: org?.name ?? '',
    domain: org?.domain ?? '',
    industry: org?.industry ?? '',
    size: org?.size ?? '',
    ownerId: org?.ownerId ?? me,
    tags: joinList(org?.tags),
    parentId: org?.parentId ?? '',
    'address.street': org?.address?.street ?? '',
    'address.city': org?.address?.city ?? '',
    'address.region': org?.address?.region ?? '',
    'address.postalCode': org?.address?.postalCode ?? '',
    'address.country': org?.address?.country ?? '',
  };
}

function toBody(v: Values) {
  const address = {
    street: v['address.street'].trim(),
    city: v['address.city'].trim(),
    region: v['address.region'].trim(),
    postalCode: v['address.postalCode'].trim(),
    country: v['address.country'].trim(),
  };
  const hasAddress = Object.values(address).some(Boolean);
  return {
    name: v.name.trim(),
    domain: orNull(v.domain),
    industry: orNull(v.industry),
    size: orNull(v.size) as (typeof ORGANIZATION_SIZES)[number] | null,
    ownerId: v.ownerId,
    tags: splitList(v.tags),
    parentId: orNull(v.parentId),
    address: hasAddress ? Object.fromEntries(Object.entries(address).filter(([, x]) => x !== '')) : null,
  };
}

/** Create (no `org`) or edit an organization. A taken domain offers the existing one or "Create anyway". */
export function OrganizationForm({ org, onReload }: { org?: Organization; onReload?: () => void }) {
  const { user, can } = useAuth();
  const disabled = !can('crm:write');
  const { ownerOptions } = useUserDirectory();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [duplicate, setDuplicate] = useState<unknown>(null);

  const save = async (data: Values, allowDuplicate: boolean) => {
    setDuplicate(null);
    try {
      const saved = org
        ? await unwrap(
            api.PATCH('/api/v1/crm/organizations/{id}', {
              params: { path: { id: org.id } },
              body: { ...toBody(data), version: org.version },
            }),
          )
        : await unwrap(
            api.POST('/api/v1/crm/organizations', {
              params: { query: allowDuplicate ? { allowDuplicate: 'true' } : {} },
              body: toBody(data),
            }),
          );
      queryClient.setQueryData(crmKeys.organization(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(crmKeys.organizations) });
      toast.success(org ? 'Saved.' : `${saved.name} created.`);
      if (!org) await navigate({ to: `/crm/organizations/${saved.id}` });
    } catch (error) {
      if (isDuplicate(error)) {
        setDuplicate(error);
        return false; // not saved: the warning shows instead
      }
      throw error;
    }
  };

  const form = useForm({
    initialValues: initialValues(org, user.id),
    schema,
    onSubmit: (data) => save(data as Values, false),
  });

  return (
    <Form form={form} {...(onReload ? { onReload } : {})}>
      <div className="grid-2">
        <TextField form={form} name="name" label="Name" required disabled={disabled} />
        <TextField form={form} name="domain" label="Domain" placeholder="example.com" disabled={disabled} />
        <TextField form={form} name="industry" label="Industry" disabled={disabled} />
        <SelectField
          form={form}
          name="size"
          label="Size (employees)"
          placeholder="—"
          options={ORGANIZATION_SIZES.map((s) => ({ value: s, label: s }))}
          disabled={disabled}
        />
        <SelectField form={form} name="ownerId" label="Owner" options={ownerOptions} disabled={disabled} />
        <TextField form={form} name="tags" label="Tags" hint="Separated by commas" disabled={disabled} />
      </div>
      <OrganizationPicker
        label="Parent organization"
        value={form.values.parentId}
        onChange={(id) => form.setValue('parentId', id)}
        error={form.errors.parentId}
        disabled={disabled}
      />
      <fieldset className="field crm-fieldset">
        <legend>Address</legend>
        <div className="grid-2">
          <TextField form={form} name="address.street" label="Street" disabled={disabled} />
          <TextField form={form} name="address.city" label="City" disabled={disabled} />
          <TextField form={form} name="address.postalCode" label="Postal code" disabled={disabled} />
          <TextField form={form} name="address.region" label="Region" disabled={disabled} />
          <TextField form={form} name="address.country" label="Country" disabled={disabled} />
        </div>
      </fieldset>
      {/* Next to the button the user just pressed, not above the fold. */}
      <DuplicateNotice
        error={duplicate}
        kind="organizations"
        {...(org ? {} : { onCreateAnyway: () => void form.submitWith(() => save(form.values, true)) })}
      />
      {!disabled && (
        <div className="form-actions">
          <SubmitButton form={form}>{org ? 'Save organization' : 'Create organization'}</SubmitButton>
        </div>
      )}
    </Form>
  );
}
