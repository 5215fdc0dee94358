import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { cronMatches, parseCron, slotsBetween, toEventBridgeCron } from './cron.js';
import { defineJob } from './job-registry.js';
import { defineSchedule, WorkRegistry } from './work-registry.js';
import { defineEvent, defineSubscriber } from '../events/event-types.js';

describe('cron', () => {
  it('matches minutes, hours, steps, ranges and weekdays (UTC)', () => {
    const everyQuarter = parseCron('*/15 * * * *');
    expect(cronMatches(everyQuarter, new Date('2026-12-03T10:45:00Z'))).toBe(true);
    expect(cronMatches(everyQuarter, new Date('2026-12-03T10:46:00Z'))).toBe(false);
    const weekdays = parseCron('0 6 * * 1-5');
    expect(cronMatches(weekdays, new Date('2026-12-04T06:00:00Z'))).toBe(true); // a Friday
    expect(cronMatches(weekdays, new Date('2026-12-05T06:00:00Z'))).toBe(false); // a Saturday
    expect(cronMatches(parseCron('0 0 * * 7'), new Date('2026-12-06T00:00:00Z'))).toBe(true); // 7 is Sunday
    expect(cronMatches(parseCron('0 3 1 1,7 *'), new Date('2026-07-01T03:00:00Z'))).toBe(true);
  });

  it('refuses what it cannot run, saying why', () => {
    expect(() => parseCron('* * * *')).toThrow(/five fields/);
    expect(() => parseCron('60 * * * *')).toThrow(/minute "60" is outside 0–59/);
    expect(() => parseCron('0 0 1 * 1')).toThrow(/not both/);
    expect(() => parseCron('0 0 L * *')).toThrow(/day of month/);
  });

  it('lists the slots of a range, newest last, and never more than a day back', () => {
    const hourly = parseCron('0 * * * *');
    expect(
      slotsBetween(hourly, new Date('2026-12-03T09:00:00Z'), new Date('2026-12-03T11:30:00Z')).map((d) =>
        d.toISOString(),
      ),
    ).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T11:00:00.000Z']);
    expect(slotsBetween(hourly, new Date('2026-01-01T00:00:00Z'), new Date('2026-12-03T11:30:00Z'), 100)).toHaveLength(
      24,
    );
  });

  it('translates to EventBridge (six fields, ? for the unused day, Sunday = 1)', () => {
    expect(toEventBridgeCron(parseCron('30 2 * * *'))).toBe('cron(30 2 * * ? *)');
    expect(toEventBridgeCron(parseCron('0 6 * * 1-5'))).toBe('cron(0 6 ? * 2,3,4,5,6 *)');
    expect(toEventBridgeCron(parseCron('*/20 * 1 * *'))).toBe('cron(0,20,40 * 1 * ? *)');
  });
});

describe('the work registry', () => {
  const job = defineJob({
    type: 'x.run',
    payload: () => z.object({ n: z.number() }),
    load: async () => async () => undefined,
  });
  const event = defineEvent('x.thing.done', () => z.object({}));
  it('refuses a subscriber to an undeclared event, a duplicate job type and a schedule of an unlisted job', () => {
    const sub = defineSubscriber({
      name: 'y.react',
      event: 'x.thing.missing',
      load: async () => async () => undefined,
    });
    expect(() => new WorkRegistry([{ subscribers: [sub] }])).toThrow(/no module declares/);
    expect(() => new WorkRegistry([{ jobs: [job] }, { jobs: [job] }])).toThrow(/twice/);
    const schedule = defineSchedule({ name: 'x.nightly', cron: '0 1 * * *', job, payload: { n: 1 } });
    expect(() => new WorkRegistry([{ schedules: [schedule] }])).toThrow(/no module lists/);
    expect(new WorkRegistry([{ jobs: [job], events: [event], schedules: [schedule] }]).jobs.types).toEqual([
      'platform.event-delivery',
      'x.run',
    ]);
  });
  it('checks names when they are declared, and a schedule’s payload when it is first read', async () => {
    expect(() =>
      defineJob({ type: 'Bad', payload: () => z.object({}), load: async () => async () => undefined }),
    ).toThrow();
    expect(() => defineEvent('x.done', () => z.object({}))).toThrow(/<module>.<entity>.<what>/);
    expect(() => defineSchedule({ name: 'x.s', cron: '0 * * *', job, payload: { n: 1 } })).toThrow();
    // The job's schema is built on first use (docs/adr/0008): the payload is checked then.
    const bad = defineSchedule({ name: 'x.s', cron: '0 1 * * *', job, payload: { n: 'one' } as never });
    await expect(bad.payload()).rejects.toThrow();
    await expect(defineSchedule({ name: 'x.s', cron: '0 1 * * *', job, payload: { n: 1 } }).payload()).resolves.toEqual(
      {
        n: 1,
      },
    );
  });
  it('builds a declared schema once, on first use', async () => {
    let built = 0;
    const counted = defineJob({
      type: 'x.counted',
      payload: () => {
        built++;
        return z.object({ n: z.number() });
      },
      load: async () => async () => undefined,
    });
    expect(built).toBe(0);
    expect(counted.payload()).toBe(counted.payload());
    await counted.payload();
    expect(built).toBe(1);
  });
  it('imports a declared schema on first use, and tries a failed import again', async () => {
    let tries = 0;
    const imported = defineEvent('x.thing.done', async () => {
      tries++;
      if (tries === 1) throw new Error('chunk not found');
      return (await import('zod')).z.object({ id: z.string() });
    });
    expect(tries).toBe(0);
    await expect(imported.payload()).rejects.toThrow('chunk not found');
    await expect(imported.payload()).resolves.toBeInstanceOf(z.ZodObject);
    await imported.payload();
    expect(tries).toBe(2);
  });
});
