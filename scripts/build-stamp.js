// @ts-check
/**
 * Whether `dist/` is older than what it is built from, and the stamp that records when it was built.
 * Plain JavaScript, so `npm start` (prestart), `npm run worker` and the `congress` command can ask in a
 * tenth of a second before any TypeScript tooling loads; `node scripts/build-stamp.js` builds if stale.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (this file lives in scripts/). */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * What `npm run build` reads. A newer file, or a folder whose entries changed (a file added, removed or
 * renamed), makes `dist/` stale.
 */
export const BUILD_INPUTS = [
  'src',
  'machines',
  'workers',
  'scripts/build.ts',
  'scripts/build-dashboard.ts',
  'scripts/build-stamp.js',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** Written last by a successful build; its modification time is when that build started. */
export const STAMP = 'dist/.build-stamp';

/**
 * Latest modification time (ms) under `path`, folders included; 0 when it does not exist.
 * @param {string} path
 * @returns {number}
 */
function newestUnder(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestUnder(join(path, name))),
    stat.mtimeMs,
  );
}

/**
 * Latest modification time (ms) of the build's inputs under `root`.
 * @param {string} [root]
 * @returns {number}
 */
export function newestInput(root = ROOT) {
  return Math.max(...BUILD_INPUTS.map((input) => newestUnder(join(root, input))));
}

/**
 * When the last successful build started (ms), or null when there is none.
 * @param {string} [root]
 * @returns {number | null}
 */
export function builtAt(root = ROOT) {
  try {
    return statSync(join(root, STAMP)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * True when there is no build, or an input changed at or after the moment the last build started (an
 * edit made while it ran may not be in it; equal times count as stale, since some file systems keep
 * whole seconds).
 * @param {string} [root]
 * @returns {boolean}
 */
export function isStale(root = ROOT) {
  const built = builtAt(root);
  return built === null || newestInput(root) >= built;
}

/**
 * Records a successful build that started at `startedAtMs`.
 * @param {number} startedAtMs
 * @param {string} [root]
 */
export function markBuilt(startedAtMs, root = ROOT) {
  const stamp = join(root, STAMP);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, 'dist/ is built from the sources older than this file; see scripts/build-stamp.js\n');
  const startedAt = new Date(startedAtMs);
  utimesSync(stamp, startedAt, startedAt);
}

/**
 * Runs `npm run build` when `dist/` is stale. Its output goes to `stdout` (a file descriptor: 2 keeps a
 * command's own standard output clean). Returns the build's exit code, 0 when nothing had to be built.
 * @param {{ root?: string, stdout?: 'inherit' | 'ignore' | number }} [options]
 * @returns {number}
 */
export function buildIfStale({ root = ROOT, stdout = 'inherit' } = {}) {
  if (!isStale(root)) return 0;
  process.stderr.write('dist/ is missing or older than the sources: building it (npm run build)…\n');
  // Through the npm that runs this script when there is one (npm start), else the npm on PATH.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'run', 'build']] : ['npm', ['run', 'build']];
  const build = spawnSync(command, args, { cwd: root, stdio: ['ignore', stdout, 'inherit'] });
  return build.status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = buildIfStale();
