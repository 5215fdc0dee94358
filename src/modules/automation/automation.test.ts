import { describe, expect, it } from 'vitest';
import { parseCron } from '../../platform/jobs/cron.js';
import { evaluate, ExpressionError, syntaxError } from './engine/expressions.js';
import { cronMatchesInZone } from './engine/cron-zone.js';
import { renderTemplate } from './engine/engine.js';
import { exampleFromJsonSchema, examplePayload } from './engine/examples.js';
import { checkDefinition, FlowDefinition, templateParts } from './flows/definition.js';
import { z } from 'zod';
import { redact } from './runs/runs.repository.js';

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
  const catalog = {
    eventTypes: new Set(['crm.deal.won']),
    actions: new Set(['crm.create-activity']),
    recordTypes: new Set(['crm.organization']),
  };
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

describe('engine additions: definitions, templates, redaction', () => {
  const catalog = {
    eventTypes: new Set(['crm.deal.won']),
    actions: new Set(['crm.create-activity']),
    recordTypes: new Set(['crm.organization']),
  };

  it('check waits for an event, approval timers, email templates and loop bodies', () => {
    const def = FlowDefinition.parse({
      trigger: { kind: 'manual' },
      steps: [
        {
          kind: 'wait',
          id: 'w',
          event: 'crm.nothing',
          match: 'event.payload.x =',
          timeout: { minutes: 0 },
          onTimeout: 'x',
        },
        {
          kind: 'approval',
          id: 'a',
          title: 'T',
          assignee: { role: 'r' },
          escalateAfter: { hours: 1 },
          onDeadline: 'end',
        },
        { kind: 'email', id: 'm', to: ['"a@b.co"'], subject: 'Hi {{ trigger. }}', body: 'ok {{ 1 + 1 }}' },
        {
          kind: 'loop',
          id: 'l',
          items: '[1]',
          steps: [{ kind: 'set', id: 'w2', variables: { v: 'item' }, next: 'm' }],
        },
      ],
    });
    expect(checkDefinition(def, catalog).map((e) => e.path)).toEqual([
      'definition.steps.0.event',
      'definition.steps.0.timeout',
      'definition.steps.0.match',
      'definition.steps.0.onTimeout',
      'definition.steps.1.escalateTo',
      'definition.steps.1.deadline',
      'definition.steps.2.subject',
      'definition.steps.3.steps.0.next',
    ]);
  });

  it('fill {{ }} templates with expressions, and redact secret-named fields at any depth', async () => {
    expect(templateParts('a {{ x }} b {{y}}')).toEqual([
      { text: 'a ' },
      { expression: 'x' },
      { text: ' b ' },
      { expression: 'y' },
    ]);
    expect(await renderTemplate('Hi {{ name }}, {{ n * 2 }} {{ obj }}', { name: 'Ann', n: 2, obj: { a: 1 } })).toBe(
      'Hi Ann, 4 {"a":1}',
    );
    expect(
      redact({
        Authorization: 'Bearer x',
        nested: [{ api_key: 'k', ok: 1 }],
        'X-Auth-Token': 't',
        clientSecret: 's',
        user: 'u',
      }),
    ).toEqual({
      Authorization: '[redacted]',
      nested: [{ api_key: '[redacted]', ok: 1 }],
      'X-Auth-Token': '[redacted]',
      clientSecret: '[redacted]',
      user: 'u',
    });
  });
});

describe('error branches, record triggers, example payloads', () => {
  const catalog = {
    eventTypes: new Set(['crm.deal.won']),
    actions: new Set(['crm.create-activity']),
    recordTypes: new Set(['crm.organization']),
  };

  it('check every step kind’s onError like next (same list, or end) and a manual trigger’s record type', () => {
    const def = FlowDefinition.parse({
      trigger: { kind: 'manual', record: 'crm.spaceship' },
      steps: [
        { kind: 'action', id: 'a', action: 'crm.create-activity', input: '{}', onError: 'end' },
        { kind: 'email', id: 'm', to: ['"a@b.co"'], subject: 'S', body: 'B', onError: 'l' },
        { kind: 'wait', id: 'w', until: 'trigger.values.at', onError: 'nope' },
        { kind: 'http', id: 'h', url: '"https://x.test"', onError: 'inner' },
        {
          kind: 'loop',
          id: 'l',
          items: '[1]',
          steps: [
            { kind: 'set', id: 'inner', variables: { v: 'item' }, onError: 'end' },
            { kind: 'action', id: 'inner2', action: 'crm.create-activity', input: '{}', onError: 'a' },
          ],
        },
      ],
    });
    expect(checkDefinition(def, catalog).map((e) => e.path)).toEqual([
      'definition.trigger.record',
      'definition.steps.2.onError',
      'definition.steps.3.onError',
      'definition.steps.4.steps.1.onError',
    ]);
    const ok = FlowDefinition.parse({
      trigger: { kind: 'manual', record: 'crm.organization' },
      steps: [{ kind: 'set', id: 's', variables: { x: 'trigger.record.id' }, onError: 'end' }],
    });
    expect(checkDefinition(ok, catalog)).toEqual([]);
  });

  it('make an example payload from an event type’s schema (formats, enums, amounts by name)', () => {
    const payload = z.object({
      opportunityId: z.uuid(),
      amount: z.string(),
      currency: z.string(),
      days: z.number(),
      status: z.enum(['submitted', 'approved']),
      at: z.iso.datetime(),
      note: z.string().nullable(),
      lines: z.array(z.object({ qty: z.number().int().min(2) })),
    });
    expect(examplePayload(payload)).toEqual({
      opportunityId: '00000000-0000-4000-8000-000000000001',
      amount: '25000.00',
      currency: 'EUR',
      days: 1,
      status: 'submitted',
      at: '2026-01-15T09:00:00.000Z',
      note: 'example',
      lines: [{ qty: 2 }],
    });
    expect(exampleFromJsonSchema({ type: 'string', pattern: '^[A-Z]{3}$' })).toBe('EUR');
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
