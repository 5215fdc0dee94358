import { z } from 'zod';

/** The payloads of Projects' domain events (projects.events.ts): imported when an event is first emitted or delivered. */
export const taskCompletedPayload = () =>
  z.object({ taskId: z.uuid(), projectId: z.uuid(), type: z.enum(['task', 'milestone', 'phase']) });
export const milestoneReachedPayload = () =>
  z.object({
    taskId: z.uuid(),
    projectId: z.uuid(),
    dueDate: z.string().nullable(),
    reachedOn: z.string(),
    onTime: z.boolean(),
  });
export const projectStatusChangedPayload = () => z.object({ projectId: z.uuid(), from: z.string(), to: z.string() });
export const timesheetApprovedPayload = () =>
  z.object({
    timesheetId: z.uuid(),
    projectId: z.uuid(),
    userId: z.uuid(),
    weekStart: z.string(),
    hours: z.string(),
  });
