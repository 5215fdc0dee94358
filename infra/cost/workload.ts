import type { StageConfig } from '../config/stages.js';
import { registeredSchedules, wakeUps } from './schedules.js';

/** AWS bills a month as 730 hours. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** When traffic happens: business hours, 22 working days × 10 hours. */
export const WORKING_DAYS = 22;
export const WORKING_HOURS = WORKING_DAYS * 10;

/**
 * Lambda pollers that an SQS event source mapping keeps long-polling the queue (20 s waits) even when it is
 * empty: 5 pollers × 730 h × 3 receives a minute ≈ 657,000 requests a month per queue.
 */
export const SQS_IDLE_POLLERS = 5;
export const SQS_LONG_POLL_SECONDS = 20;

/** The workload of a month. Only `requestsPerMonth` is required; everything else has a documented default. */
export interface Workload {
  /** API requests through API Gateway. */
  requestsPerMonth: number;
  /** Average billed duration of the API function (ms). Default 120. */
  avgDurationMs?: number;
  /** The authorizer runs on every protected request; billed per 1 ms. Default 5. */
  authorizerDurationMs?: number;
  /** Share of requests on protected routes (the authorizer runs on them). Default 1. */
  protectedShare?: number;
  /** Share of on-demand invocations that are cold starts (init billed, secrets fetched). Default 0.01. */
  coldStartShare?: number;
  /** Billed INIT duration of a cold start (ms). Default 400. */
  initDurationMs?: number;
  /** Background jobs (SQS messages → worker function) per API request. Default 0.01. */
  jobsPerRequest?: number;
  /** Average worker duration (ms). Default 1000. */
  workerDurationMs?: number;
  /**
   * Hours in the month with traffic. Default: 0 without requests; otherwise
   * min(730, requests × T / 3600, 220 + 22 × T / 3600), T = the stage's auto-pause delay (300 s if none) —
   * each request keeps the database awake T seconds, and traffic falls in 22 × 10 business hours.
   */
  activeHours?: number;
  /** Average writer ACUs during active hours. Default max(0.5, 2 × minCapacity): 0.5 dev/staging, 1 prod. */
  avgAcu?: number;
  /** Aurora storage I/O per API request (reads mostly hit the buffer cache). Default 5. */
  dbIoPerRequest?: number;
  /** SQL statements per API request — one Data API call each with `--network data-api`. Default 4. */
  dbCallsPerRequest?: number;
  /** Share of the database changed per day (backups beyond the free 100% of the volume). Default 0.01, 0 idle. */
  dailyChangeShare?: number;
  /** Average API response size (KB). Default 5. */
  apiResponseKb?: number;
  /** Web app loads (uncached). Default requests / 50. */
  pageLoadsPerMonth?: number;
  webKbPerPageLoad?: number;
  webFilesPerPageLoad?: number;
  /** Data out to the internet (API responses + web assets). Default derived from the three fields above. */
  dataOutGb?: number;
  /** Share of web-file requests CloudFront answers from its cache. Default 0.9. */
  cacheHitShare?: number;
  /** Size of the web bucket (GB). Default 0.1. */
  webBucketGb?: number;
  /** S3 PUTs (deployments of the web app). Default 1,000, 0 idle. */
  s3PutsPerMonth?: number;
  /** Log written per Lambda invocation (KB), START/END/REPORT lines included. Default 1. */
  logKbPerInvocation?: number;
  /** API Gateway access-log line per request (KB). Default 0.4. */
  accessLogKbPerRequest?: number;
  /** Secrets Manager secrets. Default: the ones the stack creates (`stackSecrets`). */
  secrets?: number;
  /**
   * The cron expressions of the scheduled jobs; with the worker's sweeps (`jobs.sweepMinutes`) they wake
   * an auto-paused Aurora outside the traffic. Default: the schedules the modules register (src/app/jobs.ts).
   */
  schedules?: readonly string[];
}

/**
 * The Secrets Manager secrets `infra/moms-stack.ts` creates for a stage (a template test checks the
 * count): the master user's, the application role's, the JWT signing key, the first administrator,
 * Automation's vault key, and with CloudFront the origin-verify header.
 */
export function stackSecrets(stage: StageConfig): string[] {
  return [
    'database master',
    'database app role',
    'JWT signing key',
    'initial admin',
    'automation vault key',
    ...(stage.web.cloudFront ? ['origin verify'] : []),
  ];
}

export type ResolvedWorkload = Required<Workload> & {
  jobsPerMonth: number;
  webFileRequests: number;
  /** Sweeps and scheduled runs in the month. */
  wakeUpsPerMonth: number;
  /** Hours an auto-paused cluster is awake for the wake-ups that fall outside the active hours. */
  wakeHours: number;
};

function check(name: string, value: number, min: number, max = Infinity): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new RangeError(`${name} must be a number ${range} (got ${value})`);
  }
  return value;
}

/** The auto-pause delay, or 5 minutes of "awake after a request" for a cluster that never pauses. */
function activityTailSeconds(stage: StageConfig): number {
  return stage.database.autoPauseSeconds ?? 300;
}

export function derivedActiveHours(stage: StageConfig, requests: number): number {
  if (requests === 0) return 0;
  const tailHours = activityTailSeconds(stage) / 3600;
  return Math.min(HOURS_PER_MONTH, requests * tailHours, WORKING_HOURS + WORKING_DAYS * tailHours);
}

/** Fills in the defaults and checks every field. */
export function resolveWorkload(stage: StageConfig, w: Workload): ResolvedWorkload {
  const requests = check('requestsPerMonth', w.requestsPerMonth, 0);
  const idle = requests === 0;
  const db = stage.database;
  const minAcu = Math.max(0.5, db.minCapacity);
  const apiResponseKb = check('apiResponseKb', w.apiResponseKb ?? 5, 0);
  const pageLoadsPerMonth = check('pageLoadsPerMonth', w.pageLoadsPerMonth ?? requests / 50, 0);
  const webKbPerPageLoad = check('webKbPerPageLoad', w.webKbPerPageLoad ?? 500, 0);
  const webFilesPerPageLoad = check('webFilesPerPageLoad', w.webFilesPerPageLoad ?? 10, 0);
  const jobsPerRequest = check('jobsPerRequest', w.jobsPerRequest ?? 0.01, 0);
  const resolved: Required<Workload> = {
    requestsPerMonth: requests,
    avgDurationMs: check('avgDurationMs', w.avgDurationMs ?? 120, 0, 900_000),
    authorizerDurationMs: check('authorizerDurationMs', w.authorizerDurationMs ?? 5, 0, 900_000),
    protectedShare: check('protectedShare', w.protectedShare ?? 1, 0, 1),
    coldStartShare: check('coldStartShare', w.coldStartShare ?? 0.01, 0, 1),
    initDurationMs: check('initDurationMs', w.initDurationMs ?? 400, 0, 600_000),
    jobsPerRequest,
    workerDurationMs: check('workerDurationMs', w.workerDurationMs ?? 1000, 0, 900_000),
    activeHours: check('activeHours', w.activeHours ?? derivedActiveHours(stage, requests), 0, HOURS_PER_MONTH),
    avgAcu: check('avgAcu', w.avgAcu ?? Math.max(0.5, 2 * db.minCapacity), minAcu, db.maxCapacity),
    dbIoPerRequest: check('dbIoPerRequest', w.dbIoPerRequest ?? 5, 0),
    dbCallsPerRequest: check('dbCallsPerRequest', w.dbCallsPerRequest ?? 4, 0),
    dailyChangeShare: check('dailyChangeShare', w.dailyChangeShare ?? (idle ? 0 : 0.01), 0, 1),
    apiResponseKb,
    pageLoadsPerMonth,
    webKbPerPageLoad,
    webFilesPerPageLoad,
    dataOutGb: check(
      'dataOutGb',
      w.dataOutGb ?? (requests * apiResponseKb + pageLoadsPerMonth * webKbPerPageLoad) / 1_000_000,
      0,
    ),
    cacheHitShare: check('cacheHitShare', w.cacheHitShare ?? 0.9, 0, 1),
    webBucketGb: check('webBucketGb', w.webBucketGb ?? 0.1, 0),
    s3PutsPerMonth: check('s3PutsPerMonth', w.s3PutsPerMonth ?? (idle ? 0 : 1000), 0),
    logKbPerInvocation: check('logKbPerInvocation', w.logKbPerInvocation ?? 1, 0),
    accessLogKbPerRequest: check('accessLogKbPerRequest', w.accessLogKbPerRequest ?? 0.4, 0),
    secrets: check('secrets', w.secrets ?? stackSecrets(stage).length, 0),
    schedules: w.schedules ?? registeredSchedules(),
  };
  // Only a cluster that pauses is woken; wake-ups during the active hours find it awake already.
  const wake = wakeUps(stage, resolved.schedules, activityTailSeconds(stage));
  const quiet = HOURS_PER_MONTH - resolved.activeHours;
  const wakeHours = db.minCapacity === 0 ? Math.min(quiet, wake.awakeHours * (quiet / HOURS_PER_MONTH)) : 0;
  return {
    ...resolved,
    jobsPerMonth: requests * jobsPerRequest,
    webFileRequests: pageLoadsPerMonth * webFilesPerPageLoad,
    wakeUpsPerMonth: wake.events,
    wakeHours,
  };
}
