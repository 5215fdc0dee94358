/**
 * The time Automation reads (waits, schedules, the resume scan). Tests replace it to move a
 * 30-day wait forward without waiting; everything else uses the system clock.
 */
let current: () => Date = () => new Date();

export const now = (): Date => current();

/** Tests only: read time from `clock` (pass undefined to go back to the system clock). */
export function useClock(clock: (() => Date) | undefined): void {
  current = clock ?? (() => new Date());
}
