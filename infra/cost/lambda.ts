import type { StageConfig } from '../config/stages.js';
import { formatQuantity, line, noCharge, type LineItem } from './money.js';
import type { PriceTable } from './prices.js';
import { SECONDS_PER_MONTH, WORKING_HOURS, type ResolvedWorkload } from './workload.js';

/** Seconds a month the provisioned environments are kept: all month, or office hours only (22 × 10 h). */
export function provisionedSeconds(stage: StageConfig): number {
  return stage.lambda.provisionedConcurrency.schedule === 'office-hours' ? WORKING_HOURS * 3600 : SECONDS_PER_MONTH;
}

export type FunctionName = 'API' | 'authorizer' | 'worker';

/** What one function does in the month, and where its duration is billed. */
export interface FunctionUsage {
  name: FunctionName;
  invocations: number;
  memoryGb: number;
  /** Billed per 1 ms: the average is rounded up to a whole millisecond. */
  billedMs: number;
  /** Configured provisioned concurrency (environments). */
  provisioned: number;
  /** Seconds a month the provisioned environments are kept (provisionedSeconds). */
  keptSeconds: number;
  /** Invocation duration (GB-s) that runs on provisioned environments, at the reduced duration price. */
  provisionedGbSeconds: number;
  /** The rest, at the on-demand price. */
  onDemandGbSeconds: number;
  /** Cold starts: a share of the on-demand invocations. */
  coldStarts: number;
  /** INIT duration of those cold starts (billed as on-demand duration since 2025-08). */
  initGbSeconds: number;
}

/**
 * Provisioned concurrency model: the provisioned environments can run `provisioned × memory × 730 h` GB-s of
 * invocations a month; invocation duration up to that capacity is billed at the provisioned duration price and the
 * rest on demand. That assumes traffic spread evenly enough to fit (a lower bound when traffic is bursty).
 */
export function functionUsage(stage: StageConfig, w: ResolvedWorkload): FunctionUsage[] {
  const { apiMemoryMb, workerMemoryMb, provisionedConcurrency } = stage.lambda;
  const keptSeconds = provisionedSeconds(stage);
  const fns: { name: FunctionName; invocations: number; memoryMb: number; ms: number; provisioned: number }[] = [
    {
      name: 'API',
      invocations: w.requestsPerMonth,
      memoryMb: apiMemoryMb,
      ms: w.avgDurationMs,
      provisioned: provisionedConcurrency.standardApi,
    },
    {
      name: 'authorizer',
      invocations: w.requestsPerMonth * w.protectedShare,
      memoryMb: stage.lambda.authorizerMemoryMb,
      ms: w.authorizerDurationMs,
      provisioned: provisionedConcurrency.authorizer,
    },
    { name: 'worker', invocations: w.jobsPerMonth, memoryMb: workerMemoryMb, ms: w.workerDurationMs, provisioned: 0 },
  ];
  return fns.map(({ name, invocations, memoryMb, ms, provisioned }) => {
    const memoryGb = memoryMb / 1024;
    const billedMs = Math.ceil(ms);
    const gbSeconds = (invocations * billedMs * memoryGb) / 1000;
    // Traffic falls in business hours (workload.ts): office-hours environments can carry all of it.
    const provisionedGbSeconds = Math.min(gbSeconds, provisioned * memoryGb * keptSeconds);
    const onDemandGbSeconds = gbSeconds - provisionedGbSeconds;
    const onDemandShare = gbSeconds > 0 ? onDemandGbSeconds / gbSeconds : 1;
    const coldStarts = invocations * onDemandShare * w.coldStartShare;
    const initGbSeconds = (coldStarts * w.initDurationMs * memoryGb) / 1000;
    return {
      name,
      keptSeconds,
      invocations,
      memoryGb,
      billedMs,
      provisioned,
      provisionedGbSeconds,
      onDemandGbSeconds,
      coldStarts,
      initGbSeconds,
    };
  });
}

const joinParts = (parts: string[], unit: string) => `${parts.join(' + ')} ${unit}`;

export function lambdaLines(usage: FunctionUsage[], freeTier: boolean, p: PriceTable): LineItem[] {
  const free = p.freeTier;
  const lines: LineItem[] = [];

  const requests = usage.reduce((n, f) => n + f.invocations, 0);
  const billedRequests = freeTier ? Math.max(0, requests - free.lambdaRequests) : requests;
  const requestParts = usage.map((f) => `${f.name} ${formatQuantity(f.invocations)}`);
  lines.push(
    line(
      'Lambda requests',
      billedRequests,
      'requests',
      p.lambda.requests,
      joinParts(requestParts, 'invocations') + (freeTier ? ` − ${formatQuantity(free.lambdaRequests)} free` : ''),
    ),
  );

  const init = usage.reduce((n, f) => n + f.initGbSeconds, 0);
  const onDemand = usage.reduce((n, f) => n + f.onDemandGbSeconds, 0) + init;
  const billedOnDemand = freeTier ? Math.max(0, onDemand - free.lambdaGbSeconds) : onDemand;
  const durationParts = usage.map(
    (f) => `${f.name} ${formatQuantity(f.onDemandGbSeconds)}${f.provisioned ? ' (beyond provisioned)' : ''}`,
  );
  lines.push(
    line(
      'Lambda duration (on-demand)',
      billedOnDemand,
      'GB-s',
      p.lambda.durationArm,
      joinParts([...durationParts, `init ${formatQuantity(init)}`], 'GB-s arm64') +
        (freeTier ? ` − ${formatQuantity(free.lambdaGbSeconds)} free` : ''),
    ),
  );

  const provisioned = usage.filter((f) => f.provisioned > 0);
  if (provisioned.length === 0) {
    lines.push(noCharge('Lambda provisioned concurrency', 'none configured for this stage'));
    return lines;
  }
  const capacity = provisioned.reduce((n, f) => n + f.provisioned * f.memoryGb * f.keptSeconds, 0);
  const capacityParts = provisioned.map((f) => `${f.provisioned} × ${formatQuantity(f.memoryGb)} GB ${f.name}`);
  const hours = formatQuantity(provisioned[0]!.keptSeconds / 3600);
  lines.push(
    line(
      'Lambda provisioned concurrency',
      capacity,
      'GB-s',
      p.lambda.provisionedConcurrencyArm,
      `(${capacityParts.join(' + ')}) × ${hours} h` +
        (provisioned[0]!.keptSeconds === SECONDS_PER_MONTH ? ', billed even when idle' : ' (office hours only)'),
    ),
  );
  const onProvisioned = provisioned.reduce((n, f) => n + f.provisionedGbSeconds, 0);
  const provisionedParts = provisioned.map((f) => `${f.name} ${formatQuantity(f.provisionedGbSeconds)}`);
  lines.push(
    line(
      'Lambda duration (provisioned)',
      onProvisioned,
      'GB-s',
      p.lambda.provisionedDurationArm,
      joinParts(provisionedParts, 'GB-s run on provisioned environments'),
    ),
  );
  return lines;
}
