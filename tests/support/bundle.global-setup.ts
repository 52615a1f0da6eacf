/**
 * vitest global setup: bundles the dashboard from the current sources into dist/web, where the router
 * serves it from (as after `npm run build`), so the dashboard's tests run against the bundle users get.
 */
import { bundleDashboard } from '../../scripts/build-dashboard.js';
import { DEFAULT_BUNDLE_DIR } from '../../src/web/dashboard.router.js';

/** Bundles once per run, before any test file loads. */
export default async function setup(): Promise<void> {
  await bundleDashboard(DEFAULT_BUNDLE_DIR);
}
