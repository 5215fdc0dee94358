/**
 * Five-field cron (`minute hour day-of-month month day-of-week`, UTC) for module schedules: `*`,
 * numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, and lists. Day-of-week is 0–7 (0 and 7 are Sunday).
 * At most one of day-of-month and day-of-week may be restricted, because EventBridge (which fires
 * the schedules on AWS) cannot combine them.
 */
export interface Cron {
  expression: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  domRestricted: boolean;
  dowRestricted: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`cron ${field.name} "${part}" is not *, n, a-b or a step`);
    const from = m[1] === '*' ? field.min : Number(m[2]);
    const to = m[1] === '*' ? field.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? field.max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1)
      throw new Error(`cron ${field.name} "${part}" is outside ${field.min}–${field.max}`);
    for (let v = from; v <= to; v += step) values.add(field.name === 'day of week' ? v % 7 : v);
  }
  return values;
}

export function parseCron(expression: string): Cron {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expression}" needs five fields (minute hour day month weekday)`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((p, i) => parseField(p, FIELDS[i]!));
  const domRestricted = parts[2] !== '*';
  const dowRestricted = parts[4] !== '*';
  if (domRestricted && dowRestricted)
    throw new Error(`cron "${expression}": restrict the day of month or the day of week, not both`);
  return {
    expression,
    minutes: minutes!,
    hours: hours!,
    daysOfMonth: daysOfMonth!,
    months: months!,
    daysOfWeek: daysOfWeek!,
    domRestricted,
    dowRestricted,
  };
}

export function cronMatches(cron: Cron, at: Date): boolean {
  return (
    cron.minutes.has(at.getUTCMinutes()) &&
    cron.hours.has(at.getUTCHours()) &&
    cron.months.has(at.getUTCMonth() + 1) &&
    cron.daysOfMonth.has(at.getUTCDate()) &&
    cron.daysOfWeek.has(at.getUTCDay())
  );
}

/** The minute a time falls in (a schedule's slot). */
export function slotOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

/** The slots of `cron` after `after` up to and including `until` (at most `limit`, the latest ones). */
export function slotsBetween(cron: Cron, after: Date, until: Date, limit = 5): Date[] {
  const slots: Date[] = [];
  const end = slotOf(until).getTime();
  // Never look back more than a day: a stopped process does not replay a backlog of slots.
  let t = Math.max(slotOf(after).getTime() + 60_000, end - 86_400_000);
  for (; t <= end; t += 60_000) {
    const at = new Date(t);
    if (cronMatches(cron, at)) slots.push(at);
  }
  return slots.slice(-limit);
}

/** The same schedule as an EventBridge `cron(...)` expression (six fields, `?` for the unused day). */
export function toEventBridgeCron(cron: Cron): string {
  const list = (values: ReadonlySet<number>, min: number, max: number, map = (v: number) => v) =>
    values.size === max - min + 1
      ? '*'
      : [...values]
          .map(map)
          .sort((a, b) => a - b)
          .join(',');
  const minute = list(cron.minutes, 0, 59);
  const hour = list(cron.hours, 0, 23);
  const month = list(cron.months, 1, 12);
  // EventBridge numbers weekdays 1–7 from Sunday.
  const dow = cron.dowRestricted ? list(cron.daysOfWeek, 0, 6, (v) => v + 1) : '?';
  const dom = cron.dowRestricted ? '?' : list(cron.daysOfMonth, 1, 31);
  return `cron(${minute} ${hour} ${dom} ${month} ${dow} *)`;
}
