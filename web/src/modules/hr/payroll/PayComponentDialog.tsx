import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DateField,
  DecimalField,
  Dialog,
  Form,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { hrKeys, todayIso, type PayComponent } from '../queries';
import { money } from './rules';

const componentSchema = z
  .object({
    kind: z.enum(['allowance', 'deduction']),
    name: z.string().trim().min(1, 'Required.').max(100),
    mode: z.enum(['amount', 'rate']),
    amount: z.string().trim(),
    rate: z.string().trim(),
    startDate: z.string().min(1, 'Required.'),
    endDate: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'amount' && !money.safeParse(v.amount).success)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'A number like 150 or 150.50 (at most 2 decimals).' });
    if (v.mode === 'rate' && (!/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/.test(v.rate) || Number(v.rate) > 100))
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'A percentage from 0 to 100, like 7.5.' });
    if (v.endDate && v.endDate < v.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Ends before it starts.' });
  });

/** Add (`component` null) or edit a recurring allowance or deduction: a fixed amount or a rate of the base pay. */
export function PayComponentDialog({
  employeeId,
  component,
  onClose,
}: {
  employeeId: string;
  component: PayComponent | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: {
      kind: component?.kind ?? ('allowance' as 'allowance' | 'deduction'),
      name: component?.name ?? '',
      mode: (component?.rate != null ? 'rate' : 'amount') as 'amount' | 'rate',
      amount: component?.amount ?? '',
      rate: component?.rate ?? '',
      startDate: component?.startDate ?? todayIso(),
      endDate: component?.endDate ?? '',
    },
    schema: componentSchema,
    onSubmit: async (v) => {
      const value = v.mode === 'amount' ? { amount: v.amount } : { rate: v.rate };
      if (component) {
        await unwrap(
          api.PATCH('/api/v1/hr/pay-components/{id}', {
            params: { path: { id: component.id } },
            body: {
              version: component.version,
              name: v.name,
              ...(v.mode === 'amount' ? { amount: v.amount, rate: null } : { rate: v.rate, amount: null }),
              startDate: v.startDate,
              endDate: v.endDate || null,
            },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/v1/hr/employees/{id}/pay-components', {
            params: { path: { id: employeeId } },
            body: { kind: v.kind, name: v.name, ...value, startDate: v.startDate, endDate: v.endDate || null },
          }),
        );
      }
      await queryClient.invalidateQueries({ queryKey: hrKeys.payComponents(employeeId) });
      toast.success(component ? `Saved ${v.name}.` : `Added ${v.name}.`);
      onClose();
    },
  });
  return (
    <Dialog open title={component ? `Edit ${component.name}` : 'New allowance or deduction'} onClose={onClose}>
      <Form
        form={form}
        onReload={() => {
          void queryClient.invalidateQueries({ queryKey: hrKeys.payComponents(employeeId) });
          onClose();
        }}
      >
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          disabled={component !== null}
          hint={component ? 'The kind cannot change; remove it and add a new one instead.' : undefined}
          options={[
            { value: 'allowance', label: 'Allowance (adds to gross pay)' },
            { value: 'deduction', label: 'Deduction (comes off net pay)' },
          ]}
        />
        <TextField form={form} name="name" label="Name" required />
        <SelectField
          form={form}
          name="mode"
          label="Amount per pay period"
          options={[
            { value: 'amount', label: 'A fixed amount' },
            { value: 'rate', label: 'A percentage of base pay' },
          ]}
        />
        {form.values.mode === 'amount' ? (
          <DecimalField
            form={form}
            name="amount"
            label="Fixed amount"
            required
            hint="In the payroll run's currency, per full pay period."
          />
        ) : (
          <DecimalField form={form} name="rate" label="Percentage" required suffix="%" />
        )}
        <DateField form={form} name="startDate" label="From" required />
        <DateField form={form} name="endDate" label="Until" hint="Leave empty while it lasts." />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton form={form}>{component ? 'Save' : 'Add'}</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
