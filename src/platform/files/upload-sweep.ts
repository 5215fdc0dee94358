import { defineJob } from '../jobs/job-registry.js';
import { defineSchedule } from '../jobs/work-registry.js';

/** An upload declared but not completed this many hours after it was declared is abandoned (default: a day). */
export const ABANDONED_UPLOAD_HOURS = 24;

export type { UploadSweepPayload } from './upload-sweep.schemas.js';

/**
 * Removes abandoned uploads: `platform.file_uploads` rows still `pending` long after their upload
 * URL expired, and whatever bytes reached the store under their key (a browser that PUT the file
 * and never called `complete`). Completed uploads are attachments and are left alone.
 */
export const uploadSweepJob = defineJob({
  type: 'platform.files.sweep-uploads',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./upload-sweep.schemas.js')).uploadSweepPayload(),
  maxAttempts: 3,
  backoffMs: 60_000,
  load: async () => (await import('./upload-sweep.job.js')).runUploadSweep,
});

/**
 * Daily at 03:19 UTC, two minutes after the jobs housekeeping: on stages whose database pauses when
 * idle, each scheduled run wakes it (a few cents each; `npm run cost` counts them), so the nightly work
 * shares one wake-up rather than an hourly sweep keeping it awake 60 hours a month.
 */
export const uploadSweepSchedule = defineSchedule({
  name: 'platform.files.sweep-uploads',
  cron: '19 3 * * *',
  job: uploadSweepJob,
  payload: {},
});
