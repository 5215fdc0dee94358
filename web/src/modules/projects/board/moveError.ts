import { errorMessage, ProblemError } from '../../../api/problem';

interface Blocker {
  id: string;
  key?: string;
  title?: string;
  status?: string;
}

/** A refused move in plain words; a 409 task-blocked names the blocking tasks. */
export function moveErrorMessage(error: unknown, taskKey: string, target: string): string {
  if (error instanceof ProblemError && error.code === 'task-blocked') {
    const raw = (error.problem as { blockers?: Blocker[]; blockerIds?: string[] }).blockers;
    const names = raw?.length
      ? raw.map((b) => `${b.key ?? b.id}${b.title ? ` “${b.title}”` : ''}${b.status ? ` (${b.status})` : ''}`)
      : ((error.problem as { blockerIds?: string[] }).blockerIds ?? []);
    return `${taskKey} cannot move to ${target}: it is blocked by ${names.join(', ')}. Finish ${names.length > 1 ? 'those tasks' : 'that task'} first.`;
  }
  if (error instanceof ProblemError && error.isVersionConflict)
    return `${taskKey} was changed by someone else; the board is reloaded, try again.`;
  return `Could not move ${taskKey}: ${errorMessage(error)}`;
}
