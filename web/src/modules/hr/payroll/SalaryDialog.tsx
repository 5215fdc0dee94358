import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DateField,
  DecimalField,
  Dialog,
  Form,
  SelectField,
  Skeleton,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { hrKeys, payFrequencyLabels, todayIso, type EmployeeWithCompensation } from '../queries';
import { money } from './rules';

const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'A currency code such as EUR.')
  .transform((c) => c.toUpperCase());
const frequencyOptions = Object.entries(payFrequencyLabels).map(([value, label]) => ({ value, label }));

const salarySchema = z.object({
  effectiveDate: z.string().min(1, 'Required.'),
  baseSalary: money,
  currency,
  payFrequency: z.enum(['monthly', 'semi_monthly', 'biweekly', 'weekly']),
  reason: z.string().trim().max(500),
});

/** A salary change (hr:admin), effective from a date; a first salary starts in Finance's base currency. */
export function SalaryDialog({ employee, onClose }: { employee: EmployeeWithCompensation; onClose: () => void }) {
  // Without a salary yet, the currency starts as Finance's base currency.
  const settings = useQuery({
    queryKey: hrKeys.payrollSettings,
    queryFn: () => unwrap(api.GET('/api/v1/hr/payroll/settings')),
    staleTime: 5 * 60_000,
    enabled: !employee.compensation,
  });
  const title = `Salary change for ${employee.firstName} ${employee.lastName}`;
  if (!employee.compensation && settings.isPending)
    return (
      <Dialog open title={title} onClose={onClose}>
        <Skeleton height="12em" />
      </Dialog>
    );
  const currency = employee.compensation?.currency ?? settings.data?.baseCurrency ?? '';
  return <SalaryForm employee={employee} title={title} initialCurrency={currency} onClose={onClose} />;
}

function SalaryForm({
  employee,
  title,
  initialCurrency,
  onClose,
}: {
  employee: EmployeeWithCompensation;
  title: string;
  initialCurrency: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const current = employee.compensation;
  const form = useForm({
    initialValues: {
      effectiveDate: todayIso(),
      baseSalary: '',
      currency: initialCurrency,
      payFrequency: (current?.payFrequency ?? 'monthly') as 'monthly' | 'semi_monthly' | 'biweekly' | 'weekly',
      reason: '',
    },
    schema: salarySchema,
    onSubmit: async ({ reason, ...rest }) => {
      await unwrap(
        api.POST('/api/v1/hr/employees/{id}/compensation', {
          params: { path: { id: employee.id } },
          body: { ...rest, ...(reason ? { reason } : {}) },
        }),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: hrKeys.employee(employee.id) }),
        queryClient.invalidateQueries({ queryKey: hrKeys.history(employee.id) }),
        queryClient.invalidateQueries({ queryKey: hrKeys.me }),
      ]);
      toast.success(`Salary of ${employee.firstName} ${employee.lastName} saved.`);
      onClose();
    },
  });
  return (
    <Dialog open title={title} onClose={onClose}>
      <Form form={form}>
        <DateField form={form} name="effectiveDate" label="Effective from" required />
        <DecimalField
          form={form}
          name="baseSalary"
          label="Annual base salary"
          required
          suffix={form.values.currency.toUpperCase() || undefined}
          hint="The yearly amount; each pay period gets its share (a monthly salary is a twelfth)."
        />
        <TextField form={form} name="currency" label="Currency" required maxLength={3} />
        <SelectField form={form} name="payFrequency" label="Pay frequency" options={frequencyOptions} />
        <TextareaField form={form} name="reason" label="Reason" rows={2} />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton form={form}>Save salary</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
