import { migrate } from '../app/migrations.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import { loadConfig } from '../platform/config/config.js';
import { logger } from '../platform/observability/logger.js';

/** `migrations`: applies every pending migration; run on each deploy (a CDK trigger invokes it). */
export function createMigrationsHandler(runtime: Pick<Runtime, 'getDb'>) {
  return async (): Promise<{ applied: string[] }> => {
    const { applied } = await migrate(await runtime.getDb());
    logger.info('migrations applied', { applied });
    return { applied };
  };
}

export const handler = createMigrationsHandler(createRuntime(loadConfig()));
