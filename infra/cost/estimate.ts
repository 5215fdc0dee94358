import type { StageConfig, StageName } from '../config/stages.js';
import { stackEnv } from '../stack-env.js';
import { baselineLines } from './baseline.js';
import { functionUsage, lambdaLines, type FunctionUsage } from './lambda.js';
import { formatQuantity, line, noCharge, sum, type LineItem, type MicroUsd } from './money.js';
import { prices as defaultPrices, type PriceTable } from './prices.js';
import {
  stackSecrets,
  DAYS_PER_MONTH,
  HOURS_PER_MONTH,
  SECONDS_PER_MONTH,
  SQS_IDLE_POLLERS,
  SQS_LONG_POLL_SECONDS,
  resolveWorkload,
  type ResolvedWorkload,
  type Workload,
} from './workload.js';

/**
 * How the Lambda functions reach Aurora and the AWS APIs:
 * - `vpc-endpoints`: functions in the VPC (pg over TCP); interface endpoints for Secrets Manager and SQS in
 *   `stage.network.interfaceEndpointAzs` AZs (the stack with `database.access: 'pg'`).
 * - `nat`: functions in the VPC; one NAT gateway (one AZ) for the AWS APIs (not built; for comparison).
 * - `data-api`: functions outside the VPC; SQL through the RDS Data API (the stack with `database.access: 'data-api'`).
 */
export type Network = 'vpc-endpoints' | 'nat' | 'data-api';
export const NETWORKS: readonly Network[] = ['vpc-endpoints', 'nat', 'data-api'];

/** The network the stack builds for a stage (infra/moms-stack.ts follows `database.access`). */
export function stageNetwork(stage: StageConfig): Network {
  return stage.database.access === 'data-api' ? 'data-api' : 'vpc-endpoints';
}

/** The functions in infra/moms-stack.ts (each gets an errors and a throttles alarm where alarms are per function). */
export const STACK_FUNCTIONS = 6;
/** Custom metrics the functions emit (src/platform/observability/metrics.ts: 4 names × one dimension set). */
export const CUSTOM_METRICS = 4;

/**
 * The CloudWatch alarms infra/constructs/monitoring.ts and async-work.ts create (a template test checks
 * it): API 5xx and latency, errors and throttles (per function, or account-wide), Aurora capacity and
 * connections, the dead-letter queue.
 */
export function stackAlarms(stage: StageConfig): number {
  return 2 + (stage.monitoring.perFunctionAlarms ? 2 * STACK_FUNCTIONS : 2) + 2 + 1;
}

export const ENDPOINT_SERVICES = ['Secrets Manager', 'SQS'] as const;
/** Bytes through the endpoints / NAT per AWS API call (request + response, TLS included). */
const KB_PER_API_CALL = 4;
/** SQS requests per job: SendMessage, ReceiveMessage, DeleteMessage. */
const SQS_REQUESTS_PER_JOB = 3;

export interface EstimateOptions {
  network?: Network;
  /** Apply the always-free allowances (see prices.freeTier). Default off. */
  freeTier?: boolean;
  prices?: PriceTable;
}

export interface CostSide {
  lines: LineItem[];
  totalMicroUsd: MicroUsd;
  /** totalMicroUsd / 1,000,000 (not rounded to cents). */
  totalUsd: number;
}

export interface Estimate {
  stage: StageName;
  region: string;
  network: Network;
  freeTier: boolean;
  pricesAsOf: string;
  workload: ResolvedWorkload;
  serverless: CostSide;
  /** The always-on EC2 + RDS equivalent (baseline.ts). */
  baseline: CostSide;
  /** serverless / baseline. */
  ratio: number;
}

const side = (lines: LineItem[]): CostSide => {
  const totalMicroUsd = sum(lines);
  return { lines, totalMicroUsd, totalUsd: totalMicroUsd / 1e6 };
};

/** The monthly cost of `workload` on `stage`, next to the always-on EC2 + RDS baseline. Pure. */
export function estimateMonthlyCost(stage: StageConfig, workload: Workload, options: EstimateOptions = {}): Estimate {
  const p = options.prices ?? defaultPrices;
  const network = options.network ?? stageNetwork(stage);
  const freeTier = options.freeTier ?? false;
  // The region the stack really deploys to (infra/app.ts uses stackEnv), not only what the config says.
  const region = stackEnv(stage).region;
  if (region !== p.region) {
    throw new Error(`The price table is for ${p.region}; stage ${stage.name} deploys to ${region}.`);
  }
  if (!NETWORKS.includes(network)) throw new Error(`Unknown network "${String(network)}"`);
  const w = resolveWorkload(stage, workload);
  const usage = functionUsage(stage, w);
  const backupGb = stage.database.expectedStorageGb * w.dailyChangeShare * stage.database.backupRetentionDays;

  const serverless = side([
    ...lambdaLines(usage, freeTier, p),
    line('API Gateway HTTP API', w.requestsPerMonth, 'requests', p.apiGateway.httpRequests),
    ...auroraLines(stage, w, backupGb, p),
    ...webLines(stage, w, freeTier, p),
    ...secretsLines(stage, network, usage, w, p),
    sqsLine(w, freeTier, p),
    ...logLines(stage, usage, w, freeTier, p),
    ...monitoringLines(stage, w, freeTier, p),
    ...networkLines(stage, network, usage, w, p),
  ]);
  const baseline = side(baselineLines(stage, w, freeTier, backupGb, p));
  return {
    stage: stage.name,
    region,
    network,
    freeTier,
    pricesAsOf: p.asOf,
    workload: w,
    serverless,
    baseline,
    ratio: serverless.totalMicroUsd / baseline.totalMicroUsd,
  };
}

/**
 * Aurora Serverless v2 capacity model. A cluster with minCapacity 0 auto-pauses: it is awake only during the
 * active hours and bills no ACUs otherwise. Any other cluster is awake 730 h at its minimum. While traffic is
 * active the writer averages `avgAcu`, so writer ACU-hours = min × awake hours + (avgAcu − min) × active hours.
 * A reader (prod) is assumed in promotion tier 0–1, so it scales with the writer: it doubles the ACU-hours.
 */
export function acuHours(stage: StageConfig, w: ResolvedWorkload): { writer: number; total: number; awake: number } {
  const { minCapacity, reader } = stage.database;
  const awake = minCapacity === 0 ? w.activeHours + w.wakeHours : HOURS_PER_MONTH;
  // A paused cluster woken by a sweep or a schedule runs at 0.5 ACU until it pauses again.
  const writer =
    minCapacity * awake + (w.avgAcu - minCapacity) * w.activeHours + (minCapacity === 0 ? WAKE_ACU * w.wakeHours : 0);
  return { writer, total: writer * (reader ? 2 : 1), awake };
}

/** ACUs of a resumed cluster that does nothing (the lowest running capacity). */
const WAKE_ACU = 0.5;

function auroraLines(stage: StageConfig, w: ResolvedWorkload, backupGb: number, p: PriceTable): LineItem[] {
  const db = stage.database;
  const acu = acuHours(stage, w);
  const explain =
    db.minCapacity === 0
      ? `${w.avgAcu} ACU × ${formatQuantity(w.activeHours)} active h + ${WAKE_ACU} ACU × ` +
        `${formatQuantity(w.wakeHours)} h woken (${formatQuantity(w.wakeUpsPerMonth)} sweeps and scheduled runs; ` +
        `pauses after ${db.autoPauseSeconds ?? 300} s idle)`
      : `(${db.minCapacity} ACU × 730 h + ${w.avgAcu - db.minCapacity} ACU × ${formatQuantity(w.activeHours)} active h)` +
        (db.reader ? ' × 2 (writer + reader)' : '');
  return [
    line('Aurora Serverless v2 capacity', acu.total, 'ACU-h', p.aurora.acuHour, explain),
    line(
      'Aurora storage',
      db.expectedStorageGb,
      'GB-month',
      p.aurora.storageGbMonth,
      db.minCapacity === 0 ? 'billed while paused too' : undefined,
    ),
    line(
      'Aurora I/O',
      w.requestsPerMonth * w.dbIoPerRequest,
      'I/O',
      p.aurora.ioRequests,
      `${formatQuantity(w.requestsPerMonth)} requests × ${w.dbIoPerRequest}`,
    ),
    backupGb > 0
      ? line(
          'Aurora backup beyond free',
          backupGb,
          'GB-month',
          p.aurora.backupGbMonth,
          `${db.expectedStorageGb} GB × ${formatQuantity(w.dailyChangeShare * 100)}% changed a day × ${db.backupRetentionDays} day${db.backupRetentionDays === 1 ? '' : 's'}`,
        )
      : noCharge('Aurora backup beyond free', 'no changes: within the free 100% of the volume'),
  ];
}

function webLines(stage: StageConfig, w: ResolvedWorkload, freeTier: boolean, p: PriceTable): LineItem[] {
  const free = p.freeTier;
  const cdn = stage.web.cloudFront;
  const gets = cdn ? w.webFileRequests * (1 - w.cacheHitShare) : w.webFileRequests;
  const lines = [
    line('S3 storage (web app)', w.webBucketGb, 'GB-month', p.s3.storageGbMonth),
    line('S3 PUT requests', w.s3PutsPerMonth, 'requests', p.s3.putRequests, 'deployments'),
    line(
      'S3 GET requests',
      gets,
      'requests',
      p.s3.getRequests,
      `${formatQuantity(w.webFileRequests)} web files` +
        (cdn ? ` × ${formatQuantity(1 - w.cacheHitShare)} misses` : ''),
    ),
  ];
  const gb = `${formatQuantity(w.dataOutGb)} GB API responses + web assets`;
  if (!cdn) {
    const billed = freeTier ? Math.max(0, w.dataOutGb - free.internetOutGb) : w.dataOutGb;
    return [
      ...lines,
      noCharge('CloudFront', 'off for this stage: S3 and API Gateway serve directly'),
      line(
        'Data transfer out to the internet',
        billed,
        'GB',
        p.dataTransfer.internetOutGb,
        gb + (freeTier ? ` − ${free.internetOutGb} GB free` : ''),
      ),
    ];
  }
  const requests = w.requestsPerMonth + w.webFileRequests;
  return [
    ...lines,
    line(
      'CloudFront data out (Europe)',
      freeTier ? Math.max(0, w.dataOutGb - free.cloudFrontGb) : w.dataOutGb,
      'GB',
      p.cloudFront.dataOutGbEurope,
      gb + (freeTier ? ` − ${free.cloudFrontGb} GB free` : ''),
    ),
    line(
      'CloudFront HTTPS requests',
      freeTier ? Math.max(0, requests - free.cloudFrontRequests) : requests,
      'requests',
      p.cloudFront.httpsRequestsEurope,
      `${formatQuantity(w.requestsPerMonth)} API + ${formatQuantity(w.webFileRequests)} web files` +
        (freeTier ? ` − ${formatQuantity(free.cloudFrontRequests)} free` : ''),
    ),
  ];
}

/** The functions in the VPC: all but the authorizer with `pg`, none with the Data API (infra/moms-stack.ts). */
const inVpc = (usage: FunctionUsage[], network: Network) =>
  network === 'data-api' ? [] : usage.filter((f) => f.name !== 'authorizer');

/**
 * GetSecretValue per cold start: the API reads the JWT key, the origin-verify value (with CloudFront) and,
 * with `pg`, the database secret; the authorizer the JWT key; the worker the database secret with `pg`.
 * With the Data API the functions pass the secret's ARN and read no database secret themselves.
 */
function secretCalls(stage: StageConfig, network: Network, usage: FunctionUsage[]): { calls: number; explain: string } {
  const db = network === 'data-api' ? 0 : 1;
  const reads = (f: FunctionUsage) =>
    f.name === 'API' ? 1 + db + (stage.web.cloudFront ? 1 : 0) : f.name === 'authorizer' ? 1 : db;
  const calls = usage.reduce((n, f) => n + f.coldStarts * reads(f), 0);
  const parts = usage.map((f) => `${f.name} ${formatQuantity(f.coldStarts)} × ${reads(f)}`);
  return { calls, explain: `cold starts × secrets read: ${parts.join(' + ')}` };
}

function secretsLines(
  stage: StageConfig,
  network: Network,
  usage: FunctionUsage[],
  w: ResolvedWorkload,
  p: PriceTable,
): LineItem[] {
  const { calls, explain } = secretCalls(stage, network, usage);
  const names = stackSecrets(stage);
  return [
    line(
      'Secrets Manager secrets',
      w.secrets,
      'secrets',
      p.secretsManager.secretMonth,
      w.secrets === names.length ? names.join(' + ') : undefined,
    ),
    line('Secrets Manager API calls', calls, 'calls', p.secretsManager.apiCalls, explain),
  ];
}

/** Alarms, the dashboard, the custom business metrics, and X-Ray (PassThrough: nothing recorded). */
function monitoringLines(stage: StageConfig, w: ResolvedWorkload, freeTier: boolean, p: PriceTable): LineItem[] {
  const free = p.freeTier;
  const alarms = stackAlarms(stage);
  const dashboards = stage.monitoring.dashboard ? 1 : 0;
  // Emitted only when something happens (invoices issued, jobs run): none in an idle month.
  const metrics = w.requestsPerMonth > 0 ? CUSTOM_METRICS : 0;
  const minusFree = (n: number, allowance: number) => (freeTier ? Math.max(0, n - allowance) : n);
  return [
    line(
      'CloudWatch alarms',
      minusFree(alarms, free.alarms),
      'alarms',
      p.cloudWatch.alarmMonth,
      `${alarms} alarms (${stage.monitoring.perFunctionAlarms ? `errors + throttles × ${STACK_FUNCTIONS} functions` : 'account-wide errors + throttles'}, API 5xx + p99, Aurora capacity + connections, dead letters)` +
        (freeTier ? ` − ${free.alarms} free` : ''),
    ),
    dashboards > 0
      ? line(
          'CloudWatch dashboard',
          minusFree(dashboards, free.dashboards),
          'dashboards',
          p.cloudWatch.dashboardMonth,
          freeTier ? `1 − ${free.dashboards} free` : undefined,
        )
      : noCharge('CloudWatch dashboard', 'none in this stage'),
    line(
      'CloudWatch custom metrics',
      minusFree(metrics, free.customMetrics),
      'metrics',
      p.cloudWatch.customMetricMonth,
      metrics > 0 ? `${CUSTOM_METRICS} business metrics (EMF)` : 'none emitted in an idle month',
    ),
    noCharge('X-Ray', 'tracing PassThrough: the functions record no traces (infra/constructs/functions.ts)'),
  ];
}

function sqsLine(w: ResolvedWorkload, freeTier: boolean, p: PriceTable): LineItem {
  const polling = (SQS_IDLE_POLLERS * SECONDS_PER_MONTH) / SQS_LONG_POLL_SECONDS;
  const jobs = w.jobsPerMonth * SQS_REQUESTS_PER_JOB;
  const total = polling + jobs;
  return line(
    'SQS requests',
    freeTier ? Math.max(0, total - p.freeTier.sqsRequests) : total,
    'requests',
    p.sqs.requests,
    `${formatQuantity(polling)} empty long-polls (${SQS_IDLE_POLLERS} pollers, ${SQS_LONG_POLL_SECONDS} s) + ` +
      `${formatQuantity(w.jobsPerMonth)} jobs × ${SQS_REQUESTS_PER_JOB}` +
      (freeTier ? ` − ${formatQuantity(p.freeTier.sqsRequests)} free` : ''),
  );
}

function logLines(
  stage: StageConfig,
  usage: FunctionUsage[],
  w: ResolvedWorkload,
  freeTier: boolean,
  p: PriceTable,
): LineItem[] {
  const invocations = usage.reduce((n, f) => n + f.invocations, 0);
  const gb = (invocations * w.logKbPerInvocation + w.requestsPerMonth * w.accessLogKbPerRequest) / 1_000_000;
  const stored = (gb * stage.logRetentionDays) / DAYS_PER_MONTH;
  return [
    line(
      'CloudWatch Logs ingestion',
      freeTier ? Math.max(0, gb - p.freeTier.logsGb) : gb,
      'GB',
      p.logs.ingestionGb,
      `${formatQuantity(invocations)} invocations × ${w.logKbPerInvocation} KB + ` +
        `${formatQuantity(w.requestsPerMonth)} API access-log lines × ${w.accessLogKbPerRequest} KB` +
        (freeTier ? ` − ${p.freeTier.logsGb} GB free` : ''),
    ),
    line(
      'CloudWatch Logs storage',
      stored,
      'GB-month',
      p.logs.storageGbMonth,
      `steady state: ${formatQuantity(gb)} GB a month kept ${stage.logRetentionDays} days`,
    ),
  ];
}

function networkLines(
  stage: StageConfig,
  network: Network,
  usage: FunctionUsage[],
  w: ResolvedWorkload,
  p: PriceTable,
): LineItem[] {
  const n = p.network;
  const azs = stage.network.interfaceEndpointAzs;
  // From the VPC: GetSecretValue of the API and the worker (the authorizer runs outside it) + SendMessage.
  const apiCalls = secretCalls(stage, network, inVpc(usage, network)).calls + w.jobsPerMonth;
  const gb = (apiCalls * KB_PER_API_CALL) / 1_000_000;
  const traffic = `${formatQuantity(apiCalls)} AWS API calls × ${KB_PER_API_CALL} KB`;
  switch (network) {
    case 'vpc-endpoints':
      return [
        line(
          'VPC interface endpoints',
          ENDPOINT_SERVICES.length * azs * HOURS_PER_MONTH,
          'endpoint-AZ-h',
          n.interfaceEndpointHour,
          `${ENDPOINT_SERVICES.length} (${ENDPOINT_SERVICES.join(', ')}) × ${azs} AZ${azs > 1 ? 's' : ''} × 730 h`,
        ),
        line('VPC endpoint data processed', gb, 'GB', n.interfaceEndpointGb, traffic),
      ];
    case 'nat':
      return [
        line('NAT gateway', HOURS_PER_MONTH, 'h', n.natGatewayHour, 'one NAT gateway (one AZ)'),
        line('NAT gateway data processed', gb, 'GB', n.natGatewayGb, traffic),
        line('Public IPv4 address (NAT)', HOURS_PER_MONTH, 'address-h', n.publicIpv4Hour),
      ];
    case 'data-api':
      return [
        noCharge('VPC networking', 'functions outside the VPC: no endpoints, no NAT'),
        line(
          'RDS Data API',
          w.requestsPerMonth * w.dbCallsPerRequest,
          'calls',
          p.aurora.dataApiRequests,
          `${formatQuantity(w.requestsPerMonth)} requests × ${w.dbCallsPerRequest} statements`,
        ),
      ];
  }
}
