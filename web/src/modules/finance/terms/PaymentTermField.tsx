import { SelectField, type FormState } from '../../../components';
import { describeInstalments, usePaymentTerms } from './termsQueries';

/** The payment term of an invoice or bill draft: its instalments set the due date. */
export function PaymentTermField<V extends { paymentTermId: string; dueDate: string } & Record<string, unknown>>({
  form,
}: {
  form: FormState<V>;
}) {
  const terms = usePaymentTerms();
  const chosen = terms.data?.items.find((t) => t.id === form.values.paymentTermId);
  const options = (terms.data?.items ?? [])
    .filter((t) => t.active || t.id === form.values.paymentTermId)
    .map((t) => ({ value: t.id, label: t.name }));
  if (options.length === 0) return null;
  return (
    <SelectField
      form={form as unknown as FormState<{ paymentTermId: string }>}
      name="paymentTermId"
      label="Payment term"
      placeholder="(net days: the due date)"
      options={options}
      hint={chosen ? `${describeInstalments(chosen)}. It sets the due date.` : undefined}
    />
  );
}
