import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../../api';
import {
  AttachmentsPanel,
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
} from '../../../components';
import { attachmentKeys } from '../../../components/AttachmentsPanel';
import '../finance.css';

type CompanyProfile = Schema<'CompanyProfile'>;
const settingsKey = ['finance', 'document-settings'] as const;

const TEXT_FIELDS = [
  'legalName',
  'vatId',
  'registration',
  'street',
  'postalZone',
  'city',
  'countryCode',
  'email',
  'phone',
  'bankName',
  'iban',
  'bic',
  'endpointScheme',
  'endpointId',
  'headerText',
  'footerText',
  'paymentText',
  'emailSubject',
  'emailBody',
  'statementEmailSubject',
  'statementEmailBody',
] as const;

/**
 * Finance → Company and documents: Finance's one company profile — the legal details, address and
 * bank account printed on invoices, credit notes, statements and quotations and carried by UBL
 * e-invoices, the Peppol endpoint, the logo, and the texts (with {{placeholders}}) of the documents
 * and the emails they go out with. Administrators edit; everyone in Finance reads.
 */
export default function DocumentSettingsPage() {
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => unwrap(api.GET('/api/v1/finance/document-settings')),
  });
  return (
    <>
      <PageHeader
        title="Company and documents"
        description="Your company as invoices, statements, quotations and e-invoices show it: legal details, address, bank account, Peppol endpoint, logo and texts."
      />
      <QueryState query={settings} height="20em">
        {(s) => <SettingsForm key={s.version} settings={s} />}
      </QueryState>
    </>
  );
}

function SettingsForm({ settings }: { settings: CompanyProfile }) {
  const { can } = useAuth();
  const admin = can('finance:admin');
  const toast = useToast();
  const queryClient = useQueryClient();
  const files = useQuery({
    queryKey: attachmentKeys.list('finance.company', settings.companyRecordId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/files/attachments', {
          params: { query: { recordType: 'finance.company', recordId: settings.companyRecordId, limit: 200 } },
        }),
      ),
  });
  const images = (files.data?.items ?? []).filter(
    (f) => f.contentType === 'image/png' || f.contentType === 'image/jpeg',
  );
  const initial = {
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, settings[f]])),
    logo: settings.logo?.attachmentId ?? '',
  } as Record<(typeof TEXT_FIELDS)[number] | 'logo', string>;
  const form = useForm({
    initialValues: initial,
    onSubmit: async (v) => {
      const changed = Object.fromEntries(TEXT_FIELDS.filter((f) => v[f] !== settings[f]).map((f) => [f, v[f]]));
      const logo = v.logo === (settings.logo?.attachmentId ?? '') ? {} : { logoAttachmentId: v.logo || null };
      const next = await unwrap(
        api.PATCH('/api/v1/finance/document-settings', { body: { version: settings.version, ...changed, ...logo } }),
      );
      queryClient.setQueryData(settingsKey, next);
      toast.success('Company and document settings saved.');
    },
  });
  const hint = (list: string[]) => `Placeholders: ${list.map((p) => `{{${p}}}`).join(' ')}`;
  const disabled = !admin;
  return (
    <>
      <Form form={form}>
        <fieldset className="card" disabled={disabled}>
          <legend>Company</legend>
          <div className="fin-header-fields">
            <TextField form={form} name="legalName" label="Legal name" maxLength={200} />
            <TextField
              form={form}
              name="vatId"
              label="VAT ID"
              maxLength={50}
              hint="With its country prefix, e.g. BE0123456749."
            />
            <TextField form={form} name="registration" label="Registration" maxLength={200} />
            <TextField form={form} name="email" label="Email" type="email" />
            <TextField form={form} name="phone" label="Phone" maxLength={50} />
          </div>
        </fieldset>
        <fieldset className="card" disabled={disabled}>
          <legend>Address</legend>
          <div className="fin-header-fields">
            <TextField form={form} name="street" label="Street" maxLength={200} />
            <TextField form={form} name="postalZone" label="Postal code" maxLength={20} />
            <TextField form={form} name="city" label="City" maxLength={100} />
            <TextField
              form={form}
              name="countryCode"
              label="Country code"
              maxLength={2}
              hint="ISO 3166 code, e.g. DE, BE."
            />
          </div>
        </fieldset>
        <fieldset className="card" disabled={disabled}>
          <legend>Payment details</legend>
          <div className="fin-header-fields">
            <TextField form={form} name="bankName" label="Bank" maxLength={100} />
            <TextField form={form} name="iban" label="IBAN" maxLength={42} />
            <TextField form={form} name="bic" label="BIC" maxLength={11} />
          </div>
          <p className="muted">
            Invoices show a structured creditor reference (ISO 11649, RF…) made from their number, and for euros a QR
            code banking apps scan.
          </p>
        </fieldset>
        <fieldset className="card" disabled={disabled}>
          <legend>E-invoicing (Peppol)</legend>
          <div className="fin-header-fields">
            <TextField
              form={form}
              name="endpointScheme"
              label="Endpoint scheme"
              maxLength={4}
              hint="Peppol EAS code, e.g. 0208, 9930."
            />
            <TextField form={form} name="endpointId" label="Endpoint ID" maxLength={100} />
          </div>
          <p className="muted">
            UBL e-invoices name your company with the legal name, VAT ID, registration, address and bank account above,
            and this endpoint; both the scheme and the ID are needed to export one.
          </p>
        </fieldset>
        <fieldset className="card" disabled={disabled}>
          <legend>Logo</legend>
          <SelectField
            form={form}
            name="logo"
            label="Logo on documents"
            hint="Upload a PNG or JPEG below, then choose it here."
            options={[{ value: '', label: 'No logo' }, ...images.map((f) => ({ value: f.id, label: f.fileName }))]}
          />
        </fieldset>
        <fieldset className="card" disabled={disabled}>
          <legend>Texts on documents</legend>
          <TextareaField
            form={form}
            name="headerText"
            label="Header"
            rows={2}
            hint={hint(settings.placeholders.document)}
          />
          <TextareaField
            form={form}
            name="paymentText"
            label="Payment terms"
            rows={2}
            hint="Empty: the default text."
          />
          <TextareaField form={form} name="footerText" label="Footer" rows={2} hint="On every page (and statements)." />
        </fieldset>
        <fieldset className="card" disabled={disabled}>
          <legend>Emails</legend>
          <TextField form={form} name="emailSubject" label="Document email subject" maxLength={200} />
          <TextareaField
            form={form}
            name="emailBody"
            label="Document email text"
            rows={6}
            hint="Empty: the default text."
          />
          <TextField form={form} name="statementEmailSubject" label="Statement email subject" maxLength={200} />
          <TextareaField
            form={form}
            name="statementEmailBody"
            label="Statement email text"
            rows={5}
            hint={hint(settings.placeholders.statement)}
          />
        </fieldset>
        {admin && (
          <div className="form-actions">
            <SubmitButton form={form}>Save settings</SubmitButton>
          </div>
        )}
      </Form>
      <AttachmentsPanel recordType="finance.company" recordId={settings.companyRecordId} canWrite={admin} />
    </>
  );
}
