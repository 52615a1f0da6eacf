import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

/** Runs a TypeScript fixture under tests/workers/fixtures in its own Node process (tsx as a loader). */
export function spawnFixture(file: string, env: Record<string, string>): ChildProcess {
  const path = fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
  // One process (no tsx CLI parent), so SIGKILL hits the worker itself rather than a relay.
  return spawn(process.execPath, ['--import', 'tsx', path], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * Runs a TypeScript entry point in its own process through the tsx CLI, as `npm run worker` does,
 * stdout piped. (Under `node --import tsx`, a SIGTERM arriving in the first moments after start can
 * bypass the process's handlers; the CLI relays signals to its child reliably.)
 */
export function spawnScript(path: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [TSX_CLI, path], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves when the child prints a line containing `line` on stdout; rejects if it exits first. */
export function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.split('\n').some((l) => l.includes(line))) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`fixture exited (${code}) before printing "${line}"`)));
  });
}

/** Kills the child with `signal` and waits until it is gone. */
export async function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
