import type { Frequency } from '../analytics.tables.js';

/**
 * When a subscription is due, on the wall clock of its time zone (pure; `schedule.test.ts`): at
 * `hour`:00 every day, on a weekday (1 Monday … 7 Sunday) every week, on a day (1–28) every month,
 * or every hour (alerts only). The period names the slot in that zone — `2026-12-07` (daily and
 * weekly), `2026-12` (monthly), `2026-12-07T09` (hourly) — and is what makes a second run in the
 * same period send nothing.
 */
export interface Schedule {
  frequency: Frequency;
  hour: number;
  weekday: number | null;
  dayOfMonth: number | null;
  timeZone: string;
}

interface Local {
  year: string;
  month: string;
  day: string;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function local(at: Date, timeZone: string): Local {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday!] ?? 0,
  };
}

function matches(s: Schedule, l: Local): boolean {
  if (l.minute !== 0) return false;
  if (s.frequency === 'hourly') return true;
  if (l.hour !== s.hour) return false;
  if (s.frequency === 'weekly') return l.weekday === (s.weekday ?? 1);
  if (s.frequency === 'monthly') return Number(l.day) === (s.dayOfMonth ?? 1);
  return true;
}

const STEP = 15 * 60_000;
/** A month and a few days of quarter hours: every schedule has a slot in it. */
const HORIZON = (32 * 24 * 60 * 60_000) / STEP;

/** The first slot strictly after `after` (quarter hours, so zones at :30 and :45 work too). */
export function nextRun(s: Schedule, after: Date): Date {
  let t = Math.floor(after.getTime() / STEP) * STEP + STEP;
  for (let i = 0; i < HORIZON; i++, t += STEP) {
    const at = new Date(t);
    if (matches(s, local(at, s.timeZone))) return at;
  }
  // Not reached for a valid schedule; look again in a day rather than never.
  return new Date(after.getTime() + 24 * 60 * 60_000);
}

/** The period a slot belongs to, in the schedule's zone. */
export function periodOf(s: Schedule, at: Date): string {
  const l = local(at, s.timeZone);
  const date = `${l.year}-${l.month}-${l.day}`;
  if (s.frequency === 'hourly') return `${date}T${String(l.hour).padStart(2, '0')}`;
  if (s.frequency === 'monthly') return `${l.year}-${l.month}`;
  return date;
}
