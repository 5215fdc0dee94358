import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  CheckboxField,
  DateField,
  DateText,
  Dialog,
  EmptyState,
  ErrorState,
  Form,
  FormErrorBanner,
  NumberField,
  PageHeader,
  SelectField,
  Skeleton,
  SubmitButton,
  TextField,
  useConfirm,
  useForm,
  useToast,
} from '../../../components';
import { formatDays, hrKeys, useLeaveTypes, useLocations, type LeaveType } from '../queries';
import '../hr.css';

/** hr:admin: leave types (allowance, carry-over) and public holidays per location. */
export default function LeaveSettingsPage() {
  return (
    <>
      <PageHeader
        title="Leave settings"
        description="Types of leave with their yearly allowance, and public holidays."
      />
      <LeaveTypes />
      <Holidays />
    </>
  );
}

function LeaveTypes() {
  const types = useLeaveTypes();
  const [editing, setEditing] = useState<LeaveType | 'new' | null>(null);
  return (
    <section className="card" aria-labelledby="types-h">
      <div className="page-header">
        <h2 id="types-h">Leave types</h2>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          New leave type
        </button>
      </div>
      {types.isPending ? (
        <Skeleton height="6em" />
      ) : types.isError ? (
        <ErrorState error={types.error} onRetry={() => void types.refetch()} />
      ) : types.data.items.length === 0 ? (
        <EmptyState title="No leave types yet" />
      ) : (
        <div className="table-scroll">
          <table aria-label="Leave types">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Code</th>
                <th scope="col" className="num">
                  Days a year
                </th>
                <th scope="col">Paid</th>
                <th scope="col">Approval</th>
                <th scope="col">Carry-over</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {types.data.items.map((t) => (
                <tr key={t.id}>
                  <td>
                    <button type="button" className="btn-link" onClick={() => setEditing(t)}>
                      {t.name}
                    </button>
                  </td>
                  <td>{t.code}</td>
                  <td className="num">{Number(t.yearlyAllowance)}</td>
                  <td>{t.paid ? 'Paid' : 'Unpaid'}</td>
                  <td>{t.requiresApproval ? 'Manager approves' : 'Automatic'}</td>
                  <td>
                    {Number(t.carryOverMax) > 0
                      ? `Up to ${formatDays(t.carryOverMax)}${t.carryOverExpiryMonth ? `, lapses after month ${t.carryOverExpiryMonth}` : ''}`
                      : 'None'}
                  </td>
                  <td>
                    <span className={t.active ? 'badge badge-active' : 'badge badge-inactive'}>
                      {t.active ? 'Active' : 'Inactive'}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <Dialog
          open
          title={editing === 'new' ? 'New leave type' : `Edit ${editing.name}`}
          onClose={() => setEditing(null)}
        >
          <LeaveTypeForm type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        </Dialog>
      )}
    </section>
  );
}

const dayCount = z.string().regex(/^\d{1,3}(\.[05]0?)?$/, 'Days in half-day steps, e.g. 25 or 2.5.');
const typeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'Lower-case letters, digits, - and _ (up to 30).'),
  name: z.string().trim().min(1, 'Required.').max(100),
  yearlyAllowance: dayCount,
  carryOverMax: dayCount,
  carryOverExpiryMonth: z.string(),
  paid: z.boolean(),
  allowNegative: z.boolean(),
  requiresApproval: z.boolean(),
  active: z.boolean(),
});

const months = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: new Date(Date.UTC(2000, i, 1)).toLocaleDateString(undefined, { month: 'long', timeZone: 'UTC' }),
}));

function LeaveTypeForm({ type, onClose }: { type: LeaveType | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: {
      code: type?.code ?? '',
      name: type?.name ?? '',
      yearlyAllowance: type ? String(Number(type.yearlyAllowance)) : '25',
      carryOverMax: type ? String(Number(type.carryOverMax)) : '0',
      carryOverExpiryMonth: type?.carryOverExpiryMonth ? String(type.carryOverExpiryMonth) : '',
      paid: type?.paid ?? true,
      allowNegative: type?.allowNegative ?? false,
      requiresApproval: type?.requiresApproval ?? true,
      active: type?.active ?? true,
    },
    schema: typeSchema,
    onSubmit: async ({ code, carryOverExpiryMonth, ...rest }) => {
      const body = { ...rest, carryOverExpiryMonth: carryOverExpiryMonth ? Number(carryOverExpiryMonth) : null };
      if (type)
        await unwrap(
          api.PATCH('/api/v1/hr/leave/types/{id}', {
            params: { path: { id: type.id } },
            body: { ...body, version: type.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/hr/leave/types', { body: { ...body, code } }));
      await queryClient.invalidateQueries({ queryKey: hrKeys.leaveTypes });
      await queryClient.invalidateQueries({ queryKey: ['hr', 'balances'] });
      toast.success('Leave type saved.');
      onClose();
    },
  });
  return (
    <Form form={form} onReload={onClose}>
      <TextField form={form} name="name" label="Name" required />
      <TextField form={form} name="code" label="Code" required disabled={type !== null} hint="Cannot change later." />
      <NumberField form={form} name="yearlyAllowance" label="Days per full year" suffix="days" />
      <NumberField form={form} name="carryOverMax" label="Most days carried into next year" suffix="days" />
      <SelectField
        form={form}
        name="carryOverExpiryMonth"
        label="Carried days lapse at the end of"
        placeholder="Never"
        options={months}
      />
      <CheckboxField form={form} name="paid" label="Paid leave" />
      <CheckboxField form={form} name="requiresApproval" label="Needs the manager’s approval" />
      <CheckboxField form={form} name="allowNegative" label="May go below zero" />
      <CheckboxField form={form} name="active" label="Active (can be requested)" />
      <div className="dialog-footer">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <SubmitButton form={form}>Save</SubmitButton>
      </div>
    </Form>
  );
}

const holidaySchema = z.object({
  locationId: z.string().min(1, 'Choose a location.'),
  date: z.string().min(1, 'Required.'),
  name: z.string().trim().min(1, 'Required.').max(100),
});

function Holidays() {
  const uid = useId();
  const locations = useLocations();
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [year, setYear] = useState(new Date().getFullYear());
  const [locationId, setLocationId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const holidays = useQuery({
    queryKey: ['hr', 'holidays', year, locationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/leave/holidays', { params: { query: { year, ...(locationId ? { locationId } : {}) } } }),
      ),
  });
  const names = new Map((locations.data?.items ?? []).map((l) => [l.id, l.name]));
  const form = useForm({
    initialValues: { locationId: '', date: '', name: '' },
    schema: holidaySchema,
    onSubmit: async (body) => {
      await unwrap(api.POST('/api/v1/hr/leave/holidays', { body }));
      await queryClient.invalidateQueries({ queryKey: ['hr', 'holidays'] });
      toast.success(`${body.name} added.`);
      form.reset({ ...body, date: '', name: '' });
    },
  });
  const remove = async (h: { id: string; name: string; date: string }) => {
    if (
      !(await confirm({
        title: `Remove ${h.name}?`,
        message: 'Requests already made keep their day counts.',
        confirmLabel: 'Remove',
      }))
    )
      return;
    setError(null);
    try {
      await unwrap(api.DELETE('/api/v1/hr/leave/holidays/{id}', { params: { path: { id: h.id } } }));
      await queryClient.invalidateQueries({ queryKey: ['hr', 'holidays'] });
      toast.success('Holiday removed.');
    } catch (e) {
      setError(e);
    }
  };
  const locationOptions = (locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }));
  return (
    <section className="card" aria-labelledby="hol-h">
      <h2 id="hol-h">Public holidays</h2>
      <div className="toolbar">
        <div className="filter">
          <label htmlFor={`${uid}-y`}>Year</label>
          <input
            id={`${uid}-y`}
            type="number"
            min={1900}
            max={9999}
            value={year}
            onChange={(e) => setYear(Number(e.target.value) || new Date().getFullYear())}
          />
        </div>
        <div className="filter">
          <label htmlFor={`${uid}-l`}>Location</label>
          <select id={`${uid}-l`} value={locationId} onChange={(e) => setLocationId(e.target.value)}>
            <option value="">All</option>
            {locationOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormErrorBanner error={error} />
      {holidays.isPending ? (
        <Skeleton height="6em" />
      ) : holidays.isError ? (
        <ErrorState error={holidays.error} onRetry={() => void holidays.refetch()} />
      ) : holidays.data.items.length === 0 ? (
        <EmptyState title={`No public holidays in ${year}`} />
      ) : (
        <div className="table-scroll">
          <table aria-label="Public holidays">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Name</th>
                <th scope="col">Location</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holidays.data.items.map((h) => (
                <tr key={h.id}>
                  <td>
                    <DateText value={h.date} />
                  </td>
                  <td>{h.name}</td>
                  <td>{names.get(h.locationId) ?? '…'}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost"
                      onClick={() => void remove(h)}
                      aria-label={`Remove ${h.name}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Add a holiday</h3>
      <Form form={form}>
        <div className="grid-2">
          <SelectField
            form={form}
            name="locationId"
            label="Location"
            required
            placeholder="Choose…"
            options={locationOptions}
          />
          <DateField form={form} name="date" label="Date" required />
          <TextField form={form} name="name" label="Name" required />
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>Add holiday</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
