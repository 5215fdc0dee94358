import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('business metrics', () => {
  it('are counted in memory and write nothing off Lambda', async () => {
    const { businessMetricCounts, countBusinessEvent } = await import('./metrics.js');
    const write = vi.spyOn(process.stdout, 'write');
    countBusinessEvent('InvoicesIssued');
    countBusinessEvent('InvoicesIssued', 2);
    expect(businessMetricCounts().get('InvoicesIssued')).toBe(3);
    expect(write).not.toHaveBeenCalled();
  });

  it('on Lambda, become an embedded-metric-format line CloudWatch turns into a metric', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'moms-dev-worker');
    vi.stubEnv('MOMS_STAGE', 'dev');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    const { countBusinessEvent } = await import('./metrics.js');
    countBusinessEvent('JobsFailed');
    log.mockRestore();
    const emf = lines.map((l) => l.trim()).find((l) => l.includes('"_aws"'));
    expect(emf, lines.join('\n')).toBeDefined();
    const record = JSON.parse(emf!) as {
      _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string; Unit: string }[] }[] };
      JobsFailed: number;
      stage: string;
    };
    expect(record._aws.CloudWatchMetrics[0]!.Namespace).toBe('MOMS');
    expect(record._aws.CloudWatchMetrics[0]!.Metrics).toEqual([{ Name: 'JobsFailed', Unit: 'Count' }]);
    expect(record.JobsFailed).toBe(1);
    expect(record.stage).toBe('dev');
  });
});
