import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DecimalField,
  Form,
  listQueryKey,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { financeKeys, type Party } from '../queries';

const schema = z.object({
  kind: z.enum(['customer', 'vendor', 'both']),
  name: z.string().trim().min(1, 'Required.').max(200),
  email: z.union([z.literal(''), z.string().trim().email('Not a valid email address.')]),
  taxId: z.string().trim().max(50, 'At most 50 characters.'),
  currency: z.union([z.literal(''), z.string().regex(/^[A-Z]{3}$/, 'A three-letter code such as EUR.')]),
  paymentTermsDays: z.string().regex(/^\d{1,4}$/, 'Whole days, e.g. 30.'),
});

/** Create or edit a customer / vendor. */
export function PartyForm({
  party,
  onDone,
  onCancel,
}: {
  party: Party | null;
  onDone: (party: Party) => void;
  onCancel?: () => void;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      kind: party?.kind ?? 'customer',
      name: party?.name ?? '',
      email: party?.email ?? '',
      taxId: party?.taxId ?? '',
      currency: party?.currency ?? '',
      paymentTermsDays: String(party?.paymentTermsDays ?? 30),
    },
    schema,
    onSubmit: async (v) => {
      const body = {
        kind: v.kind,
        name: v.name,
        email: v.email || null,
        taxId: v.taxId || null,
        currency: v.currency || null,
        paymentTermsDays: Number(v.paymentTermsDays),
      };
      const saved = party
        ? await unwrap(
            api.PATCH('/api/v1/finance/parties/{id}', {
              params: { path: { id: party.id } },
              body: { ...body, version: party.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/finance/parties', { body }));
      await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.parties) });
      await queryClient.invalidateQueries({ queryKey: ['finance', 'parties'] });
      queryClient.setQueryData(['finance', 'party', saved.id], saved);
      toast.success(party ? 'Saved.' : `${saved.name} added.`);
      onDone(saved);
    },
  });
  return (
    <Form
      form={form}
      onReload={() => void queryClient.invalidateQueries({ queryKey: ['finance', 'party', party?.id ?? ''] })}
    >
      <SelectField
        form={form}
        name="kind"
        label="Kind"
        options={[
          { value: 'customer', label: 'Customer' },
          { value: 'vendor', label: 'Vendor' },
          { value: 'both', label: 'Customer and vendor' },
        ]}
      />
      <TextField form={form} name="name" label="Name" required autoFocus />
      <TextField form={form} name="email" label="Email" type="email" />
      <TextField form={form} name="taxId" label="Tax id" />
      <TextField
        form={form}
        name="currency"
        label="Currency"
        maxLength={3}
        hint="Its documents' default currency; empty for the base currency."
      />
      <DecimalField form={form} name="paymentTermsDays" label="Payment terms" suffix="days" />
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <SubmitButton form={form}>{party ? 'Save' : 'Add'}</SubmitButton>
      </div>
    </Form>
  );
}
