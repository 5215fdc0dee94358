/**
 * Everything that differs between dev, staging and prod, in one typed place. The CDK app and the
 * cost estimator both read it.
 */
export type StageName = 'dev' | 'staging' | 'prod';

export interface StageConfig {
  name: StageName;
  /** AWS region (the account comes from the operator's credentials at deploy time). */
  region: string;
  database: {
    /** Aurora Serverless v2 capacity in ACUs. 0 lets the cluster auto-pause. */
    minCapacity: number;
    maxCapacity: number;
    /** Seconds idle before auto-pause (only when minCapacity is 0; 300–86,400). */
    autoPauseSeconds?: number;
    /** A reader instance in a second AZ (prod). */
    reader: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    /** Storage the estimator assumes (GB-month). */
    expectedStorageGb: number;
    /**
     * How the functions reach Aurora (docs/adr/0005). `data-api`: the RDS Data API over HTTPS — the
     * functions run outside the VPC and the stage needs no interface endpoints (their AZ-hours were
     * most of an idle dev month), at a few milliseconds more per statement and within the Data API's
     * limits (1 MiB per response, 45 s per call, transactions idle at most 3 minutes). `pg`: PostgreSQL
     * connections from functions in the VPC, which then reach Secrets Manager and SQS through interface
     * endpoints (`network.interfaceEndpointAzs`).
     */
    access: 'data-api' | 'pg';
  };
  lambda: {
    /** Memory of the API functions (MB). */
    apiMemoryMb: number;
    /** The authorizer verifies a signature and does no I/O: it needs little memory. */
    authorizerMemoryMb: number;
    workerMemoryMb: number;
    /**
     * Provisioned concurrency on the standardApi alias and on the authorizer (0 = none). `schedule`:
     * `always` (default) keeps it all month; `office-hours` keeps it Monday–Friday 07:00–17:00 UTC
     * only (scheduled scaling of the aliases to 0 outside them; 220 of the month's 730 hours billed).
     */
    provisionedConcurrency: { standardApi: number; authorizer: number; schedule?: 'always' | 'office-hours' };
    /**
     * Reserved concurrency of the functions that hold a database connection: a ceiling on their
     * connections (each holds at most DB_POOL_MAX = 1), checked against what Aurora accepts at its
     * maximum capacity (infra/monitoring.test.ts). Absent: none reserved — a new AWS account has a
     * concurrency quota of 10 and cannot reserve any; that quota is then the ceiling.
     */
    reservedConcurrency?: { standardApi: number; containerizedApi: number; worker: number };
    /** The most job messages the worker runs at once (SQS event source `maxConcurrency`, ≥ 2). */
    workerMaxConcurrency: number;
    architecture: 'arm64';
  };
  api: {
    /** Steady-state requests per second and burst for the HTTP API's default stage. */
    throttleRate: number;
    throttleBurst: number;
    /** Origins allowed by CORS (the web app's). */
    corsOrigins: string[];
  };
  web: {
    /** Put CloudFront (with Origin Access Control) in front of the bucket, and the API under /api/*. */
    cloudFront: boolean;
  };
  network: {
    /**
     * Availability zones that get the VPC interface endpoints (Secrets Manager, SQS) the functions in
     * the VPC need — only with `database.access: 'pg'` (a Data API stage has no function in the VPC and
     * no endpoint). One is enough outside prod (endpoints bill per AZ-hour; docs/adr/0005); with one, a
     * failure of that AZ cuts the functions off from Secrets Manager and SQS.
     */
    interfaceEndpointAzs: 1 | 2;
  };
  jobs: {
    /**
     * Minutes between sweeps (the worker dispatching outbox rows and jobs a crashed process left
     * behind; docs/adr/0012). Each sweep touches the database, so it wakes an auto-paused Aurora: keep
     * it rare where the database pauses (nothing is lost meanwhile, only delayed).
     */
    sweepMinutes: number;
  };
  /**
   * Outbound mail through SES (docs/mail.md): the sender (`Name <address>`, an address of a verified
   * SES identity) and that identity's ARN (default: the address's domain identity in `region`).
   * Absent: the worker may not send, and each mail's send job fails saying sending is disabled.
   */
  mail?: { from: string; identityArn?: string };
  /** Days CloudWatch keeps logs. */
  logRetentionDays: number;
  /** Alarms and the dashboard (infra/constructs/monitoring.ts). */
  monitoring: {
    /** Subscribed to the alarm topic (confirm the e-mail AWS sends); none: subscribe by hand. */
    alarmEmail?: string;
    /** API 5xx answers in 5 minutes that raise the alarm. */
    api5xxPerFiveMinutes: number;
    /** API p99 latency (ms) that, held for 15 minutes, raises the alarm. */
    apiP99Ms: number;
    /**
     * Errors and throttles alarmed per function ($0.10 a month each), or once for the account's
     * functions together (dev: fewer alarms, within the 10 of the free tier).
     */
    perFunctionAlarms: boolean;
    /** The CloudWatch dashboard ($3 a month beyond the free tier's three). */
    dashboard: boolean;
  };
}

export const stages: Record<StageName, StageConfig> = {
  dev: {
    name: 'dev',
    region: 'eu-west-1',
    database: {
      minCapacity: 0,
      maxCapacity: 2,
      autoPauseSeconds: 300,
      reader: false,
      backupRetentionDays: 1,
      deletionProtection: false,
      expectedStorageGb: 1,
      access: 'data-api',
    },
    lambda: {
      apiMemoryMb: 1024,
      authorizerMemoryMb: 512,
      workerMemoryMb: 2048,
      provisionedConcurrency: { standardApi: 0, authorizer: 0 },
      workerMaxConcurrency: 2,
      architecture: 'arm64',
    },
    api: { throttleRate: 50, throttleBurst: 100, corsOrigins: ['http://localhost:3000', 'http://localhost:5173'] },
    // CloudFront in dev too: the only way to browse the private bucket (WebUrl), and free when idle
    // (no monthly fee; its free tier covers a dev stage's traffic).
    web: { cloudFront: true },
    network: { interfaceEndpointAzs: 1 },
    // Every sweep wakes the paused Aurora for its 5-minute auto-pause delay: hourly sweeps alone kept it
    // awake 61 h a month (~$4). Every 6 hours: ~10 h. Jobs a crashed process left behind wait that long.
    jobs: { sweepMinutes: 360 },
    logRetentionDays: 7,
    monitoring: { api5xxPerFiveMinutes: 5, apiP99Ms: 3000, perFunctionAlarms: false, dashboard: false },
  },
  staging: {
    name: 'staging',
    region: 'eu-west-1',
    database: {
      minCapacity: 0,
      maxCapacity: 4,
      autoPauseSeconds: 1800,
      reader: false,
      backupRetentionDays: 7,
      deletionProtection: false,
      expectedStorageGb: 5,
      access: 'data-api',
    },
    lambda: {
      apiMemoryMb: 1024,
      authorizerMemoryMb: 512,
      workerMemoryMb: 2048,
      provisionedConcurrency: { standardApi: 0, authorizer: 0 },
      reservedConcurrency: { standardApi: 50, containerizedApi: 20, worker: 5 },
      workerMaxConcurrency: 5,
      architecture: 'arm64',
    },
    api: { throttleRate: 200, throttleBurst: 400, corsOrigins: [] },
    web: { cloudFront: true },
    network: { interfaceEndpointAzs: 1 },
    jobs: { sweepMinutes: 60 },
    logRetentionDays: 30,
    monitoring: { api5xxPerFiveMinutes: 5, apiP99Ms: 3000, perFunctionAlarms: true, dashboard: true },
  },
  prod: {
    name: 'prod',
    region: 'eu-west-1',
    database: {
      minCapacity: 0.5,
      maxCapacity: 16,
      reader: true,
      backupRetentionDays: 30,
      deletionProtection: true,
      expectedStorageGb: 20,
      // Connections from the VPC: no per-statement HTTPS hop and no 1 MiB result limit for prod's
      // traffic; `npm run cost -- --stage prod` prices the Data API alternative.
      access: 'pg',
    },
    lambda: {
      apiMemoryMb: 1024,
      authorizerMemoryMb: 512,
      workerMemoryMb: 2048,
      provisionedConcurrency: { standardApi: 2, authorizer: 1 },
      reservedConcurrency: { standardApi: 300, containerizedApi: 100, worker: 20 },
      workerMaxConcurrency: 20,
      architecture: 'arm64',
    },
    api: { throttleRate: 1000, throttleBurst: 2000, corsOrigins: [] },
    web: { cloudFront: true },
    network: { interfaceEndpointAzs: 2 },
    jobs: { sweepMinutes: 5 },
    logRetentionDays: 365,
    monitoring: { api5xxPerFiveMinutes: 5, apiP99Ms: 2000, perFunctionAlarms: true, dashboard: true },
  },
};

export function stageConfig(name: string | undefined): StageConfig {
  const stage = stages[(name ?? 'dev') as StageName];
  if (!stage) throw new Error(`Unknown stage "${name}". Use one of: ${Object.keys(stages).join(', ')}.`);
  return stage;
}
