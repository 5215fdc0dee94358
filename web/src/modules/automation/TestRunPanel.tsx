import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../api';
import { FormErrorBanner } from '../../components';
import { Text } from './fields';
import { cleanDefinition, json, kindLabel, sampleTrigger, type Definition } from './model';

type Result = Schema<'AutomationTestRunResult'>;

const STEP_STATUS: Record<Result['steps'][number]['status'], string> = {
  succeeded: 'Ran',
  failed: 'Failed',
  mocked: 'From the sample',
  skipped: 'Skipped (a wait)',
  stopped: 'Stopped here',
};
const RUN_STATUS: Record<Result['status'], string> = {
  succeeded: 'The test run reached the end',
  failed: 'The test run failed',
  stopped: 'The test run stopped',
};

/** Event types with example payloads (a test run's starting sample). */
function useEventTypes(enabled: boolean) {
  return useQuery({
    queryKey: ['automation', 'event-types'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/automation/event-types', { signal })),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/**
 * "Test run": the definition as edited (saved or not) run with a sample trigger, on the server, in a
 * dry run — conditions, variables and loops for real; actions, emails, HTTP requests and sub-flows only
 * described; waits skipped; an approval or a wait for an event stops it unless the stand-in outputs
 * give its result. Nothing is kept.
 */
export function TestRunPanel({
  flowId,
  definition,
}: {
  flowId: string;
  /** The editor's definition now (null when its JSON does not parse). */
  definition: () => Definition | null;
}) {
  const current = definition();
  const trigger = current?.trigger;
  const events = useEventTypes(trigger?.kind === 'event');
  const example =
    trigger?.kind === 'event' ? (events.data?.items.find((e) => e.name === trigger.event)?.example ?? null) : null;
  const [sample, setSample] = useState<string | null>(null);
  const [outputs, setOutputs] = useState('{}');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const prefilled = trigger ? json(sampleTrigger(trigger, example)) : '{}';
  const sampleText = sample ?? prefilled;

  const run = async () => {
    const def = definition();
    if (!def) return setProblem('The definition as JSON does not parse.');
    let triggerValue: unknown;
    let outputsValue: unknown;
    try {
      triggerValue = JSON.parse(sampleText);
      outputsValue = JSON.parse(outputs || '{}');
    } catch (e) {
      return setProblem(`Not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(triggerValue) || !isObject(outputsValue))
      return setProblem('The sample and the stand-in outputs are JSON objects.');
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      setResult(
        await unwrap(
          api.POST('/api/v1/automation/flows/{id}/test-run', {
            params: { path: { id: flowId } },
            body: {
              trigger: triggerValue as Record<string, unknown>,
              outputs: outputsValue as Record<string, unknown>,
              definition: cleanDefinition(def) as unknown as Schema<'FlowDefinition'>,
            },
          }),
        ),
      );
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card flow-section" aria-labelledby="test-run-heading">
      <h2 id="test-run-heading">Test run</h2>
      <p className="muted">
        Runs the flow as edited here with sample data. Conditions, variables and loops run; module actions, emails, HTTP
        requests and sub-flows are not made (each shows what it would do); waits are skipped; an approval or a wait for
        an event stops the test unless its output is given below. Nothing is kept.
      </p>
      <div className="grid-2">
        <Text
          label="Sample trigger (JSON)"
          value={sampleText}
          onChange={setSample}
          multiline
          code
          rows={10}
          hint={
            trigger?.kind === 'event'
              ? `What expressions see as trigger; the payload is an example of ${trigger.event || 'the event'}.`
              : 'What expressions see as trigger.'
          }
        />
        <Text
          label="Stand-in step outputs (JSON)"
          value={outputs}
          onChange={setOutputs}
          multiline
          code
          rows={10}
          hint='By step id, e.g. { "approve": { "decision": "approved", "values": {} } }'
        />
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <FormErrorBanner error={error} />
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy} aria-busy={busy} onClick={() => void run()}>
          {busy ? 'Testing…' : 'Run the test'}
        </button>
        {sample !== null && (
          <button type="button" className="btn btn-ghost" onClick={() => setSample(null)}>
            Reset the sample
          </button>
        )}
      </div>
      {result && (
        <div aria-live="polite" aria-label="Test run result">
          <p>
            <strong>{RUN_STATUS[result.status]}</strong>
            {result.reason ? `: ${result.reason}` : '.'}
          </p>
          <ol className="test-run-steps">
            {result.steps.map((s, i) => (
              <li key={i} aria-label={`Test step ${i + 1}: ${s.stepId}`}>
                <strong>
                  {s.stepId} ({kindLabel(s.kind)})
                </strong>{' '}
                — {STEP_STATUS[s.status]}
                {s.error && <p className="field-error">{s.error}</p>}
                {s.output !== null && s.output !== undefined && (
                  // Scrollable: reachable by keyboard.
                  <pre tabIndex={0}>{json(s.output)}</pre>
                )}
              </li>
            ))}
          </ol>
          {result.variables !== null && typeof result.variables === 'object' && (
            <details>
              <summary>Variables at the end</summary>
              <pre tabIndex={0}>{json(result.variables)}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
