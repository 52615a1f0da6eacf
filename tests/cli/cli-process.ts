/**
 * Runs the CLI from its sources as a child process, as `npm run congress` does (tsx as a loader), on
 * the test Redis under the given key prefix.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { TEST_REDIS_URL } from '../support/redis.js';

export const CLI = ['--import', 'tsx', join(import.meta.dirname, '../../src/cli/main.ts')];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A `congress` runner bound to `prefix`; `env` adds or overrides variables per call. */
export function congressOn(prefix: string) {
  return (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
    new Promise((resolve) => {
      const childEnv = {
        ...process.env,
        REDIS_URL: TEST_REDIS_URL,
        CONGRESS_PREFIX: prefix,
        CONGRESS_TOKEN: '',
        ...env,
      };
      execFile(
        process.execPath,
        [...CLI, ...args],
        { env: childEnv, timeout: 90_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
}
