import { defineJob } from '../../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../../platform/jobs/work-registry.js';

// Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const datePayload = async () => (await import('./terms.jobs.schemas.js')).datePayload();

/** Proposes reminders for overdue invoices (and sends those of levels set to send automatically). */
export const proposeRemindersJob = defineJob({
  type: 'finance.propose-reminders',
  payload: datePayload,
  load: async () => (await import('./terms.job-handlers.js')).runProposeReminders,
});

/** Issues (and emails, when asked) the recurring invoices and bills that are due. */
export const recurringDocumentsJob = defineJob({
  type: 'finance.recurring-documents',
  payload: datePayload,
  load: async () => (await import('./terms.job-handlers.js')).runRecurringDocuments,
});

export const termsJobs = [proposeRemindersJob, recurringDocumentsJob];
/**
 * Daily, in the platform's nightly window: recurring documents at 03:10 UTC (issued before the
 * reminders look at what is overdue), reminders at 03:12 UTC. Each slot runs once; each job is
 * idempotent on its own as well (one reminder per invoice and level, one document per template and
 * period).
 */
export const termsSchedules = [
  defineSchedule({
    name: 'finance.daily-recurring-documents',
    cron: '10 3 * * *',
    job: recurringDocumentsJob,
    payload: {},
  }),
  defineSchedule({ name: 'finance.daily-reminders', cron: '12 3 * * *', job: proposeRemindersJob, payload: {} }),
];
