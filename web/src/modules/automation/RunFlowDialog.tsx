import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../api';
import { Dialog, FormErrorBanner } from '../../components';
import { FormValues, initialValues, type RawValues } from './FormValues';
import { formValues, type FormField } from './model';

/** "Run now": the manual trigger's form; the new run's page once it started. */
export function RunFlowDialog({
  flowId,
  flowName,
  form,
  record,
  onClose,
}: {
  flowId: string;
  flowName: string;
  form: FormField[];
  /** The record the flow is run from (its page's "Run flow" button): `trigger.record` in the run. */
  record?: { type: string; id: string } | undefined;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [values, setValues] = useState<RawValues>(() => initialValues(form));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ProblemError ? error.fieldErrors : {};
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const started = await unwrap(
        api.POST('/api/v1/automation/flows/{id}/run', {
          params: { path: { id: flowId } },
          body: { values: formValues(form, values), ...(record ? { record } : {}) },
        }),
      );
      onClose();
      await navigate({ to: `/automation/runs/${started.executionId}` });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={`Run ${flowName}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="run-flow-form" className="btn btn-primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Starting…' : 'Start the run'}
          </button>
        </>
      }
    >
      <form
        id="run-flow-form"
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <FormErrorBanner error={error} />
        {form.length === 0 && <p>The flow asks for nothing: it starts as soon as you confirm.</p>}
        <FormValues form={form} values={values} onChange={setValues} errors={fieldErrors} disabled={busy} />
      </form>
    </Dialog>
  );
}
