import type { FileStore } from '../files/file-store.js';

/**
 * The file store job handlers write their results to (exports, reports): the process's own, as its
 * runtime (`createRuntime`: the Lambda worker, the local server's worker, a test app, a benchmark)
 * provides it. A handler calls `jobFileStore()`; a process that provides none cannot run such jobs.
 */
let provider: (() => Promise<FileStore>) | undefined;

export function provideJobFileStore(getFileStore: () => Promise<FileStore>): void {
  provider = getFileStore;
}

export async function jobFileStore(): Promise<FileStore> {
  if (!provider) throw new Error('No file store is configured for background jobs in this process.');
  return provider();
}
