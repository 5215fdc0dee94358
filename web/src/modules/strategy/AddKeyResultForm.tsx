import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import { DecimalField, Form, SelectField, SubmitButton, TextField, useForm, useToast } from '../../components';
import { MetricPicker, paramsBody } from './MetricParams';
import { KIND_LABELS, sKeys, useMetrics, type KeyResult } from './queries';

const decimal = z
  .string()
  .trim()
  .regex(/^(-?\d+(\.\d{1,8})?)?$/, 'A number such as 1250.50.');
const kinds = Object.keys(KIND_LABELS) as KeyResult['kind'][];

const schema = z
  .object({
    title: z.string().trim().min(1, 'Give the key result a title.').max(300),
    kind: z.enum(['numeric', 'percentage', 'boolean', 'metric', 'milestone']),
    metricKey: z.string(),
    metricParams: z.string(),
    milestoneId: z.string().trim(),
    startValue: decimal,
    targetValue: decimal,
    weight: z
      .string()
      .trim()
      .regex(/^\d+(\.\d{1,4})?$/, 'A weight such as 1 or 0.5.'),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'metric' && !v.metricKey)
      ctx.addIssue({ code: 'custom', path: ['metricKey'], message: 'Choose a metric.' });
    if (v.kind === 'milestone' && !v.milestoneId)
      ctx.addIssue({ code: 'custom', path: ['milestoneId'], message: 'Paste the milestone id.' });
    if ((v.kind === 'numeric' || v.kind === 'metric') && (!v.startValue || !v.targetValue))
      ctx.addIssue({ code: 'custom', path: [v.startValue ? 'targetValue' : 'startValue'], message: 'Required.' });
  });

/** Add a key result to an objective: a number, a percentage, done/not done, a live metric or a milestone. */
export function AddKeyResultForm({ objectiveId }: { objectiveId: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const metrics = useMetrics();
  const [params, setParams] = useState<Record<string, string>>({});
  const form = useForm({
    initialValues: {
      title: '',
      kind: 'numeric',
      metricKey: '',
      metricParams: '',
      milestoneId: '',
      startValue: '',
      targetValue: '',
      weight: '1',
    },
    schema,
    onSubmit: async (v) => {
      const metric = metrics.data?.items.find((m) => m.key === v.metricKey);
      await unwrap(
        api.POST('/api/v1/strategy/objectives/{id}/key-results', {
          params: { path: { id: objectiveId } },
          body: {
            title: v.title,
            kind: v.kind,
            weight: v.weight,
            ...(v.startValue ? { startValue: v.startValue } : {}),
            ...(v.targetValue ? { targetValue: v.targetValue } : {}),
            metricParams: v.kind === 'metric' ? paramsBody(metric, params) : {},
            ...(v.kind === 'metric' ? { metricKey: v.metricKey } : {}),
            ...(v.kind === 'milestone' ? { milestoneId: v.milestoneId } : {}),
          },
        }),
      );
      toast.success(`Key result "${v.title}" added.`);
      setParams({});
      form.reset();
      await queryClient.invalidateQueries({ queryKey: sKeys.objective(objectiveId) });
      await queryClient.invalidateQueries({ queryKey: ['strategy', 'objectives'] });
    },
  });
  const kind = form.values.kind;
  return (
    <section className="card" aria-labelledby="st-add-kr">
      <h2 id="st-add-kr">Add a key result</h2>
      <Form form={form}>
        <TextField form={form} name="title" label="Title" required />
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        {kind === 'metric' && (
          <MetricPicker form={form} metrics={metrics.data?.items ?? []} params={params} onParams={setParams} />
        )}
        {kind === 'milestone' && <TextField form={form} name="milestoneId" label="Projects milestone id" required />}
        {kind !== 'milestone' && (
          <>
            <DecimalField
              form={form}
              name="startValue"
              label="Start"
              required={kind === 'numeric' || kind === 'metric'}
              {...(kind === 'percentage' || kind === 'boolean' ? { hint: 'Defaults to 0' } : {})}
            />
            <DecimalField
              form={form}
              name="targetValue"
              label="Target"
              required={kind === 'numeric' || kind === 'metric'}
              {...(kind === 'percentage'
                ? { hint: 'Defaults to 100' }
                : kind === 'boolean'
                  ? { hint: 'Defaults to 1' }
                  : {})}
            />
          </>
        )}
        <DecimalField form={form} name="weight" label="Weight" required />
        <div className="form-actions">
          <SubmitButton form={form}>Add key result</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
