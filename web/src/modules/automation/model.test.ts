import { describe, expect, it } from 'vitest';
import {
  allSteps,
  cleanDefinition,
  definitionErrors,
  definitionOf,
  describeTrigger,
  formValues,
  freeId,
  manualForm,
  move,
  newStep,
  sampleTrigger,
  type Definition,
} from './model';

describe('automation web model', () => {
  it('moves a step up and down, clamped at the ends', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 9)).toEqual(['a', 'b', 'c']);
  });

  it('gives a new step a free id', () => {
    const steps = [newStep('approval', [])];
    expect(steps[0]!.id).toBe('approval');
    expect(freeId('approval', steps)).toBe('approval_2');
    expect(newStep('wait', steps)).toEqual({ kind: 'wait', id: 'wait', duration: { days: 1 } });
  });

  it('reads a saved draft, keeping kinds without a form and the flow-level options', () => {
    const draft = {
      trigger: { kind: 'manual', form: [] },
      steps: [{ kind: 'loop', id: 'each', items: 'trigger.values.items', steps: [] }],
      maxConcurrentRuns: 2,
    };
    expect(definitionOf(draft)).toEqual(draft);
    expect(definitionOf(null).steps).toHaveLength(1);
    expect(definitionOf({ trigger: 'x' }).trigger).toEqual({ kind: 'manual', form: [] });
  });

  it('sends no empty optional fields nor empty durations', () => {
    const def: Definition = {
      trigger: { kind: 'event', event: 'projects.task.completed', filter: '' },
      steps: [
        { kind: 'wait', id: 'w', duration: { days: undefined, hours: 2 }, next: undefined },
        {
          kind: 'approval',
          id: 'a',
          title: 'OK?',
          description: '',
          assignee: { role: 'manager' },
          form: [],
          remindAfter: {},
        },
      ],
      retentionDays: undefined,
    };
    expect(cleanDefinition(def)).toEqual({
      trigger: { kind: 'event', event: 'projects.task.completed' },
      steps: [
        { kind: 'wait', id: 'w', duration: { hours: 2 } },
        { kind: 'approval', id: 'a', title: 'OK?', assignee: { role: 'manager' }, form: [] },
      ],
    });
  });

  it("keys the server's field errors by their path in the definition", () => {
    expect(
      definitionErrors([
        { path: 'definition.steps.1.variables.total', message: 'Not a valid expression' },
        { path: 'definition', message: 'Whole' },
        { path: 'name', message: 'Required' },
        { path: 'definition.steps.1.variables.total', message: 'second' },
      ]),
    ).toEqual({ 'steps.1.variables.total': 'Not a valid expression', '': 'Whole' });
  });

  it("turns form input into the API's values: numbers as numbers, blanks left out, checkboxes as booleans", () => {
    const form = [
      { key: 'amount', label: 'Amount', type: 'number' as const, required: true },
      { key: 'note', label: 'Note', type: 'text' as const, required: false },
      { key: 'urgent', label: 'Urgent', type: 'boolean' as const, required: false },
      { key: 'code', label: 'Code', type: 'number' as const, required: false },
    ];
    expect(formValues(form, { amount: '1200,5', note: ' ', urgent: true, code: 'abc' })).toEqual({
      amount: 1200.5,
      urgent: true,
      code: 'abc', // not a number: sent as typed, for the server to name the field
    });
  });

  it('describes triggers and finds a manual trigger’s form', () => {
    expect(describeTrigger({ kind: 'schedule', cron: '0 8 * * 1', timeZone: 'Europe/Berlin' })).toBe(
      'Schedule 0 8 * * 1 (Europe/Berlin)',
    );
    expect(describeTrigger({ kind: 'event', event: 'supply.receipt.done' })).toBe('On supply.receipt.done');
    expect(manualForm({ trigger: { kind: 'event' }, steps: [] })).toBeNull();
    expect(manualForm({ trigger: { kind: 'manual' }, steps: [] })).toEqual([]);
  });

  it('edits a loop with a form: its body steps get free ids across the flow and are cleaned like any step', () => {
    const loop = newStep('loop', []);
    expect(loop).toEqual({
      kind: 'loop',
      id: 'loop',
      items: 'trigger.values.items',
      steps: [{ kind: 'set', id: 'loop_each', variables: { last: 'item' } }],
    });
    const steps = [loop, newStep('set', [loop])];
    expect(allSteps(steps).map((s) => s.id)).toEqual(['loop', 'loop_each', 'set']);
    expect(newStep('set', allSteps(steps)).id).toBe('set_2');
    const def: Definition = {
      trigger: { kind: 'manual', form: [], record: '' },
      steps: [
        { ...loop, steps: [{ kind: 'set', id: 'b', variables: { x: '1' }, next: '', onError: undefined }] } as never,
      ],
    };
    expect(cleanDefinition(def)).toEqual({
      trigger: { kind: 'manual', form: [] },
      steps: [{ ...loop, steps: [{ kind: 'set', id: 'b', variables: { x: '1' } }] }],
    });
  });

  it("makes a test run's sample trigger for each trigger kind", () => {
    expect(sampleTrigger({ kind: 'event', event: 'crm.opportunity.won' }, { amount: '1.00' })).toEqual({
      type: 'crm.opportunity.won',
      payload: { amount: '1.00' },
    });
    expect(
      sampleTrigger(
        {
          kind: 'manual',
          record: 'crm.organization',
          form: [
            { key: 'n', label: 'N', type: 'number', required: true },
            { key: 't', label: 'T', type: 'text', required: false },
          ],
        },
        null,
      ),
    ).toEqual({ type: 'manual', values: { n: 0, t: '' }, record: { type: 'crm.organization', id: '' } });
  });
});
