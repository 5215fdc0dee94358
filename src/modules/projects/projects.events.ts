import { z } from 'zod';
import { defineEvent } from '../../platform/events/event-types.js';

/** Domain events of Projects (for Automation and Strategy), emitted in the changing transaction. */
export const taskCompleted = defineEvent('projects.task.completed', () =>
  z.object({ taskId: z.uuid(), projectId: z.uuid(), type: z.enum(['task', 'milestone', 'phase']) }),
);
export const milestoneReached = defineEvent('projects.milestone.reached', () =>
  z.object({
    taskId: z.uuid(),
    projectId: z.uuid(),
    dueDate: z.string().nullable(),
    reachedOn: z.string(),
    onTime: z.boolean(),
  }),
);
export const projectStatusChanged = defineEvent('projects.project.status-changed', () =>
  z.object({ projectId: z.uuid(), from: z.string(), to: z.string() }),
);
export const timesheetApproved = defineEvent('projects.timesheet.approved', () =>
  z.object({
    timesheetId: z.uuid(),
    projectId: z.uuid(),
    userId: z.uuid(),
    weekStart: z.string(),
    hours: z.string(),
  }),
);

export const projectsEvents = [taskCompleted, milestoneReached, projectStatusChanged, timesheetApproved];
