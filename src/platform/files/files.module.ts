import { defineModule } from '../modules/module.js';
import { uploadSweepJob, uploadSweepSchedule } from './upload-sweep.js';

/**
 * Files and attachments (`/api/v1/files`): part of the platform, mounted like a module. It has no
 * permissions of its own: each record type's module declares in its manifest (`attachments`) which
 * permissions and visibility check apply to its records' files (docs/files.md).
 */
export const filesModule = defineModule({
  name: 'files',
  function: 'standardApi',
  permissions: [],
  web: null,
  // Nightly: uploads declared but never completed (a day on) go, with any bytes that reached the store.
  jobs: [uploadSweepJob],
  schedules: [uploadSweepSchedule],
  routes: async (services) => (await import('./files.routes.js')).createFilesRouter(services),
  demo: async () => (await import('./files.demo.js')).filesDemo,
  // Privacy requests (Compliance, docs/adr/0025): attachments about or by a person, exported and reported as kept.
  privacy: { load: async () => (await import('./files.privacy.js')).filesPrivacy },
});
