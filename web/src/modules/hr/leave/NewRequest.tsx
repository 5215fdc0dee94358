import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import { DateField, Form, listQueryKey, SelectField, TextareaField, useForm, useToast } from '../../../components';
import { formatDays, hrKeys, todayIso, useLeaveTypes } from '../queries';
import { approverText } from './leaveUi';
import { RequestPreview } from './RequestPreview';

const requestSchema = z
  .object({
    leaveTypeId: z.string().min(1, 'Choose a type of leave.'),
    startDate: z.string().min(1, 'Required.'),
    endDate: z.string().min(1, 'Required.'),
    startPortion: z.enum(['full', 'pm']),
    endPortion: z.enum(['full', 'am']),
    reason: z.string().max(1000),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'The end date is before the start date.' })
  .refine((v) => v.startDate.slice(0, 4) === v.endDate.slice(0, 4), {
    path: ['endDate'],
    message: 'A request stays within one calendar year; split it at 31 December.',
  })
  .refine((v) => !(v.startDate === v.endDate && v.startPortion === 'pm' && v.endPortion === 'am'), {
    path: ['endPortion'],
    message: 'On a one-day request choose the afternoon or the morning, not both.',
  });

/** "Request leave": type, dates and half days, a note; submit it or save a draft. The preview counts the days as you type. */
export function NewRequest({ employeeId }: { employeeId: string }) {
  const types = useLeaveTypes();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draftOnly, setDraftOnly] = useState(false);
  const form = useForm({
    initialValues: {
      leaveTypeId: '',
      startDate: todayIso(),
      endDate: todayIso(),
      startPortion: 'full',
      endPortion: 'full',
      reason: '',
    },
    schema: requestSchema,
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/hr/leave/requests', {
          body: { ...v, reason: v.reason.trim() || null, submit: !draftOnly },
        }),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.myRequests) }),
        queryClient.invalidateQueries({ queryKey: ['hr', 'balances', employeeId] }),
        queryClient.invalidateQueries({ queryKey: hrKeys.leavePreview }),
      ]);
      toast.success(
        created.status === 'draft'
          ? `Draft saved: ${formatDays(created.days)}. Submit it from your requests.`
          : created.status === 'approved'
            ? `Booked: ${formatDays(created.days)} (this type needs no approval).`
            : `Submitted: ${formatDays(created.days)}, ${created.approver ? approverText(created.approver) : 'waiting for approval'}.`,
      );
      form.reset();
    },
  });
  const v = form.values;
  const activeTypes = (types.data?.items ?? []).filter((t) => t.active);
  return (
    <section className="card" aria-labelledby="newreq-h">
      <h2 id="newreq-h">Request leave</h2>
      <Form form={form}>
        <div className="grid-2">
          <div>
            <SelectField
              form={form}
              name="leaveTypeId"
              label="Type of leave"
              required
              placeholder="Choose…"
              options={activeTypes.map((t) => ({ value: t.id, label: `${t.name}${t.paid ? '' : ' (unpaid)'}` }))}
            />
            <DateField form={form} name="startDate" label="First day" required />
            <SelectField
              form={form}
              name="startPortion"
              label="On the first day"
              options={[
                { value: 'full', label: 'The whole day' },
                { value: 'pm', label: 'Afternoon only (half day)' },
              ]}
            />
            <DateField form={form} name="endDate" label="Last day" required />
            <SelectField
              form={form}
              name="endPortion"
              label="On the last day"
              options={[
                { value: 'full', label: 'The whole day' },
                { value: 'am', label: 'Morning only (half day)' },
              ]}
            />
          </div>
          <div>
            <TextareaField form={form} name="reason" label="Note for your manager" rows={3} />
            <RequestPreview
              values={v}
              typeName={activeTypes.find((t) => t.id === v.leaveTypeId)?.name ?? 'This type'}
            />
          </div>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={form.submitting}
            onClick={() => setDraftOnly(false)}
          >
            {form.submitting && !draftOnly ? 'Submitting…' : 'Submit request'}
          </button>
          <button type="submit" className="btn" disabled={form.submitting} onClick={() => setDraftOnly(true)}>
            {form.submitting && draftOnly ? 'Saving…' : 'Save as draft'}
          </button>
        </div>
      </Form>
    </section>
  );
}
