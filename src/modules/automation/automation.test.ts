import { describe, expect, it } from 'vitest';
import { parseCron } from '../../platform/jobs/cron.js';
import { evaluate, ExpressionError, syntaxError } from './engine/expressions.js';
import { cronMatchesInZone } from './engine/cron-zone.js';
import { checkDefinition, FlowDefinition } from './flows/definition.js';

describe('flow expressions (JSONata)', () => {
  it('evaluate over the trigger, steps and variables, and give plain JSON', async () => {
    const ctx = { trigger: { payload: { amount: 12_000 } }, steps: { a: { id: 'x' } }, vars: { n: 2 } };
    expect(await evaluate('trigger.payload.amount > 10000', ctx)).toBe(true);
    expect(await evaluate('{"id": steps.a.id, "twice": vars.n * 2}', ctx)).toEqual({ id: 'x', twice: 4 });
    expect(await evaluate('nothing.here', ctx)).toBeUndefined();
  });

  it('report syntax errors with their position, and stop runaway expressions', async () => {
    expect(syntaxError('1 +')).toMatch(/at \d+/);
    expect(syntaxError('a.b')).toBeNull();
    await expect(evaluate('($f := function($n){ $f($n + 1) }; $f(0))', {})).rejects.toThrow(ExpressionError);
    await expect(evaluate('($f := function($n){ $n > 0 ? 1 + $f($n - 1) : 0 }; $f(5000))', {})).rejects.toThrow(
      /deeper/,
    );
  });

  it('have no way to the process or to eval', async () => {
    // JSONata's $eval evaluates JSONata, not JavaScript.
    expect(await evaluate('$eval("1 + 1")', {})).toBe(2);
    await expect(evaluate('$eval("require(\'fs\')")', {})).rejects.toThrow();
    expect(await evaluate('process', {})).toBeUndefined();
    await expect(evaluate('$string.constructor("return process")()', {})).rejects.toThrow();
  });
});

describe('flow definitions', () => {
  const catalog = { eventTypes: new Set(['crm.deal.won']), actions: new Set(['crm.create-activity']) };
  const valid = FlowDefinition.parse({
    trigger: { kind: 'event', event: 'crm.deal.won', filter: 'trigger.payload.amount > 10000' },
    steps: [
      { kind: 'condition', id: 'big', cases: [{ when: 'trigger.payload.amount > 50000', goto: 'ask' }] },
      { kind: 'action', id: 'note', action: 'crm.create-activity', input: '{"type": "note"}', next: 'end' },
      { kind: 'approval', id: 'ask', title: 'Approve', assignee: { role: 'finance' } },
      { kind: 'wait', id: 'later', duration: { days: 30 } },
    ],
  });

  it('accept a valid definition', () => {
    expect(checkDefinition(valid, catalog)).toEqual([]);
  });

  it('name every problem a schema cannot see', () => {
    const bad = FlowDefinition.parse({
      trigger: { kind: 'schedule', cron: '0 9 * *', timeZone: 'Mars/Olympus' },
      steps: [
        { kind: 'action', id: 'a', action: 'hr.fire-everyone', input: '{' },
        { kind: 'wait', id: 'a' },
      ],
    });
    expect(checkDefinition(bad, catalog).map((e) => e.path)).toEqual([
      'definition.trigger.cron',
      'definition.trigger.timeZone',
      'definition.steps.1.id',
      'definition.steps.0.action',
      'definition.steps.0.input',
      'definition.steps.1',
    ]);
  });
});

describe('schedules in a time zone', () => {
  it('match the wall clock of the zone, across daylight saving time', () => {
    const cron = parseCron('0 9 * * *');
    // 09:00 in New York: 14:00 UTC in winter (EST), 13:00 UTC in summer (EDT).
    expect(cronMatchesInZone(cron, new Date('2027-01-15T14:00:00Z'), 'America/New_York')).toBe(true);
    expect(cronMatchesInZone(cron, new Date('2027-07-15T13:00:00Z'), 'America/New_York')).toBe(true);
    expect(cronMatchesInZone(cron, new Date('2027-07-15T14:00:00Z'), 'America/New_York')).toBe(false);
    expect(cronMatchesInZone(parseCron('0 0 * * 0'), new Date('2027-01-16T23:00:00Z'), 'Europe/Paris')).toBe(true);
  });
});
