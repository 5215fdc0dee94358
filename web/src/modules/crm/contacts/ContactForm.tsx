import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  CheckboxField,
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
import { joinList, orNull, splitList } from '../shared/lists';
import { crmKeys, useUserDirectory, type Contact } from '../shared/queries';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{3,30}$/;

const schema = z.object({
  firstName: z.string().trim().min(1, 'Required.').max(100, 'At most 100 characters.'),
  lastName: z.string().trim().min(1, 'Required.').max(100, 'At most 100 characters.'),
  title: z.string().max(200, 'At most 200 characters.'),
  emails: z
    .string()
    .refine(
      (v) => splitList(v).every((e) => EMAIL.test(e)),
      'Email addresses like ada@example.com, separated by commas.',
    ),
  phones: z
    .string()
    .refine(
      (v) => splitList(v).every((p) => PHONE.test(p)),
      'Phone numbers like +44 20 7946 0000, separated by commas.',
    ),
  organizationId: z.string(),
  ownerId: z.string(),
  tags: z.string(),
  optedIn: z.boolean(),
  consentSource: z.string().max(200),
});
type Values = z.input<typeof schema>;

/** Create (no `contact`) or edit a contact. A taken email offers the existing contact or "Create anyway". */
export function ContactForm({
  contact,
  onReload,
  organizationId,
}: {
  contact?: Contact;
  onReload?: () => void;
  organizationId?: string;
}) {
  const { user, can } = useAuth();
  const disabled = !can('crm:write');
  const { ownerOptions } = useUserDirectory();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [duplicate, setDuplicate] = useState<unknown>(null);

  const save = async (v: Values, allowDuplicate: boolean) => {
    setDuplicate(null);
    const body = {
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      title: orNull(v.title),
      emails: splitList(v.emails),
      phones: splitList(v.phones),
      organizationId: orNull(v.organizationId),
      ownerId: v.ownerId,
      tags: splitList(v.tags),
      marketing:
        v.optedIn === (contact?.marketing.optedIn ?? false) && !v.consentSource
          ? undefined
          : { optedIn: v.optedIn, source: orNull(v.consentSource) },
    };
    try {
      const saved = contact
        ? await unwrap(
            api.PATCH('/api/v1/crm/contacts/{id}', {
              params: { path: { id: contact.id } },
              body: { ...body, version: contact.version },
            }),
          )
        : await unwrap(
            api.POST('/api/v1/crm/contacts', {
              params: { query: allowDuplicate ? { allowDuplicate: 'true' } : {} },
              body,
            }),
          );
      queryClient.setQueryData(crmKeys.contact(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(crmKeys.contacts) });
      toast.success(contact ? 'Saved.' : `${saved.firstName} ${saved.lastName} created.`);
      if (!contact) await navigate({ to: `/crm/contacts/${saved.id}` });
    } catch (error) {
      if (isDuplicate(error)) {
        setDuplicate(error);
        return false; // not saved: the warning shows instead
      }
      throw error;
    }
  };

  const form = useForm({
    initialValues: {
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
      title: contact?.title ?? '',
      emails: joinList(contact?.emails),
      phones: joinList(contact?.phones),
      organizationId: contact?.organizationId ?? organizationId ?? '',
      ownerId: contact?.ownerId ?? user.id,
      tags: joinList(contact?.tags),
      optedIn: contact?.marketing.optedIn ?? false,
      consentSource: '',
    } satisfies Values,
    schema,
    onSubmit: (data) => save(data as Values, false),
  });

  return (
    <Form form={form} {...(onReload ? { onReload } : {})}>
      <div className="grid-2">
        <TextField form={form} name="firstName" label="First name" required disabled={disabled} />
        <TextField form={form} name="lastName" label="Last name" required disabled={disabled} />
        <TextField form={form} name="title" label="Job title" disabled={disabled} />
        <TextField form={form} name="emails" label="Emails" hint="Separated by commas" disabled={disabled} />
        <TextField form={form} name="phones" label="Phones" hint="Separated by commas" disabled={disabled} />
        <SelectField form={form} name="ownerId" label="Owner" options={ownerOptions} disabled={disabled} />
        <TextField form={form} name="tags" label="Tags" hint="Separated by commas" disabled={disabled} />
      </div>
      <OrganizationPicker
        value={form.values.organizationId}
        onChange={(id) => form.setValue('organizationId', id)}
        error={form.errors.organizationId}
        disabled={disabled}
      />
      <div className="grid-2">
        <CheckboxField form={form} name="optedIn" label="Opted in to marketing" disabled={disabled} />
        {form.values.optedIn !== (contact?.marketing.optedIn ?? false) && (
          <TextField
            form={form}
            name="consentSource"
            label="Consent source"
            placeholder="web-form"
            disabled={disabled}
          />
        )}
      </div>
      {contact?.marketing.optedIn && contact.marketing.consentedAt && (
        <p className="muted">
          Consent given {new Date(contact.marketing.consentedAt).toLocaleString()}
          {contact.marketing.source ? ` (${contact.marketing.source})` : ''}.
        </p>
      )}
      {/* Next to the button the user just pressed, not above the fold. */}
      <DuplicateNotice
        error={duplicate}
        kind="contacts"
        {...(contact ? {} : { onCreateAnyway: () => void form.submitWith(() => save(form.values, true)) })}
      />
      {!disabled && (
        <div className="form-actions">
          <SubmitButton form={form}>{contact ? 'Save contact' : 'Create contact'}</SubmitButton>
        </div>
      )}
    </Form>
  );
}
