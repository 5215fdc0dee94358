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
 *   Lambda arm64   (API 1 GB and worker 2 GB from the stage; authorizer 512 MB)
 *                  $0.20 / 1M requests · $0.0000133334 / GB-s · provisioned $0.0000033334 / GB-s,
 *                  duration on provisioned $0.0000077778 / GB-s
 *   HTTP API       $1.11 / 1M (first 300M), then $1.00 / 1M
 *   Aurora         $0.13 / ACU-h · $0.11 / GB-month · $0.22 / 1M I/O · backup $0.021 / GB-month
 *   S3             $0.023 / GB-month · $0.005 / 1,000 PUT · $0.0004 / 1,000 GET · internet out $0.09 / GB
 *   CloudFront     $0.085 / GB · $0.012 / 10,000 HTTPS requests
 *   Secrets        $0.40 / secret-month · $0.05 / 10,000 calls        SQS $0.40 / 1M requests
 *   Logs           $0.57 / GB ingested · $0.03 / GB-month
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

const estimate = (stage: StageConfig, requestsPerMonth: number, rest: Omit<Workload, 'requestsPerMonth'> = {}) =>
  estimateMonthlyCost(stage, { requestsPerMonth, ...rest });

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
  it('dev: Aurora paused — only storage, secrets, SQS polling and the VPC endpoints bill', () => {
    const e = estimate(dev, 0);
    expect(charged(e.serverless.lines)).toEqual({
      'Aurora storage': 110_000, // 1 GB × $0.11
      'S3 storage (web app)': 2_300, // 0.1 GB × $0.023
      'Secrets Manager secrets': 800_000, // 2 × $0.40
      'SQS requests': 262_800, // 5 pollers × 2,628,000 s / 20 s = 657,000 × $0.40 / 1M
      'VPC interface endpoints': 16_060_000, // 2 services × 1 AZ (dev) × 730 h = 1,460 × $0.011
    });
    // 110,000 + 2,300 + 800,000 + 262,800 + 16,060,000
    expect(e.serverless.totalMicroUsd).toBe(17_235_100);
  });

  it('dev with the Data API: no VPC, so about a dollar', () => {
    const e = estimateMonthlyCost(dev, { requestsPerMonth: 0 }, { network: 'data-api' });
    // 110,000 + 2,300 + 800,000 + 262,800 (0 Data API calls)
    expect(e.serverless.totalMicroUsd).toBe(1_175_100);
  });

  it('dev with a NAT gateway: the gateway hours and its public IPv4 address', () => {
    const e = estimateMonthlyCost(dev, { requestsPerMonth: 0 }, { network: 'nat' });
    expect(micro(e.serverless.lines, 'NAT gateway')).toBe(35_040_000); // 730 h × $0.048
    expect(micro(e.serverless.lines, 'Public IPv4 address (NAT)')).toBe(3_650_000); // 730 h × $0.005
    // 1,175,100 + 35,040,000 + 3,650,000
    expect(e.serverless.totalMicroUsd).toBe(39_865_100);
  });

  it('prod: the minimum ACUs of writer and reader and the provisioned concurrency still bill', () => {
    const e = estimate(prod, 0);
    expect(charged(e.serverless.lines)).toEqual({
      'Aurora Serverless v2 capacity': 94_900_000, // 0.5 ACU × 730 h × 2 (writer + reader) = 730 × $0.13
      'Lambda provisioned concurrency': 21_900_438, // 6,570,000 GB-s × $0.0000033334
      'Aurora storage': 2_200_000, // 20 GB × $0.11
      'S3 storage (web app)': 2_300,
      'Secrets Manager secrets': 800_000,
      'SQS requests': 262_800,
      'VPC interface endpoints': 32_120_000, // 2 services × 2 AZs (prod) × 730 h = 2,920 × $0.011
    });
    // 94,900,000 + 21,900,438 + 2,200,000 + 2,300 + 800,000 + 262,800 + 32,120,000
    expect(e.serverless.totalMicroUsd).toBe(152_185_538);
  });
});

describe('Aurora capacity', () => {
  it('dev pauses outside the active hours: 0.5 ACU × (220 + 22 × 300 s) business hours', () => {
    const e = estimate(dev, 1_000_000);
    // active h = min(730, 1M × 300 s / 3600, 220 + 22 × 300 / 3600 = 221.8333…) = 221.8333…
    expect(e.workload.activeHours).toBeCloseTo(221.8333, 4);
    // 0.5 × 221.8333… = 110.91666… ACU-h × $0.13 = $14.4191666…
    expect(micro(e.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(14_419_167);
  });

  it('prod: min ACU all month plus the load above it while active, doubled by the reader', () => {
    const e = estimate(prod, 1_000_000);
    // writer 0.5 × 730 + (1 − 0.5) × 221.8333… = 475.91666…; × 2 = 951.8333… × $0.13 = $123.7383333…
    expect(micro(e.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(123_738_333);
  });

  it('takes explicit active hours and average ACUs', () => {
    const e = estimate(dev, 10, { activeHours: 100, avgAcu: 1 });
    expect(micro(e.serverless.lines, 'Aurora Serverless v2 capacity')).toBe(13_000_000); // 100 ACU-h × $0.13
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
  it('dev with VPC endpoints', () => {
    const e = estimate(dev, 1_000_000);
    expect(charged(e.serverless.lines)).toEqual({
      'Lambda requests': 402_000, // (1M API + 1M authorizer + 10,000 worker) × $0.20 / 1M
      // API 120,000 + authorizer 1M × 0.005 s × 0.5 GB = 2,500 + worker 20,000 + init (10,000 API cold
      // starts × 0.4 s × 1 GB + 10,000 authorizer × 0.4 s × 0.5 GB + 100 worker × 0.4 s × 2 GB = 6,080)
      // = 148,580 GB-s × $0.0000133334 = $1.981076572
      'Lambda duration (on-demand)': 1_981_077,
      'API Gateway HTTP API': 1_110_000, // 1M × $1.11 / 1M
      'Aurora Serverless v2 capacity': 14_419_167,
      'Aurora storage': 110_000,
      'Aurora I/O': 1_100_000, // 5M × $0.22 / 1M
      'Aurora backup beyond free': 210, // 1 GB × 1% × 1 day = 0.01 GB × $0.021
      'S3 storage (web app)': 2_300,
      'S3 PUT requests': 5_000, // 1,000 × $0.005 / 1,000
      'S3 GET requests': 80_000, // 20,000 page loads × 10 files × $0.0004 / 1,000
      'Data transfer out to the internet': 1_350_000, // (1M × 5 KB + 20,000 × 500 KB) = 15 GB × $0.09
      'Secrets Manager secrets': 800_000,
      'Secrets Manager API calls': 150_500, // 10,000 × 2 + 10,000 + 100 = 30,100 × $0.05 / 10,000
      'SQS requests': 274_800, // 657,000 + 10,000 × 3 = 687,000 × $0.40 / 1M
      // 2,010,000 invocations × 1 KB + 1M access-log lines × 0.4 KB = 2.41 GB × $0.57
      'CloudWatch Logs ingestion': 1_373_700,
      'CloudWatch Logs storage': 16_639, // 2.41 GB × 7 d / 30.41667 d = 0.554630 GB-month × $0.03
      'VPC interface endpoints': 16_060_000,
      // from the VPC (not the authorizer): (20,000 + 100 secret calls + 10,000 SendMessage) × 4 KB
      // = 0.1204 GB × $0.01
      'VPC endpoint data processed': 1_204,
    });
    // 402,000 + 1,981,077 + 1,110,000 + 14,419,167 + 110,000 + 1,100,000 + 210 + 2,300 + 5,000 + 80,000
    // + 1,350,000 + 800,000 + 150,500 + 274,800 + 1,373,700 + 16,639 + 16,060,000 + 1,204
    expect(e.serverless.totalMicroUsd).toBe(39_236_597);
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
    // 402,000 + 267,735 + 21,900,438 + 952,781 + 1,110,000 + 123,738,333 + 2,200,000 + 1,100,000 + 126,000
    // + 2,300 + 5,000 + 8,000 + 1,275,000 + 1,440,000 + 800,000 + 500 (100 worker cold starts × 1 secret)
    // + 274,800 + 1,373,700 + 867,600 + 32,120,000 + 404 (10,100 calls × 4 KB × $0.01 / GB)
    expect(e.serverless.totalMicroUsd).toBe(189_964_591);
  });
});

describe('the free tier (--free-tier)', () => {
  it('is off by default and takes the always-free allowances off when on', () => {
    const off = estimate(dev, 1_000_000);
    const on = estimateMonthlyCost(dev, { requestsPerMonth: 1_000_000 }, { freeTier: true });
    expect(off.freeTier).toBe(false);
    // 2,010,000 − 1,000,000 free = 1,010,000 × $0.20 / 1M
    expect(micro(on.serverless.lines, 'Lambda requests')).toBe(202_000);
    // 148,580 GB-s < 400,000 free; 687,000 SQS < 1M; 2.41 GB logs < 5 GB; 15 GB out < 100 GB
    expect(micro(on.serverless.lines, 'Lambda duration (on-demand)')).toBe(0);
    expect(micro(on.serverless.lines, 'SQS requests')).toBe(0);
    expect(micro(on.serverless.lines, 'CloudWatch Logs ingestion')).toBe(0);
    expect(micro(on.serverless.lines, 'Data transfer out to the internet')).toBe(0);
    expect(micro(on.baseline.lines, 'Data transfer out to the internet')).toBe(0);
    // not free: the 12-month API Gateway trial is not applied
    expect(micro(on.serverless.lines, 'API Gateway HTTP API')).toBe(1_110_000);
    // off − on = (402,000 − 202,000) + 1,981,077 + 274,800 + 1,373,700 + 1,350,000 = 5,179,577
    expect(off.serverless.totalMicroUsd - on.serverless.totalMicroUsd).toBe(5_179_577);
  });

  it('does not cover provisioned concurrency', () => {
    const on = estimateMonthlyCost(prod, { requestsPerMonth: 0 }, { freeTier: true });
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
  it('the idle dev month is far below the baseline; with the Data API about 1%', () => {
    const endpoints = estimate(dev, 0);
    // 17,235,100 / 113,950,000
    expect(endpoints.ratio).toBeCloseTo(0.15125, 5);
    const dataApi = estimateMonthlyCost(dev, { requestsPerMonth: 0 }, { network: 'data-api' });
    // 1,175,100 / 113,950,000
    expect(dataApi.ratio).toBeCloseTo(0.01031, 5);
  });

  it('the idle prod month is not: the reader, the ACU floor and provisioned concurrency bill all month', () => {
    // 152,185,538 / 169,050,000
    expect(estimate(prod, 0).ratio).toBeCloseTo(0.90024, 5);
    // 189,964,591 / 171,090,000
    expect(estimate(prod, 1_000_000).ratio).toBeCloseTo(1.11032, 5);
  });
});

describe('guards', () => {
  it('refuses a stage outside the price table’s region', () => {
    expect(() => estimate({ ...dev, region: 'us-east-1' }, 0)).toThrow(/eu-west-1.*us-east-1/);
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
