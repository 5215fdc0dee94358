import type { StageConfig } from '../config/stages.js';
import { workRegistry } from '../../src/app/jobs.js';
import { cronMatches, parseCron } from '../../src/platform/jobs/cron.js';

/** The cron expressions of the schedules the modules register (src/app/jobs.ts): EventBridge fires each. */
export function registeredSchedules(): string[] {
  return [...workRegistry.schedules.values()].map((s) => s.cron);
}

/** The window wake-ups are counted in: 730 hours from a Monday 00:00 UTC. */
const WINDOW_START = Date.UTC(2026, 0, 5);
const WINDOW_MINUTES = 730 * 60;

/**
 * What wakes a paused Aurora in a month without traffic: the worker's sweeps (every
 * `jobs.sweepMinutes` from 00:00) and every scheduled run, each keeping it awake `awakeSeconds` (the
 * auto-pause delay). Overlapping wake-ups count once: `awakeHours` is the union of the intervals.
 */
export function wakeUps(
  stage: Pick<StageConfig, 'jobs'>,
  crons: readonly string[],
  awakeSeconds: number,
): { events: number; awakeHours: number } {
  const awakeMinutes = Math.max(1, Math.round(awakeSeconds / 60));
  const parsed = crons.map((c) => parseCron(c));
  const awake = new Uint8Array(WINDOW_MINUTES);
  let events = 0;
  for (let minute = 0; minute < WINDOW_MINUTES; minute++) {
    const at = new Date(WINDOW_START + minute * 60_000);
    const fires =
      (minute % stage.jobs.sweepMinutes === 0 ? 1 : 0) + parsed.filter((cron) => cronMatches(cron, at)).length;
    if (fires === 0) continue;
    events += fires;
    awake.fill(1, minute, Math.min(WINDOW_MINUTES, minute + awakeMinutes));
  }
  const minutes = awake.reduce((n, v) => n + v, 0);
  return { events, awakeHours: minutes / 60 };
}
