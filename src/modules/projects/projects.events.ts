import { defineEvent } from '../../platform/events/event-types.js';

// The payloads' schemas are imported with the first event (the manifest is imported at every cold
// start; Zod is not: docs/adr/0008).
const schemas = async () => await import('./projects.events.schemas.js');

/** Domain events of Projects (for Automation and Strategy), emitted in the changing transaction. */
export const taskCompleted = defineEvent('projects.task.completed', async () =>
  (await schemas()).taskCompletedPayload(),
);
export const milestoneReached = defineEvent('projects.milestone.reached', async () =>
  (await schemas()).milestoneReachedPayload(),
);
export const projectStatusChanged = defineEvent('projects.project.status-changed', async () =>
  (await schemas()).projectStatusChangedPayload(),
);
export const timesheetApproved = defineEvent('projects.timesheet.approved', async () =>
  (await schemas()).timesheetApprovedPayload(),
);

export const projectsEvents = [taskCompleted, milestoneReached, projectStatusChanged, timesheetApproved];
