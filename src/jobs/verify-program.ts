import { fileURLToPath } from 'node:url';
import type { VerifyProgram } from './verification-jobs.js';

/**
 * The `congress verify-slice` child of a background verification: this installation's CLI, run by the
 * same Node, acting with the caller's token (resolved again by the child, so a token revoked meanwhile
 * stops the run) on the server's Redis. From TypeScript sources the child loads tsx, as `npm start` does;
 * from a build, it gets this process's Node flags.
 */
export function verifyProgram(redisUrl: string, env: NodeJS.ProcessEnv = process.env): VerifyProgram {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`../cli/main.${fromSources ? 'ts' : 'js'}`, import.meta.url));
  const flags = fromSources ? ['--import', 'tsx'] : process.execArgv;
  return (token) => ({
    execPath: process.execPath,
    args: [...flags, entry, 'verify-slice'],
    env: { ...env, REDIS_URL: redisUrl, CONGRESS_TOKEN: token },
  });
}
