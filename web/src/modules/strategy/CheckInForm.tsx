import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import { DecimalField, Form, SelectField, SubmitButton, TextareaField, useForm, useToast } from '../../components';
import { CONFIDENCE_LABELS, type Confidence, type KeyResult } from './queries';

const MANUAL: ReadonlySet<KeyResult['kind']> = new Set(['numeric', 'percentage', 'boolean']);
const confidences = Object.keys(CONFIDENCE_LABELS) as Confidence[];

const schema = z.object({
  confidence: z.enum(['on-track', 'at-risk', 'off-track'], { error: 'Choose a confidence.' }),
  comment: z.string().trim().max(5000),
  value: z
    .string()
    .trim()
    .regex(/^(-?\d+(\.\d{1,8})?)?$/, 'A number such as 1250.50.'),
});

/** A check-in: confidence, a comment, and for manual key results the new value. */
export function CheckInForm({ kr }: { kr: KeyResult }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const manual = MANUAL.has(kr.kind);
  const form = useForm({
    initialValues: { confidence: 'on-track', comment: '', value: '' },
    schema,
    onSubmit: async (v) => {
      await unwrap(
        api.POST('/api/v1/strategy/key-results/{id}/check-ins', {
          params: { path: { id: kr.id } },
          body: { confidence: v.confidence, comment: v.comment, ...(manual && v.value ? { value: v.value } : {}) },
        }),
      );
      toast.success('Checked in.');
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['strategy'] });
    },
  });
  return (
    <Form form={form} className="form st-checkin" confirmLeave={false}>
      <fieldset>
        <legend>Check in on {kr.title}</legend>
        <SelectField
          form={form}
          name="confidence"
          label="Confidence"
          options={confidences.map((c) => ({ value: c, label: CONFIDENCE_LABELS[c] }))}
        />
        {manual && (
          <DecimalField
            form={form}
            name="value"
            label="New value"
            hint={kr.kind === 'boolean' ? '1 when done, 0 when not' : 'Leave empty to keep the value'}
          />
        )}
        <TextareaField form={form} name="comment" label="Comment" rows={2} />
        <div className="form-actions">
          <SubmitButton form={form}>Check in</SubmitButton>
        </div>
      </fieldset>
    </Form>
  );
}
