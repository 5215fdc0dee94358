import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  CheckboxField,
  Form,
  NumberField,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { hrKeys, type LeaveType } from '../queries';

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

/** A new leave type (`type` null) or an existing one (its code stays). */
export function LeaveTypeForm({ type, onClose }: { type: LeaveType | null; onClose: () => void }) {
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
