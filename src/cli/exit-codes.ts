import { CommanderError } from 'commander';
import { InvalidEnvironmentError } from '../config/env.js';
import { AppError } from '../shared/errors.js';
import { RedisUnavailableError } from '../redis/bootstrap.js';
import { SliceFailed } from '../jobs/verify-processes.js';

/** Process exit codes of `congress`, documented in README.md. */
export const EXIT = {
  ok: 0,
  /** Refused: validation failed, forbidden, or not authenticated. */
  refused: 1,
  /** Bad command line. */
  usage: 2,
  notFound: 3,
  /** Not allowed in this state, stale version, or idempotency key reused. */
  conflict: 4,
  redisUnreachable: 5,
} as const;

/** A command-line mistake found after parsing (e.g. neither --at nor --seq). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Maps any error a command throws to its exit code; unexpected errors count as refusals. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof SliceFailed) return error.exitCode;
  if (error instanceof UsageError || error instanceof InvalidEnvironmentError) return EXIT.usage;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof RedisUnavailableError) return EXIT.redisUnreachable;
  if (error instanceof AppError) {
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 409) return EXIT.conflict;
    return EXIT.refused;
  }
  return EXIT.refused;
}

/** The message printed for an error: the AppError message plus field issues, one per line. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A verify child already described its error on its own stderr.
  if (error instanceof SliceFailed) return error.message;
  const lines = [`${error.name === 'Error' ? 'error' : error.name}: ${error.message}`];
  if (error instanceof AppError) {
    const issues = (error.details.issues ?? []) as { path: string; message: string }[];
    lines.push(...issues.map((i) => `  ${i.path}: ${i.message}`));
    const allowed = error.details.allowed;
    if (Array.isArray(allowed)) {
      const types = allowed.map((e) => (typeof e === 'string' ? e : String((e as { type?: unknown }).type)));
      lines.push(`  allowed now: ${types.join(', ') || '(none)'}`);
    }
  }
  return lines.join('\n');
}
