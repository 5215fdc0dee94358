import { ensureWebBuild } from '../scripts/ensure-build.js';

/** vitest global setup: the e2e tests serve web/dist, so build it first when it is missing or stale. */
export default function setup() {
  ensureWebBuild();
}
