import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../../api/problem';
import { addDays, daysBetween, mondayOf } from '../dates';
import { moveErrorMessage } from './moveError';

const problem = (type: string, extra: Record<string, unknown> = {}) =>
  new ProblemError({ type: `https://moms.dev/problems/${type}`, title: 'Conflict', status: 409, detail: '', ...extra });

describe('moveErrorMessage', () => {
  it('names every blocker of a task-blocked refusal', () => {
    const e = problem('task-blocked', {
      detail: 'blocked',
      blockerIds: ['a', 'b'],
      blockers: [
        { id: 'a', key: 'WEB-1', title: 'Design', status: 'To do' },
        { id: 'b', key: 'WEB-4', title: 'Review', status: 'In progress' },
      ],
    });
    expect(moveErrorMessage(e, 'WEB-2', 'Done')).toBe(
      'WEB-2 cannot move to Done: it is blocked by WEB-1 “Design” (To do), WEB-4 “Review” (In progress). Finish those tasks first.',
    );
  });
  it('falls back to the blocker ids, and tells a version conflict and other errors apart', () => {
    expect(moveErrorMessage(problem('task-blocked', { blockerIds: ['x-1'] }), 'A-1', 'Doing')).toBe(
      'A-1 cannot move to Doing: it is blocked by x-1. Finish that task first.',
    );
    expect(moveErrorMessage(problem('version-conflict'), 'A-1', 'Doing')).toMatch(/changed by someone else/);
    expect(moveErrorMessage(new Error('offline'), 'A-1', 'Doing')).toBe('Could not move A-1: offline');
  });
});

describe('date helpers', () => {
  it('finds the Monday of a week and counts days across a month and year end', () => {
    expect(mondayOf(new Date('2026-12-06T23:00:00Z'))).toBe('2026-11-30'); // a Sunday
    expect(mondayOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });
});
