import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Tells the code around a unit of work (a request, a job) that it wrote an outbox row or a job, so it
 * runs the relay once the work has committed, and only then: a request that enqueued nothing pays
 * no extra query. Work outside such a scope is left to the sweeper (or the local worker's loop).
 */
const scope = new AsyncLocalStorage<{ pending: boolean }>();

/** Runs `work` in a scope and says whether it left events or jobs to relay. */
export async function trackPendingWork<T>(work: () => Promise<T>): Promise<{ value: T; pending: boolean }> {
  const state = { pending: false };
  const value = await scope.run(state, work);
  return { value, pending: state.pending };
}

export function notePendingWork(): void {
  const state = scope.getStore();
  if (state) state.pending = true;
}
