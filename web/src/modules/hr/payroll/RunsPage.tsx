import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, listFetcher, unwrap } from '../../../api';
import {
  DataTable,
  DateField,
  DateText,
  Dialog,
  Form,
  listQueryKey,
  Money,
  PageHeader,
  RequirePermission,
  SelectField,
  Skeleton,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
  type Column,
} from '../../../components';
import { addDays, hrKeys, payFrequencyLabels, statusBadge, type PayrollRun } from '../queries';
import '../hr.css';

export const runStatusLabels: Record<string, string> = {
  draft: 'Draft',
  calculated: 'Calculated',
  reviewed: 'Reviewed',
  approved: 'Approved',
  cancelled: 'Cancelled',
};

const columns: Column<PayrollRun>[] = [
  {
    id: 'period',
    header: 'Period',
    sortKey: 'periodStart',
    alwaysVisible: true,
    cell: (r) => (
      <Link to={`/hr/payroll/runs/${r.id}`}>
        <DateText value={r.periodStart} /> – <DateText value={r.periodEnd} />
      </Link>
    ),
  },
  { id: 'payDate', header: 'Pay day', cell: (r) => <DateText value={r.payDate} /> },
  { id: 'currency', header: 'Currency', cell: (r) => r.currency },
  { id: 'frequency', header: 'Paid', cell: (r) => payFrequencyLabels[r.payFrequency] ?? r.payFrequency },
  {
    id: 'status',
    header: 'Status',
    cell: (r) => <span className={statusBadge(r.status)}>{runStatusLabels[r.status]}</span>,
  },
  { id: 'employees', header: 'People', align: 'right', cell: (r) => r.totals?.employees ?? '—' },
  {
    id: 'gross',
    header: 'Gross',
    align: 'right',
    cell: (r) => (r.totals ? <Money amount={r.totals.gross} currency={r.currency} /> : '—'),
  },
  {
    id: 'net',
    header: 'Net',
    align: 'right',
    cell: (r) => (r.totals ? <Money amount={r.totals.net} currency={r.currency} /> : '—'),
  },
  {
    id: 'created',
    header: 'Created',
    sortKey: 'createdAt',
    hiddenByDefault: true,
    cell: (r) => <DateText value={r.createdAt} />,
  },
];

/** Payroll runs (hr:admin, hr:compensation): list and create. */
export default function RunsPage() {
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  return (
    <RequirePermission permission="hr:compensation" what="Payroll">
      <PageHeader
        title="Payroll"
        description="Monthly (or other) pay runs: calculate, review, approve — approval posts the journal entry to Finance."
      />
      <DataTable
        id={hrKeys.runs}
        caption="Payroll runs"
        columns={columns}
        fetchPage={listFetcher('/api/v1/hr/payroll/runs')}
        rowKey={(r) => r.id}
        defaultSort="-periodStart"
        filters={[
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: Object.entries(runStatusLabels).map(([value, label]) => ({ value, label })),
          },
          { name: 'currency', label: 'Currency', type: 'text', placeholder: 'EUR' },
        ]}
        actions={
          can('hr:admin') && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New run
            </button>
          )
        }
      />
      {creating && <CreateRunDialog onClose={() => setCreating(false)} />}
    </RequirePermission>
  );
}

const schema = z
  .object({
    periodStart: z.string().min(1, 'Required.'),
    periodEnd: z.string().min(1, 'Required.'),
    payDate: z.string().min(1, 'Required.'),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'A currency code such as EUR.'),
    payFrequency: z.enum(['monthly', 'semi_monthly', 'biweekly', 'weekly']),
    notes: z.string().max(1000),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ['periodEnd'], message: 'Ends before it starts.' })
  .refine((v) => v.periodEnd < v.periodStart || addDays(v.periodStart, 61) >= v.periodEnd, {
    path: ['periodEnd'],
    message: 'A pay period is at most 62 days.',
  })
  .refine((v) => v.payDate >= v.periodStart, { path: ['payDate'], message: 'Pay day is before the period starts.' });

function monthBounds(): { start: string; end: string } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getFullYear(), now.getMonth(), 1));
  const end = new Date(Date.UTC(now.getFullYear(), now.getMonth() + 1, 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** The new-run form starts in Finance's base currency (GET /hr/payroll/settings). */
function CreateRunDialog({ onClose }: { onClose: () => void }) {
  const settings = useQuery({
    queryKey: hrKeys.payrollSettings,
    queryFn: () => unwrap(api.GET('/api/v1/hr/payroll/settings')),
    staleTime: 5 * 60_000,
  });
  if (settings.isPending)
    return (
      <Dialog open title="New payroll run" onClose={onClose}>
        <Skeleton height="14em" />
      </Dialog>
    );
  return <CreateRunForm currency={settings.data?.baseCurrency ?? ''} onClose={onClose} />;
}

function CreateRunForm({ currency: initialCurrency, onClose }: { currency: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const { start, end } = monthBounds();
  const form = useForm({
    initialValues: {
      periodStart: start,
      periodEnd: end,
      payDate: end,
      currency: initialCurrency,
      payFrequency: 'monthly' as const,
      notes: '',
    },
    schema,
    onSubmit: async ({ notes, currency, ...rest }) => {
      const run = await unwrap(
        api.POST('/api/v1/hr/payroll/runs', {
          body: { ...rest, currency: currency.toUpperCase(), ...(notes.trim() ? { notes: notes.trim() } : {}) },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.runs) });
      toast.success('Draft run created. Calculate it next.');
      await navigate({ to: `/hr/payroll/runs/${run.id}` });
    },
  });
  return (
    <Dialog open title="New payroll run" onClose={onClose}>
      <Form form={form}>
        <DateField form={form} name="periodStart" label="Period start" required />
        <DateField form={form} name="periodEnd" label="Period end" required />
        <DateField form={form} name="payDate" label="Pay day" required />
        <TextField
          form={form}
          name="currency"
          label="Currency"
          required
          maxLength={3}
          hint="Finance's base currency by default. Employees paid in another currency are left out; a run in another currency needs an exchange rate to be approved."
        />
        <SelectField
          form={form}
          name="payFrequency"
          label="Pay frequency"
          options={Object.entries(payFrequencyLabels).map(([value, label]) => ({ value, label }))}
        />
        <TextareaField form={form} name="notes" label="Notes" rows={2} />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton form={form} busyLabel="Creating…">
            Create draft run
          </SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
