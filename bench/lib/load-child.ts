/**
 * The throughput bench's load generator, in a process of its own (forked by `load.ts`), so that
 * autocannon's own CPU never shares an event loop with the server it measures. It receives
 * autocannon options over IPC and answers each with its result.
 */
import autocannon, { type Options, type Result } from 'autocannon';

interface Job {
  id: number;
  options: Options;
}

process.on('message', (job: Job) => {
  autocannon(job.options).then(
    (result: Result) => process.send?.({ id: job.id, result }),
    (error: unknown) => process.send?.({ id: job.id, error: (error as Error).message }),
  );
});
process.send?.({ ready: true });
