/**
 * `npm run build`: compiles the server, the workers and the CLI to `dist/` (tsc with
 * tsconfig.build.json), copies the Lua scripts they read at run time, bundles the dashboard into
 * `dist/web`, then stamps `dist/` so `npm start` knows it is up to date.
 */
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleDashboard } from './build-dashboard.js';
import { markBuilt, ROOT } from './build-stamp.js';

/** Files read from disk at run time, next to the modules that read them. */
const RUNTIME_ASSETS = ['src/store/lua'];

const startedAt = Date.now();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (compiled.status !== 0) {
  process.stderr.write('tsc failed: dist/ is not up to date.\n');
  process.exit(compiled.status ?? 1);
}
for (const dir of RUNTIME_ASSETS) cpSync(join(ROOT, dir), join(ROOT, 'dist', dir), { recursive: true });
const bundle = await bundleDashboard(join(ROOT, 'dist/web'));
markBuilt(startedAt);
const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
console.log(
  `built dist/ in ${seconds} s; dashboard: ${bundle.assets.filter((a) => !a.endsWith('.map')).join(', ')}`,
);
