import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api';
import { Dialog, Form, listQueryKey, SelectField, TextareaField, useForm, useToast } from '../../components';
import {
  complianceKeys,
  RESULT_STATUS_LABELS,
  RESULT_STATUSES,
  type Assessment,
  type AssessmentResult,
  type ResultStatus,
} from './api';

const OPTIONS = RESULT_STATUSES.map((value) => ({ value, label: RESULT_STATUS_LABELS[value] }));

/** Records a requirement's result: a status, an observation, and a justification when not applicable. */
export function ResultDialog({
  assessment,
  result,
  onClose,
}: {
  assessment: Assessment;
  result: AssessmentResult;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: { status: result.status, observation: result.observation, justification: result.justification },
    validate: (v): Record<string, string> =>
      v.status === 'not-applicable' && v.justification.trim() === ''
        ? { justification: 'Say why the requirement does not apply.' }
        : {},
    onSubmit: async (v) => {
      await unwrap(
        api.PUT('/api/v1/compliance/assessments/{id}/results/{requirementId}', {
          params: { path: { id: assessment.id, requirementId: result.requirementId } },
          body: { status: v.status as ResultStatus, observation: v.observation, justification: v.justification },
        }),
      );
      await client.invalidateQueries({ queryKey: complianceKeys.results(assessment.id) });
      await client.invalidateQueries({ queryKey: complianceKeys.assessment(assessment.id) });
      await client.invalidateQueries({ queryKey: listQueryKey('compliance-assessments') });
      toast.success(`${result.refId}: ${RESULT_STATUS_LABELS[v.status as ResultStatus]}`);
      onClose();
    },
  });
  return (
    <Dialog open title={`Assess ${result.refId}`} onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <p>{result.title}</p>
        <SelectField form={form} name="status" label="Result" options={OPTIONS} />
        <TextareaField form={form} name="observation" label="Observation" rows={3} />
        <TextareaField
          form={form}
          name="justification"
          label="Justification"
          rows={2}
          required={form.values.status === 'not-applicable'}
          hint="Required when the requirement is not applicable."
        />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Save result
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
