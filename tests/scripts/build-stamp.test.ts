import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtAt, buildIfStale, isStale, markBuilt, STAMP } from '../../scripts/build-stamp.js';

/** A fixed instant for the stamp; inputs are dated around it. */
const BUILT = Date.parse('2025-01-01T00:00:00Z');

/** Sets a file's or folder's modification time to `ms`. */
const touch = (path: string, ms: number) => utimesSync(path, new Date(ms), new Date(ms));

describe('whether dist/ must be rebuilt before npm start', () => {
  let root: string;

  /** A checkout with src/a.ts and package.json, all dated `ms` (folders too), and a build started at BUILT. */
  function checkout(ms: number) {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/a.ts'), 'export {};\n');
    writeFileSync(join(root, 'package.json'), '{}\n');
    for (const path of ['src/a.ts', 'src', 'package.json']) touch(join(root, path), ms);
    markBuilt(BUILT, root);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cg-stamp-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('when nothing was ever built, then dist/ is stale', () => {
    writeFileSync(join(root, 'package.json'), '{}\n');
    expect(builtAt(root)).toBeNull();
    expect(isStale(root)).toBe(true);
  });

  it('when a build is recorded, then the stamp carries the time the build started', () => {
    checkout(BUILT - 60_000);
    expect(builtAt(root)).toBe(BUILT);
  });

  it('when every input is older than the build, then dist/ is up to date', () => {
    checkout(BUILT - 1);
    expect(isStale(root)).toBe(false);
  });

  it('when an input changed at the very instant the build started, then dist/ is stale', () => {
    checkout(BUILT - 60_000);
    touch(join(root, 'src/a.ts'), BUILT);
    expect(isStale(root)).toBe(true);
  });

  it('when an input changed after the build started, then dist/ is stale', () => {
    checkout(BUILT - 60_000);
    touch(join(root, 'package.json'), BUILT + 1);
    expect(isStale(root)).toBe(true);
  });

  it('when a source file is deleted after the build, then dist/ is stale (its folder changed)', () => {
    checkout(BUILT - 60_000);
    rmSync(join(root, 'src/a.ts'));
    expect(isStale(root)).toBe(true);
  });

  it('when dist/ is stale, then npm run build runs, and when it is up to date, nothing runs', () => {
    checkout(BUILT - 60_000);
    const marker = join(root, 'built-by-npm');
    const build = `node -e "require('fs').writeFileSync('${marker}', '')"`;
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { build } }));
    touch(join(root, 'package.json'), BUILT - 60_000);

    expect(buildIfStale({ root, stdout: 'ignore' })).toBe(0);
    expect(existsSync(marker)).toBe(false);

    touch(join(root, 'src/a.ts'), BUILT + 1);
    expect(buildIfStale({ root, stdout: 'ignore' })).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('when the build fails, then its exit code is returned', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { build: 'exit 3' } }));
    expect(existsSync(join(root, STAMP))).toBe(false);
    expect(buildIfStale({ root, stdout: 'ignore' })).toBe(3);
  });
});
