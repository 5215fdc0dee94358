import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DateField,
  DateText,
  DecimalField,
  Dialog,
  ErrorState,
  Form,
  FormErrorBanner,
  Money,
  SelectField,
  Skeleton,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
} from '../../../components';
import { hrKeys, payFrequencyLabels, todayIso, type EmployeeWithCompensation, type PayComponent } from '../queries';

/**
 * The employee profile's pay: the salary in force (hr:admin adds a salary change) and the recurring
 * allowances and deductions (hr:admin adds, edits and removes them). Shown to whoever may see the
 * employee's compensation (the API decides; see src/modules/hr/payroll/README.md).
 */
export function CompensationPanel({ employee }: { employee: EmployeeWithCompensation }) {
  const { can } = useAuth();
  const admin = can('hr:admin');
  const [adding, setAdding] = useState(false);
  const compensation = employee.compensation;
  return (
    <>
      <section className="card" aria-labelledby="pay-h">
        <h2 id="pay-h">Compensation</h2>
        {compensation ? (
          <dl className="hr-dl">
            <dt>Base salary (annual)</dt>
            <dd>
              <Money amount={compensation.baseSalary} currency={compensation.currency} />
            </dd>
            <dt>Paid</dt>
            <dd>{payFrequencyLabels[compensation.payFrequency] ?? compensation.payFrequency}</dd>
            <dt>Since</dt>
            <dd>
              <DateText value={compensation.effectiveDate} />
            </dd>
          </dl>
        ) : (
          <p className="muted">No salary on file.</p>
        )}
        {admin && (
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setAdding(true)}>
              Add salary change
            </button>
          </div>
        )}
      </section>
      <PayComponents employeeId={employee.id} admin={admin} />
      {adding && <SalaryDialog employee={employee} onClose={() => setAdding(false)} />}
    </>
  );
}

const money = z
  .string()
  .trim()
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, 'A number like 52000 or 52000.50 (at most 2 decimals).');
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

function SalaryDialog({ employee, onClose }: { employee: EmployeeWithCompensation; onClose: () => void }) {
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

function PayComponents({ employeeId, admin }: { employeeId: string; admin: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [editing, setEditing] = useState<PayComponent | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const components = useQuery({
    queryKey: hrKeys.payComponents(employeeId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/employees/{id}/pay-components', {
          params: { path: { id: employeeId }, query: { limit: 200 } },
        }),
      ),
  });
  const remove = async (c: PayComponent) => {
    const ok = await confirm({
      title: `Remove “${c.name}”?`,
      message:
        'Future payroll runs no longer include it; payslips already made keep their lines. To stop it from a date instead, edit it and set an end date.',
      confirmLabel: 'Remove',
    });
    if (!ok) return;
    setError(null);
    try {
      await unwrap(
        api.DELETE('/api/v1/hr/pay-components/{id}', {
          params: { path: { id: c.id }, query: { version: c.version } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: hrKeys.payComponents(employeeId) });
      toast.success(`Removed ${c.name}.`);
    } catch (e) {
      setError(e);
    }
  };
  const items = components.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="comp-h">
      <h2 id="comp-h">Allowances and deductions</h2>
      <FormErrorBanner
        error={error}
        onReload={() => void queryClient.invalidateQueries({ queryKey: hrKeys.payComponents(employeeId) })}
      />
      {components.isPending ? (
        <Skeleton height="4em" />
      ) : components.isError ? (
        <ErrorState error={components.error} onRetry={() => void components.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">No recurring allowances or deductions.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Allowances and deductions">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Per period
                </th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                {admin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.kind === 'allowance' ? 'Allowance' : 'Deduction'}</td>
                  <td className="num">{c.amount !== null ? c.amount : `${c.rate ?? ''} % of base pay`}</td>
                  <td>
                    <DateText value={c.startDate} />
                  </td>
                  <td>{c.endDate ? <DateText value={c.endDate} /> : '—'}</td>
                  {admin && (
                    <td>
                      <span className="hr-actions">
                        <button
                          type="button"
                          className="btn"
                          onClick={() => setEditing(c)}
                          aria-label={`Edit ${c.name}`}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost"
                          onClick={() => void remove(c)}
                          aria-label={`Remove ${c.name}`}
                        >
                          Remove
                        </button>
                      </span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            Add allowance or deduction
          </button>
        </div>
      )}
      {editing && (
        <ComponentDialog
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          employeeId={employeeId}
          component={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

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

function ComponentDialog({
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
