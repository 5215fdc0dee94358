import { describe, expect, it } from 'vitest';
import { stages, type StageConfig } from '../config/stages.js';
import { estimateMonthlyCost } from './estimate.js';
import type { LineItem } from './money.js';
import { prices } from './prices.js';
import type { Workload } from './workload.js';

/*
 * Every expectation below is computed by hand in the comments from the unit prices of prices.ts (quoted where
 * used), in micro-dollars (µ$). If a price in the table changes, these tests fail on purpose: recompute them.
 *
 * The stacks as configured: dev and staging on the RDS Data API (no VPC endpoints), prod on pg with endpoints
 * in 2 AZs; CloudFront in every stage; 6 secrets each (master, app role, JWT key, initial admin, automation vault key, origin
 * verify); alarms 7 in dev (account-wide errors/throttles), 17 in staging and prod (per function) + a dashboard.
 * A paused cluster (dev, staging) is woken by every sweep and scheduled run (counted in 730 h from a Monday
 * 00:00 UTC, overlaps once): dev sweeps every 6 h from 00:00 — 122 sweeps — and the one nightly job here
 * runs at 02:30 — 31 runs: 153 wake-ups × 5 min = 12.75 h awake at 0.5 ACU.
 *
 *   Lambda arm64   (API 1 GB and worker 2 GB from the stage; authorizer 512 MB)
 *                  $0.20 / 1M requests · $0.0000133334 / GB-s · provisioned $0.0000033334 / GB-s,
 *                  duration on provisioned $0.0000077778 / GB-s
 *   HTTP API       $1.11 / 1M (first 300M), then $1.00 / 1M
 *   Aurora         $0.13 / ACU-h · $0.11 / GB-month · $0.22 / 1M I/O · backup $0.021 / GB-month
 *   S3             $0.023 / GB-month · $0.005 / 1,000 PUT · $0.0004 / 1,000 GET · internet out $0.09 / GB
 *   CloudFront     $0.085 / GB · $0.012 / 10,000 HTTPS requests
 *   Secrets        $0.40 / secret-month · $0.05 / 10,000 calls        SQS $0.40 / 1M requests
 *   Logs           $0.57 / GB ingested · $0.03 / GB-month
 *   CloudWatch     alarm $0.10 / month · dashboard $3 / month · custom metric $0.30 / month
 *   RDS Data API   $0.35 / 1M requests
 *   Network        endpoint $0.011 / AZ-hour + $0.01 / GB (endpoints in stage.network.interfaceEndpointAzs AZs) · NAT $0.048 / h + $0.048 / GB · IPv4 $0.005 / h
 *   Baseline       EC2 t4g.medium $0.0368 / h · EBS gp3 $0.088 / GB-month · RDS t4g.medium $0.072 / h
 *                  (Multi-AZ $0.144) · RDS gp3 $0.127 / GB-month (Multi-AZ $0.254) · RDS backup $0.095
 *                  · ALB $0.0252 / h + $0.008 / LCU-h
 */

const { dev, prod } = stages;

function micro(lines: readonly LineItem[], component: string): number {
  const found = lines.find((item) => item.component === component);
  if (!found) throw new Error(`no line "${component}" in ${lines.map((item) => item.component).join(', ')}`);
  return found.microUsd;
}

/** The components that cost something, with their amounts. */
function charged(lines: readonly LineItem[]): Record<string, number> {
  return Object.fromEntries(lines.filter((item) => item.microUsd > 0).map((item) => [item.component, item.microUsd]));
}

/**
 * One nightly scheduled job, so that the figures below do not move when a module registers a schedule
 * (the CLI uses the registered ones: infra/cost/schedules.ts).
 */
const NIGHTLY = ['30 2 * * *'];

const estimate = (stage: StageConfig, requestsPerMonth: number, rest: Omit<Workload, 'requestsPerMonth'> = {}) =>
  estimateMonthlyCost(stage, { requestsPerMonth, schedules: NIGHTLY, ...rest });

describe('the price table', () => {
  it('is for the stages’ region, dated, with a source for every price', () => {
    expect(prices.region).toBe('eu-west-1');
    for (const stage of Object.values(stages)) expect(stage.region).toBe(prices.region);
    expect(prices.asOf).toMatch(/^\d{4}-\d{2}/);
    expect(prices.lambda.durationArm.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
  });
});

describe('Lambda', () => {
  it('1,000,000 requests × 120 ms × 1 GB arm64, nothing else: $1.60 duration + $0.20 requests', () => {
    const e = estimate(dev, 1_000_000, { protectedShare: 0, jobsPerRequest: 0, coldStartShare: 0 });
    // 1,000,000 × 0.120 s × 1 GB = 120,000 GB-s × $0.0000133334 = $1.600008
    expect(micro(e.serverless.lines, 'Lambda duration (on-demand)')).toBe(1_600_008);
    // 1,000,000 × $0.20 / 1M = $0.20
    expect(micro(e.serverless.lines, 'Lambda requests')).toBe(200_000);
    expect(Math.round(micro(e.serverless.lines, 'Lambda duration (on-demand)') / 10_000)).toBe(160);
  });

  it('runs the authorizer (512 MB) on every protected request, billed per whole millisecond', () => {
    const e = estimate(dev, 1_000_000, { authorizerDurationMs: 4.2, jobsPerRequest: 0, coldStartShare: 0 });
    // 2,000,000 invocations × $0.20 / 1M = $0.40
    expect(micro(e.serverless.lines, 'Lambda requests')).toBe(400_000);
    // API 120,000 GB-s + authorizer 1,000,000 × 0.005 s (4.2 ms → 5 ms) × 0.5 GB = 2,500 → 122,500 GB-s
    // × $0.0000133334 = $1.6333415 → rounded half-up to $1.633342
    expect(micro(e.serverless.lines, 'Lambda duration (on-demand)')).toBe(1_633_342);
  });

  it('bills provisioned concurrency all month, and duration on it at the reduced price (prod)', () => {
    const e = estimate(prod, 1_000_000);
    // (2 API × 1 GB + 1 authorizer × 0.5 GB) × 2,628,000 s = 6,570,000 GB-s × $0.0000033334 = $21.900438
    expect(micro(e.serverless.lines, 'Lambda provisioned concurrency')).toBe(21_900_438);
    // API 120,000 + authorizer 2,500 GB-s fit in the provisioned capacity:
    // 122,500 × $0.0000077778 = $0.9527805 → rounded half-up to $0.952781
    expect(micro(e.serverless.lines, 'Lambda duration (provisioned)')).toBe(952_781);
    // worker: 10,000 jobs × 1 s × 2 GB = 20,000 GB-s; init: 100 cold starts × 0.4 s × 2 GB = 80 GB-s
    // 20,080 × $0.0000133334 = $0.267734672
    expect(micro(e.serverless.lines, 'Lambda duration (on-demand)')).toBe(267_735);
  });

  it('bills on demand the duration beyond the provisioned capacity', () => {
    const e = estimate(prod, 50_000_000, { protectedShare: 0, jobsPerRequest: 0, coldStartShare: 0 });
    // API 50M × 0.12 s × 1 GB = 6,000,000 GB-s; capacity 2 × 1 GB × 2,628,000 s = 5,256,000 GB-s
    // 5,256,000 × $0.0000077778 = $40.8801168 ; the other 744,000 × $0.0000133334 = $9.9200496
    expect(micro(e.serverless.lines, 'Lambda duration (provisioned)')).toBe(40_880_117);
    expect(micro(e.serverless.lines, 'Lambda duration (on-demand)')).toBe(9_920_050);
  });
});

describe('the idle month (0 requests)', () => {
  it('dev as built (Data API, no endpoints): the wake-ups, storage, six secrets, SQS polling and alarms — under $5', () => {
    const e = estimate(dev, 0);
    expect(e.network).toBe('data-api');
    expect(charged(e.serverless.lines)).toEqual({
      // 153 wake-ups × 5 min = 12.75 h × 0.5 ACU = 6.375 ACU-h × $0.13 = $0.82875
      'Aurora Serverless v2 capacity': 828_750,
      'Aurora storage': 110_000, // 1 GB × $0.11
      'S3 storage (web app)': 2_300, // 0.1 GB × $0.023
      'Secrets Manager secrets': 2_400_000, // 6 × $0.40
      'SQS requests': 262_800, // 5 pollers × 2,628,000 s / 20 s = 657,000 × $0.40 / 1M
      'CloudWatch alarms': 700_000, // 7 × $0.10
    });
    // 828,750 + 110,000 + 2,300 + 2,000,000 + 262,800 + 700,000
    expect(e.serverless.totalMicroUsd).toBe(4_303_850);
    expect(e.serverless.totalUsd).toBeLessThanOrEqual(5);
    expect(micro(e.serverless.lines, 'X-Ray')).toBe(0); // PassThrough
  });

  it('dev with VPC endpoints instead (pg): the endpoints are most of the month', () => {
    const e = estimateMonthlyCost(dev, { requestsPerMonth: 0, schedules: NIGHTLY }, { network: 'vpc-endpoints' });
    expect(micro(e.serverless.lines, 'VPC interface endpoints')).toBe(16_060_000); // 2 × 1 AZ × 730 h × $0.011
    // 3,903,850 + 16,060,000
    expect(e.serverless.totalMicroUsd).toBe(20_363_850);
  });

  it('dev with a NAT gateway: the gateway hours and its public IPv4 address', () => {
    const e = estimateMonthlyCost(dev, { requestsPerMonth: 0, schedules: NIGHTLY }, { network: 'nat' });
    expect(micro(e.serverless.lines, 'NAT gateway')).toBe(35_040_000); // 730 h × $0.048
    expect(micro(e.serverless.lines, 'Public IPv4 address (NAT)')).toBe(3_650_000); // 730 h × $0.005
    // 3,903,850 + 35,040,000 + 3,650,000
    expect(e.serverless.totalMicroUsd).toBe(42_993_850);
  });

  it('an hourly schedule wakes dev every hour: about $4 more a month, beyond the $5 goal', () => {
    const hourly = estimate(dev, 0, { schedules: [...NIGHTLY, '41 * * * *'] });
    // + 730 runs at :41 (never overlapping the :00 sweeps or the 02:30 run) × 5 min = 60.8333 h
    // → 73.5833 h × 0.5 ACU × $0.13 = $4.7829167
    expect(micro(hourly.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(4_782_917);
    expect(hourly.serverless.totalUsd).toBeGreaterThan(5);
    expect(estimate(dev, 0).serverless.totalUsd).toBeLessThanOrEqual(5);
  });

  it('staging: a 30-minute pause and hourly sweeps keep it awake half the month', () => {
    const e = estimate(stages.staging, 0);
    // 730 hourly sweeps (:00) + 31 nightly runs (02:30, right when the 02:00 sweep's 30 minutes end: no
    // overlap) × 30 min = 380.5 h × 0.5 ACU = 190.25 ACU-h × $0.13
    expect(micro(e.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(24_732_500);
  });

  it('prod: the minimum ACUs of writer and reader and the provisioned concurrency still bill', () => {
    const e = estimate(prod, 0);
    expect(charged(e.serverless.lines)).toEqual({
      'Aurora Serverless v2 capacity': 94_900_000, // 0.5 ACU × 730 h × 2 (writer + reader) = 730 × $0.13
      'Lambda provisioned concurrency': 21_900_438, // 6,570,000 GB-s × $0.0000033334
      'Aurora storage': 2_200_000, // 20 GB × $0.11
      'S3 storage (web app)': 2_300,
      'Secrets Manager secrets': 2_400_000,
      'SQS requests': 262_800,
      'VPC interface endpoints': 32_120_000, // 2 services × 2 AZs (prod) × 730 h = 2,920 × $0.011
      'CloudWatch alarms': 1_700_000, // 17 × $0.10
      'CloudWatch dashboard': 3_000_000,
    });
    // 94,900,000 + 21,900,438 + 2,200,000 + 2,300 + 2,000,000 + 262,800 + 32,120,000 + 1,700,000 + 3,000,000
    expect(e.serverless.totalMicroUsd).toBe(158_485_538);
  });
});

describe('Aurora capacity', () => {
  it('dev pauses outside the active hours: 0.5 ACU × (220 + 22 × 300 s) business hours, plus the wake-ups', () => {
    const e = estimate(dev, 1_000_000);
    // active h = min(730, 1M × 300 s / 3600, 220 + 22 × 300 / 3600 = 221.8333…) = 221.8333…
    expect(e.workload.activeHours).toBeCloseTo(221.8333, 4);
    // wake-ups outside them: 12.75 h × (730 − 221.8333) / 730 = 8.875514 h
    expect(e.workload.wakeHours).toBeCloseTo(8.875514, 5);
    // 0.5 × (221.8333 + 8.875514) = 115.354424 ACU-h × $0.13 = $14.9960751
    expect(micro(e.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(14_996_075);
  });

  it('prod: min ACU all month plus the load above it while active, doubled by the reader', () => {
    const e = estimate(prod, 1_000_000);
    // writer 0.5 × 730 + (1 − 0.5) × 221.8333… = 475.91666…; × 2 = 951.8333… × $0.13 = $123.7383333…
    expect(micro(e.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(123_738_333);
  });

  it('takes explicit active hours and average ACUs', () => {
    const e = estimate(dev, 10, { activeHours: 100, avgAcu: 1 });
    // 1 ACU × 100 h + 0.5 ACU × 12.75 h woken × 630 / 730 = 100 + 5.501712 ACU-h × $0.13 = $13.7152226
    expect(micro(e.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(13_715_223);
    // a few requests keep it awake only 300 s each: 10 × 300 s = 0.8333 h
    expect(estimate(dev, 10).workload.activeHours).toBeCloseTo(0.8333, 4);
  });

  it('refuses an average below the floor or above the maximum', () => {
    expect(() => estimate(dev, 1, { avgAcu: 3 })).toThrow(RangeError); // dev max 2
    expect(() => estimate(prod, 1, { avgAcu: 0.25 })).toThrow(RangeError);
    expect(() => estimate(dev, -1)).toThrow(RangeError);
  });
});

describe('a 1M-requests month, line by line', () => {
  it('dev as built (Data API, CloudFront)', () => {
    const e = estimate(dev, 1_000_000);
    expect(charged(e.serverless.lines)).toEqual({
      'Lambda requests': 402_000, // (1M API + 1M authorizer + 10,000 worker) × $0.20 / 1M
      // API 120,000 + authorizer 1M × 0.005 s × 0.5 GB = 2,500 + worker 20,000 + init (10,000 API cold
      // starts × 0.4 s × 1 GB + 10,000 authorizer × 0.4 s × 0.5 GB + 100 worker × 0.4 s × 2 GB = 6,080)
      // = 148,580 GB-s × $0.0000133334 = $1.981076572
      'Lambda duration (on-demand)': 1_981_077,
      'API Gateway HTTP API': 1_110_000, // 1M × $1.11 / 1M
      'Aurora Serverless v2 capacity': 14_996_075, // above
      'Aurora storage': 110_000,
      'Aurora I/O': 1_100_000, // 5M × $0.22 / 1M
      'Aurora backup beyond free': 210, // 1 GB × 1% × 1 day = 0.01 GB × $0.021
      'S3 storage (web app)': 2_300,
      'S3 PUT requests': 5_000, // 1,000 × $0.005 / 1,000
      'S3 GET requests': 8_000, // 20,000 page loads × 10 files × 10% misses × $0.0004 / 1,000
      'CloudFront data out (Europe)': 1_275_000, // (1M × 5 KB + 20,000 × 500 KB) = 15 GB × $0.085
      'CloudFront HTTPS requests': 1_440_000, // (1M + 200,000) / 10,000 × $0.012
      'Secrets Manager secrets': 2_400_000,
      // cold starts × reads: API 10,000 × 2 (JWT, origin verify) + authorizer 10,000 × 1 + worker 100 × 0
      // (the Data API reads the database secret itself) = 30,000 × $0.05 / 10,000
      'Secrets Manager API calls': 150_000,
      'SQS requests': 274_800, // 657,000 + 10,000 × 3 = 687,000 × $0.40 / 1M
      // 2,010,000 invocations × 1 KB + 1M access-log lines × 0.4 KB = 2.41 GB × $0.57
      'CloudWatch Logs ingestion': 1_373_700,
      'CloudWatch Logs storage': 16_639, // 2.41 GB × 7 d / 30.41667 d = 0.554630 GB-month × $0.03
      'CloudWatch alarms': 700_000,
      'CloudWatch custom metrics': 1_200_000, // 4 × $0.30
      'RDS Data API': 1_400_000, // 1M requests × 4 statements × $0.35 / 1M
    });
    // 402,000 + 1,981,077 + 1,110,000 + 14,996,075 + 110,000 + 1,100,000 + 210 + 2,300 + 5,000 + 8,000
    // + 1,275,000 + 1,440,000 + 2,000,000 + 150,000 + 274,800 + 1,373,700 + 16,639 + 700,000 + 1,200,000
    // + 1,400,000
    expect(e.serverless.totalMicroUsd).toBe(29_944_801);
  });

  it('dev with VPC endpoints (pg): endpoints, their traffic, and the database secret read per cold start', () => {
    const e = estimateMonthlyCost(
      dev,
      { requestsPerMonth: 1_000_000, schedules: NIGHTLY },
      { network: 'vpc-endpoints' },
    );
    const lines = charged(e.serverless.lines);
    expect(lines['VPC interface endpoints']).toBe(16_060_000);
    // API 10,000 × 3 + authorizer 10,000 × 1 + worker 100 × 1 = 40,100 × $0.05 / 10,000
    expect(lines['Secrets Manager API calls']).toBe(200_500);
    // from the VPC (not the authorizer): (30,000 + 100 secret calls + 10,000 SendMessage) × 4 KB
    // = 0.1604 GB × $0.01
    expect(lines['VPC endpoint data processed']).toBe(1_604);
    expect(lines['RDS Data API']).toBeUndefined();
    // 29,544,801 − 1,400,000 (Data API) + 16,060,000 + 50,500 (more secret calls) + 1,604
    expect(e.serverless.totalMicroUsd).toBe(44_656_905);
  });

  it('prod through CloudFront, with provisioned concurrency', () => {
    const e = estimate(prod, 1_000_000);
    const lines = charged(e.serverless.lines);
    expect(lines['CloudFront data out (Europe)']).toBe(1_275_000); // 15 GB × $0.085
    expect(lines['CloudFront HTTPS requests']).toBe(1_440_000); // (1M + 200,000) / 10,000 × $0.012
    expect(lines['S3 GET requests']).toBe(8_000); // 200,000 × 10% misses × $0.0004 / 1,000
    expect(lines['Aurora backup beyond free']).toBe(126_000); // 20 GB × 1% × 30 days = 6 × $0.021
    expect(lines['CloudWatch Logs storage']).toBe(867_600); // 2.41 × 365 / 30.41667 = 28.92 GB × $0.03
    expect(lines['Data transfer out to the internet']).toBeUndefined();
    expect(lines['CloudWatch alarms']).toBe(1_700_000); // 17 × $0.10
    expect(lines['CloudWatch dashboard']).toBe(3_000_000);
    // 402,000 + 267,735 + 21,900,438 + 952,781 + 1,110,000 + 123,738,333 + 2,200,000 + 1,100,000 + 126,000
    // + 2,300 + 5,000 + 8,000 + 1,275,000 + 1,440,000 + 2,000,000 + 500 (100 worker cold starts × 1 secret)
    // + 274,800 + 1,373,700 + 867,600 + 1,700,000 + 3,000,000 + 1,200,000 + 32,120,000
    // + 404 (10,100 calls × 4 KB × $0.01 / GB)
    expect(e.serverless.totalMicroUsd).toBe(197_464_591);
  });
});

describe('the free tier (--free-tier)', () => {
  it('is off by default and takes the always-free allowances off when on', () => {
    const off = estimate(dev, 1_000_000);
    const on = estimateMonthlyCost(dev, { requestsPerMonth: 1_000_000, schedules: NIGHTLY }, { freeTier: true });
    expect(off.freeTier).toBe(false);
    // 2,010,000 − 1,000,000 free = 1,010,000 × $0.20 / 1M
    expect(micro(on.serverless.lines, 'Lambda requests')).toBe(202_000);
    // 148,580 GB-s < 400,000 free; 687,000 SQS < 1M; 2.41 GB logs < 5 GB; 15 GB < CloudFront's 1 TB and
    // 1.2M requests < its 10M; 7 alarms < 10; 4 custom metrics < 10
    expect(micro(on.serverless.lines, 'Lambda duration (on-demand)')).toBe(0);
    expect(micro(on.serverless.lines, 'SQS requests')).toBe(0);
    expect(micro(on.serverless.lines, 'CloudWatch Logs ingestion')).toBe(0);
    expect(micro(on.serverless.lines, 'CloudFront data out (Europe)')).toBe(0);
    expect(micro(on.serverless.lines, 'CloudWatch alarms')).toBe(0);
    expect(micro(on.baseline.lines, 'Data transfer out to the internet')).toBe(0); // 15 GB < 100 GB
    // not free: the 12-month API Gateway trial is not applied
    expect(micro(on.serverless.lines, 'API Gateway HTTP API')).toBe(1_110_000);
    // off − on = (402,000 − 202,000) + 1,981,077 + 274,800 + 1,373,700 + 1,275,000 + 1,440,000 + 700,000
    // + 1,200,000 = 8,444,577
    expect(off.serverless.totalMicroUsd - on.serverless.totalMicroUsd).toBe(8_444_577);
  });

  it('does not cover provisioned concurrency', () => {
    const on = estimateMonthlyCost(prod, { requestsPerMonth: 0, schedules: NIGHTLY }, { freeTier: true });
    expect(micro(on.serverless.lines, 'Lambda provisioned concurrency')).toBe(21_900_438);
  });
});

describe('HTTP API tiers', () => {
  it('charges $1.11 per million up to 300M, then $1.00', () => {
    const e = estimate(dev, 400_000_000);
    // 300 × $1.11 + 100 × $1.00 = $433
    expect(micro(e.serverless.lines, 'API Gateway HTTP API')).toBe(433_000_000);
  });
});

describe('the always-on EC2 + RDS baseline', () => {
  it('dev idle: EC2, EBS, Single-AZ RDS, ALB and public IPv4 all month', () => {
    const e = estimate(dev, 0);
    expect(charged(e.baseline.lines)).toEqual({
      'EC2 t4g.medium (app server)': 26_864_000, // 730 h × $0.0368
      'EBS gp3 (app server disk)': 2_640_000, // 30 GB × $0.088
      'RDS PostgreSQL db.t4g.medium Single-AZ': 52_560_000, // 730 h × $0.072
      'RDS gp3 storage': 2_540_000, // 20 GB minimum × $0.127
      'Application Load Balancer': 18_396_000, // 730 h × $0.0252
      'Public IPv4 addresses': 10_950_000, // 3 × 730 h × $0.005
    });
    expect(e.baseline.totalMicroUsd).toBe(113_950_000);
  });

  it('prod idle: Multi-AZ RDS', () => {
    const e = estimate(prod, 0);
    expect(micro(e.baseline.lines, 'RDS PostgreSQL db.t4g.medium Multi-AZ')).toBe(105_120_000); // 730 × $0.144
    expect(micro(e.baseline.lines, 'RDS gp3 storage')).toBe(5_080_000); // 20 GB × $0.254
    // 26,864,000 + 2,640,000 + 105,120,000 + 5,080,000 + 18,396,000 + 10,950,000
    expect(e.baseline.totalMicroUsd).toBe(169_050_000);
  });

  it('1M requests adds LCUs, data out and backup: dev', () => {
    const e = estimate(dev, 1_000_000);
    // LCU: max(1M / (221.83 h × 3600) / 25 = 0.05, 15 GB / 221.83 h = 0.0676) × 221.83 h = 15 LCU-h × $0.008
    expect(micro(e.baseline.lines, 'ALB capacity units')).toBe(120_000);
    // 113,950,000 + 120,000 + 1,350,000 (15 GB × $0.09) + 950 (0.01 GB × $0.095)
    expect(e.baseline.totalMicroUsd).toBe(115_420_950);
  });
});

describe('serverless against always-on', () => {
  it('the idle dev month is far below the baseline: 3% as built (Data API), 18% with VPC endpoints', () => {
    // 4,303,850 / 113,950,000
    expect(estimate(dev, 0).ratio).toBeCloseTo(0.03777, 5);
    const endpoints = estimateMonthlyCost(
      dev,
      { requestsPerMonth: 0, schedules: NIGHTLY },
      { network: 'vpc-endpoints' },
    );
    // 20,363,850 / 113,950,000
    expect(endpoints.ratio).toBeCloseTo(0.178709, 5);
  });

  it('the idle prod month is not: the reader, the ACU floor and provisioned concurrency bill all month', () => {
    // 158,485,538 / 169,050,000
    expect(estimate(prod, 0).ratio).toBeCloseTo(0.937507, 5);
    // 197,464,591 / 171,090,000
    expect(estimate(prod, 1_000_000).ratio).toBeCloseTo(1.154156, 5);
  });
});

describe('guards', () => {
  it('refuses a stage outside the price table’s region', () => {
    // The region the stack deploys to (infra/stack-env.ts), which follows the stage's.
    expect(() => estimate({ ...dev, region: 'us-east-1' }, 0)).toThrow(/eu-west-1; stage dev deploys to us-east-1/);
  });

  it('rounds each line to whole micro-dollars and sums them exactly', () => {
    const e = estimate(prod, 1_234_567);
    for (const item of [...e.serverless.lines, ...e.baseline.lines]) {
      expect(Number.isInteger(item.microUsd)).toBe(true);
      expect(item.usd).toBe(item.microUsd / 1e6);
    }
    const total = e.serverless.lines.reduce((n, item) => n + item.microUsd, 0);
    expect(e.serverless.totalMicroUsd).toBe(total);
  });
});
