import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/layers/', import.meta.url));
const DEPCRUISE = `${ROOT}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/**
 * Runs dependency-cruiser with the repository's own config from the fixture folder, where its
 * `src/engine/…` stands for the engine. With the default reporter (the one `npm run lint` uses) it
 * exits non-zero on violations; the JSON reporter names them.
 */
async function lintFixtures(outputType: 'err' | 'json'): Promise<{ exitCode: number; stdout: string }> {
  const args = [DEPCRUISE, '--config', `${ROOT}dependency-cruiser.config.js`, '--output-type', outputType];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [...args, 'src', 'machines'], {
      cwd: FIXTURES,
    });
    return { exitCode: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { exitCode: failed.code, stdout: failed.stdout };
  }
}

async function violationsOfFixtures(): Promise<Violation[]> {
  const { stdout } = await lintFixtures('json');
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layer rules (dependency-cruiser, real config)', () => {
  let lint: { exitCode: number; stdout: string };
  let found: string[];
  beforeAll(async () => {
    lint = await lintFixtures('err');
    found = (await violationsOfFixtures()).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  }, 60_000);

  it('when an engine module imports ioredis, even type-only, then the lint fails and names the rule and the file', () => {
    expect(lint.exitCode).not.toBe(0);
    expect(lint.stdout).toContain('only-adapters-import-ioredis: src/engine/imports-ioredis.ts');
    expect(found).toContainEqual(
      expect.stringMatching(
        /^only-adapters-import-ioredis: src\/engine\/imports-ioredis\.ts → .*node_modules\/ioredis\//,
      ),
    );
  });

  it('when the CLI imports the API, machines import src/ and two folders import each other, then each is a violation', () => {
    expect(found).toContain('only-the-server-imports-the-api: src/cli/imports-api.ts → src/api/router.ts');
    expect(found).toContain('layer-src-cli: src/cli/imports-api.ts → src/api/router.ts');
    expect(found).toContain(
      'machines-import-nothing-from-the-app: machines/imports-src.ts → src/store/imports-ioredis.ts',
    );
    expect(found).toContain('no-folder-cycles: src/engine → src/store');
    expect(found).toContain('no-folder-cycles: src/store → src/engine');
  });

  it('when the store imports the engine above it, then the layer rule names the import', () => {
    expect(found).toContain('layer-src-store: src/store/uses-engine.ts → src/engine/unit-view.ts');
  });

  it('when the store imports ioredis and the API imports Express, then neither is a violation', () => {
    expect(found).toHaveLength(7);
    expect(found.filter((v) => v.includes(': src/store/imports-ioredis.ts'))).toEqual([]);
    expect(found.filter((v) => v.includes(': src/api/'))).toEqual([]);
  });
});
