import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../scripts/ensure-build.js';

/**
 * vitest global setup: the e2e tests serve web/dist, so build it first when it is missing or stale.
 * A failed build fails the e2e tests (startE2E reports it), not the backend tests of the same run.
 */
export default function setup(project: TestProject) {
  try {
    ensureWebBuild();
    project.provide('webBuildError', '');
  } catch (error) {
    project.provide('webBuildError', error instanceof Error ? error.message : String(error));
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    webBuildError: string;
  }
}
