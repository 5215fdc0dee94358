import { JobRegistry } from '../platform/jobs/job-registry.js';
import { modules } from './modules.js';

/** Every job type the installed modules run on the worker, each handler loaded on its first job. */
export const jobRegistry = new JobRegistry();
for (const module of modules) {
  for (const [type, load] of Object.entries(module.jobs ?? {})) {
    let handler: ReturnType<typeof load> | undefined;
    jobRegistry.register(type, async (payload, ctx) => {
      handler ??= load().catch((error: unknown) => {
        handler = undefined; // the next job tries again
        throw error;
      });
      return (await handler)(payload, ctx);
    });
  }
}
