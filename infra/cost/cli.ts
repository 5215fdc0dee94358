import { parseArgs } from 'node:util';
import { stages, type StageConfig, type StageName } from '../config/stages.js';
import { NETWORKS, estimateMonthlyCost, stageNetwork, type Estimate, type Network } from './estimate.js';
import { floorMicroUsd, knobTable } from './knobs.js';
import { formatUsd } from './money.js';
import { formatRatio, monthLabel, renderAssumptions, renderEstimate, renderPriceNote } from './report.js';
import type { Workload } from './workload.js';

export const USAGE = `usage: npm run cost -- --stage dev|staging|prod [options]

  --requests-per-month N   API requests in the month (repeatable; 2000000, 2_000_000, 2M, 500k).
                           Without it: the idle month (0) and a 1M-requests month.
  --avg-duration-ms MS     average API function duration (default 120)
  --active-hours H         hours with traffic, 0–730 (default derived from the requests)
  --avg-acu ACU            average writer ACUs while active (default 0.5; 2 × min capacity when min > 0)
  --data-out-gb GB         data out to the internet (default derived from the requests)
  --network MODE           vpc-endpoints | nat | data-api (default: what the stage builds —
                           data-api where database.access is data-api, else vpc-endpoints)
  --free-tier              apply the always-free allowances (Lambda, SQS, CloudFront, Logs, 100 GB out)
  --json                   print the estimates as JSON
  -h, --help`;

export interface CliOptions {
  stage: StageConfig;
  requests: number[];
  workload: Omit<Workload, 'requestsPerMonth'>;
  network: Network;
  freeTier: boolean;
  json: boolean;
}

export type Parsed = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

class ArgError extends Error {}

/** "2000000", "2_000_000", "2,000,000", "2e6", "2M", "500k" → a whole number ≥ 0. */
export function parseCount(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([km]?)$/i.exec(text.replace(/[_,]/g, ''));
  const value = match ? Number(match[1]) * ({ k: 1e3, m: 1e6 }[match[2]!.toLowerCase()] ?? 1) : NaN;
  if (!Number.isSafeInteger(value)) throw new ArgError(`${flag} must be a whole number ≥ 0 (got "${text}")`);
  return value;
}

function parseNumber(flag: string, text: string | undefined, min: number, max = Infinity): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new ArgError(`${flag} must be a number ${range} (got "${text}")`);
  }
  return value;
}

export function parseCli(argv: string[]): Parsed {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        stage: { type: 'string', default: 'dev' },
        'requests-per-month': { type: 'string', multiple: true },
        'avg-duration-ms': { type: 'string' },
        'active-hours': { type: 'string' },
        'avg-acu': { type: 'string' },
        'data-out-gb': { type: 'string' },
        network: { type: 'string' },
        'free-tier': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return { kind: 'help' };
    const stage = Object.hasOwn(stages, values.stage) ? stages[values.stage as StageName] : undefined;
    if (!stage) throw new ArgError(`--stage must be one of ${Object.keys(stages).join(', ')} (got "${values.stage}")`);
    const network = (values.network ?? stageNetwork(stage)) as Network;
    if (!NETWORKS.includes(network)) {
      throw new ArgError(`--network must be one of ${NETWORKS.join(', ')} (got "${values.network}")`);
    }
    const requests = (values['requests-per-month'] ?? ['0', '1000000']).map((text) =>
      parseCount('--requests-per-month', text),
    );
    const workload: Omit<Workload, 'requestsPerMonth'> = {
      avgDurationMs: parseNumber('--avg-duration-ms', values['avg-duration-ms'], 0, 900_000),
      activeHours: parseNumber('--active-hours', values['active-hours'], 0, 730),
      avgAcu: parseNumber('--avg-acu', values['avg-acu'], 0.5, stage.database.maxCapacity),
      dataOutGb: parseNumber('--data-out-gb', values['data-out-gb'], 0),
    };
    return {
      kind: 'run',
      options: { stage, requests, workload, network, freeTier: values['free-tier'], json: values.json },
    };
  } catch (error) {
    if (error instanceof ArgError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { kind: 'error', message: (error as Error).message };
    }
    throw error;
  }
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The CLI: returns the exit code (0 ok, 2 bad arguments). */
export function run(argv: string[], io: Io): number {
  const parsed = parseCli(argv);
  if (parsed.kind === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  const { stage, requests, workload, network, freeTier, json } = parsed.options;
  let estimates: Estimate[];
  try {
    estimates = requests.map((n) =>
      estimateMonthlyCost(stage, { ...workload, requestsPerMonth: n }, { network, freeTier }),
    );
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    io.err(`${error.message}\n`);
    return 2;
  }
  if (json) {
    io.out(`${JSON.stringify({ estimates }, null, 2)}\n`);
    return 0;
  }
  const last = estimates[estimates.length - 1]!;
  const summary = estimates.flatMap((e) => {
    const byNetwork = NETWORKS.map((mode) => {
      const other = estimateMonthlyCost(
        stage,
        { ...workload, requestsPerMonth: e.workload.requestsPerMonth },
        {
          network: mode,
          freeTier,
        },
      );
      return `${mode} $${formatUsd(other.serverless.totalMicroUsd)}`;
    });
    return [
      `  ${monthLabel(e.workload.requestsPerMonth)}: serverless $${formatUsd(e.serverless.totalMicroUsd)} vs ` +
        `always-on $${formatUsd(e.baseline.totalMicroUsd)} — ${formatRatio(e)}`,
      `    serverless total by --network: ${byNetwork.join(' · ')}`,
    ];
  });
  io.out(
    [
      ...estimates.map(renderEstimate),
      [`Summary — ${stage.name}, network ${network}, free tier ${freeTier ? 'on' : 'off'}:`, ...summary].join('\n'),
      renderKnobs(stage, { ...workload, requestsPerMonth: last.workload.requestsPerMonth }),
      renderAssumptions(last),
      renderPriceNote(),
    ].join('\n\n') + '\n',
  );
  return 0;
}

/** Each cost knob's settings for one month: total, difference to the stage as configured, ratio to the floor. */
export function renderKnobs(stage: StageConfig, workload: Workload): string {
  const rows = knobTable(stage, workload);
  const floor = floorMicroUsd(stage, workload);
  const width = Math.max(...rows.map((r) => `${r.knob}: ${r.setting}`.length)) + 4;
  const header =
    `Cost knobs — ${stage.name}, ${monthLabel(workload.requestsPerMonth)}, one knob changed at a time ` +
    `(* = as configured in infra/config/stages.ts):\n` +
    `  floor $${formatUsd(floor)} = Lambda on demand + HTTP API + the writer's minimum ` +
    `${stage.database.minCapacity} ACU × 730 h (what no setting avoids)`;
  const lines = rows.map((r) => {
    const label = `${r.configured ? '*' : ' '} ${r.knob}: ${r.setting}`.padEnd(width);
    const delta =
      r.deltaMicroUsd === 0 ? '' : `${r.deltaMicroUsd > 0 ? '+' : '−'}$${formatUsd(Math.abs(r.deltaMicroUsd))}`;
    const total = `$${formatUsd(r.estimate.serverless.totalMicroUsd)}`;
    return `  ${label}${total.padStart(9)}  ${delta.padStart(10)}  ${r.ratioToFloor.toFixed(2)}× floor`;
  });
  return [header, ...lines].join('\n');
}
