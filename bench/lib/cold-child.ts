/**
 * Runs in a fresh `node` process (bundled to .mjs by cold-start.bench.ts): imports a Lambda bundle and
 * answers one event, the way the Lambda runtime would, then reports its timings on stdout.
 * Times are `performance.now()`, i.e. milliseconds since `performance.timeOrigin` (this process's start).
 */
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

export interface ColdChildReport {
  /** Node's own start-up, up to the first line of this script. */
  bootMs: number;
  /** Process start → the bundle's module graph evaluated (the Lambda "init" phase). */
  importedMs: number;
  /** Process start → the first event's response resolved. */
  totalMs: number;
  statusCode: number | undefined;
  body: string | undefined;
}

interface LambdaModule {
  handler: (event: unknown, context: Context) => Promise<{ statusCode?: number; body?: string }>;
}

const bootMs = performance.now();
const bundle = process.argv[2];
if (!bundle) throw new Error('usage: cold-child <bundle.mjs>  (event JSON in BENCH_EVENT)');
const event: unknown = JSON.parse(process.env.BENCH_EVENT ?? 'null');
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench',
  memoryLimitInMB: '1024',
  awsRequestId: 'bench',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

const mod = (await import(pathToFileURL(bundle).href)) as LambdaModule;
const importedMs = performance.now();
const response = await mod.handler(event, context);
const totalMs = performance.now();
const report: ColdChildReport = { bootMs, importedMs, totalMs, statusCode: response.statusCode, body: response.body };
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0); // a database pool would keep the process alive
