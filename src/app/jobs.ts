import { JobRegistry } from '../platform/jobs/job-registry.js';

/** Every job type the modules of this installation run on the worker. Modules register theirs here. */
export const jobRegistry = new JobRegistry();
