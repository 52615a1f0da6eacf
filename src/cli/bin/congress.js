#!/usr/bin/env node
// `congress` as an installed command runs the compiled CLI in dist/. Like `npm start`, it builds first
// when dist/ is missing or older than the sources; the build's output goes to stderr, so a command's
// own output (--json) stays clean.
import process from 'node:process';
import { buildIfStale } from '../../../scripts/build-stamp.js';

const built = buildIfStale({ stdout: 2 });
if (built !== 0) {
  process.stderr.write('congress: the build failed (output above); fix it, then run `npm run build`.\n');
  process.exit(built);
}
await import('../../../dist/src/cli/main.js');
