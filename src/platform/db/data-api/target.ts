import type { DatabaseTarget } from '../create-database.js';

/**
 * The Data API target a function's environment asks for, or undefined when it asks for none. Set by
 * the CDK app on the stages whose `database.access` is `data-api` (infra/config/stages.ts):
 *
 * - `DB_ACCESS=data-api`
 * - `DB_CLUSTER_ARN`: the Aurora cluster
 * - `DB_SECRET_ARN`: the database user's secret (the Data API reads it with the caller's permissions)
 * - `DB_NAME` (default `moms`), `DATA_API_ENDPOINT` (a local Data API-compatible server; tests)
 * - `DB_CONNECT_RETRY_MS`: how long to wait for a paused Aurora to resume (default 25 s)
 * - `DB_STATEMENT_TIMEOUT_MS`: the client's timeout per call, plus a margin (default 25 s)
 */
export function dataApiTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget | undefined {
  if (env.DB_ACCESS !== 'data-api') return undefined;
  const resourceArn = env.DB_CLUSTER_ARN;
  const secretArn = env.DB_SECRET_ARN;
  if (!resourceArn || !secretArn) {
    throw new Error('DB_ACCESS=data-api needs DB_CLUSTER_ARN and DB_SECRET_ARN');
  }
  const number = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    kind: 'data-api',
    options: {
      resourceArn,
      secretArn,
      database: env.DB_NAME ?? 'moms',
      endpoint: env.DATA_API_ENDPOINT,
      resumeRetryMs: number(env.DB_CONNECT_RETRY_MS, 25_000),
      requestTimeoutMs: number(env.DB_STATEMENT_TIMEOUT_MS, 25_000) + 5_000,
    },
  };
}
