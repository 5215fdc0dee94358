import { describe, expect, it } from 'vitest';
import { parseCount, run } from './cli.js';

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
    expect(out).toContain('dev (eu-west-1) · idle month (0 requests) · network vpc-endpoints · free tier off');
    expect(out).toContain('dev (eu-west-1) · 1,000,000 requests month');
    // hand-computed in estimate.test.ts: $17.2351 → 17.24, $113.95, $39.236597 → 39.24, $115.42095 → 115.42
    expect(out).toMatch(/idle month \(0 requests\): serverless \$17\.24 vs always-on \$113\.95/);
    expect(out).toMatch(/1,000,000 requests month: serverless \$39\.24 vs always-on \$115\.42/);
    expect(out).toContain('vpc-endpoints $17.24 · nat $39.87 · data-api $1.18');
    expect(out).toContain('NOT checked against the live pages');
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
    // staging idle: 5 GB × $0.11 + 0.1 GB × $0.023 + 2 × $0.40 + 657,000 × $0.40 / 1M + 2 × 1 AZ × 730 h × $0.011
    // = 550,000 + 2,300 + 800,000 + 262,800 + 16,060,000 µ$
    expect(parsed.estimates[0]!.serverless.totalMicroUsd).toBe(17_675_100);
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
