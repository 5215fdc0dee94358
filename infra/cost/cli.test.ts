import { describe, expect, it } from 'vitest';
import { stages } from '../config/stages.js';
import { parseCount, run } from './cli.js';
import { estimateMonthlyCost, type Network } from './estimate.js';
import { formatUsd } from './money.js';

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('npm run cost', () => {
  it('prints the idle month and a 1M-requests month with the baseline when no request count is given', () => {
    const { code, out } = cli('--stage', 'dev');
    expect(code).toBe(0);
    // dev's network by default is the one it is built with: the Data API
    expect(out).toContain('dev (eu-west-1) · idle month (0 requests) · network data-api · free tier off');
    expect(out).toContain('dev (eu-west-1) · 1,000,000 requests month');
    // The CLI counts the schedules the modules register (estimate.test.ts hand-computes the figures with a
    // fixed one): the printed totals are the estimator's.
    const usd = (n: number, network?: Network) =>
      formatUsd(
        estimateMonthlyCost(stages.dev, { requestsPerMonth: n }, network ? { network } : {}).serverless.totalMicroUsd,
      );
    expect(out).toContain(`idle month (0 requests): serverless $${usd(0)} vs always-on $113.95`);
    expect(out).toContain(`1,000,000 requests month: serverless $${usd(1_000_000)} vs always-on $115.42`);
    expect(out).toContain(`vpc-endpoints $${usd(0, 'vpc-endpoints')} · nat $${usd(0, 'nat')} · data-api $${usd(0)}`);
    expect(out).toMatch(/Aurora Serverless v2 capacity .* h woken \([\d,]+ sweeps and scheduled runs/);
    expect(out).toMatch(
      /Secrets Manager secrets +2\.40 +database master \+ database app role \+ JWT signing key \+ initial admin \+ automation vault key \+ origin verify/,
    );
    expect(out).toMatch(/CloudWatch alarms +0\.70 +7 alarms/);
    expect(out).toMatch(/X-Ray +0\.00 +tracing PassThrough/);
    expect(out).toContain('NOT checked against the live pages');
  });

  it('keeps an idle dev month, with every schedule the modules register, at $5 or less (a standing minute schedule keeps Aurora awake: $50)', () => {
    const idle = estimateMonthlyCost(stages.dev, { requestsPerMonth: 0 });
    expect(idle.serverless.totalUsd).toBeLessThanOrEqual(5);
  });

  it('prints each prod cost knob with its total and ratio to the floor (knobs.test.ts has the figures)', () => {
    const { code, out } = cli('--stage', 'prod');
    expect(code).toBe(0);
    expect(out).toContain('network vpc-endpoints');
    expect(out).toMatch(/floor \$50\.94 = Lambda on demand \+ HTTP API \+ the writer's minimum 0\.5 ACU × 730 h/);
    expect(out).toMatch(/\* Aurora reader: on +\$197\.46 +3\.88× floor/);
    expect(out).toMatch(/ Aurora reader: off +\$135\.60 +−\$61\.87 +2\.66× floor/);
    expect(out).toMatch(
      /Provisioned concurrency: 2 API \+ 1 authorizer, office hours \(220 h\) +\$182\.16 +−\$15\.30 +3\.58× floor/,
    );
    expect(out).toMatch(/Database access: pg from the VPC, endpoints in 1 AZ +\$181\.40 +−\$16\.06 +3\.56× floor/);
    expect(out).toMatch(
      /Database access: RDS Data API \(no VPC functions, no endpoints\) +\$166\.74 +−\$30\.72 +3\.27× floor/,
    );
  });

  it('prints one month for a given request count, the chosen network and the free tier', () => {
    const { code, out } = cli(
      '--stage=prod',
      '--requests-per-month',
      '2M',
      '--network',
      'data-api',
      '--free-tier',
      '--avg-duration-ms',
      '80',
    );
    expect(code).toBe(0);
    expect(out).toContain('prod (eu-west-1) · 2,000,000 requests month · network data-api · free tier on');
    expect(out).not.toContain('idle month');
    expect(out).toContain('RDS Data API');
    expect(out).toContain('API 80 ms');
  });

  it('prints JSON with --json', () => {
    const { code, out } = cli('--stage', 'staging', '--requests-per-month', '0', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { estimates: { stage: string; serverless: { totalMicroUsd: number } }[] };
    expect(parsed.estimates).toHaveLength(1);
    expect(parsed.estimates[0]!.stage).toBe('staging');
    // staging idle (Data API, no endpoints): the woken hours (estimate.test.ts) + 5 GB × $0.11 + 0.1 GB × $0.023
    // + 6 secrets × $0.40 + 657,000 × $0.40 / 1M + 17 alarms × $0.10 + a $3 dashboard
    // = woken + 550,000 + 2,300 + 2,400,000 + 262,800 + 1,700,000 + 3,000,000 µ$
    const woken = estimateMonthlyCost(stages.staging, { requestsPerMonth: 0 }).serverless.lines.find(
      (l) => l.component === 'Aurora Serverless v2 capacity',
    )!.microUsd;
    expect(woken).toBeGreaterThan(0);
    expect(parsed.estimates[0]!.serverless.totalMicroUsd).toBe(woken + 7_915_100);
  });

  it.each([
    [['--stage', 'qa'], /--stage must be one of dev, staging, prod/],
    [['--network', 'vpn'], /--network must be one of vpc-endpoints, nat, data-api/],
    [['--requests-per-month=-5'], /--requests-per-month must be a whole number/],
    [['--requests-per-month', '-5'], /argument is ambiguous/],
    [['--requests-per-month', 'lots'], /--requests-per-month must be a whole number/],
    [['--requests-per-month', '1.5'], /--requests-per-month must be a whole number/],
    [['--active-hours', '800'], /--active-hours must be a number between 0 and 730/],
    [['--avg-acu', '3'], /--avg-acu must be a number between 0.5 and 2/],
    [['--avg-duration-ms', ''], /--avg-duration-ms must be a number/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('exits 2 on bad arguments: %j', (argv, message) => {
    const { code, err, out } = cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('usage: npm run cost');
    expect(out).toBe('');
  });

  it('passes the workload flags to the estimate', () => {
    const { code, out } = cli(
      '--stage',
      'prod',
      '--requests-per-month',
      '1k',
      '--active-hours',
      '10',
      '--avg-acu',
      '2',
    );
    expect(code).toBe(0);
    expect(out).toContain('(0.5 ACU × 730 h + 1.5 ACU × 10 active h) × 2 (writer + reader)');
  });

  it('prints the usage with --help', () => {
    const { code, out } = cli('--help');
    expect(code).toBe(0);
    expect(out).toContain('--requests-per-month N');
  });
});

describe('parseCount', () => {
  it.each([
    ['2000000', 2_000_000],
    ['2_000_000', 2_000_000],
    ['2,000,000', 2_000_000],
    ['2e6', 2_000_000],
    ['2M', 2_000_000],
    ['1.5m', 1_500_000],
    ['500k', 500_000],
    ['0', 0],
  ])('%s → %d', (text, value) => {
    expect(parseCount('--n', text)).toBe(value);
  });
});
