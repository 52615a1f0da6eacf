import type { Logger } from 'pino';

export interface GracefulStopOptions {
  logger: Logger;
  /** Milliseconds after the first signal at which the process exits whatever is still closing. */
  deadlineMs: number;
  /** The graceful stop: servers, workers, queues, connections, in order. */
  stop(): Promise<void>;
  /**
   * At the deadline, or if the stop fails: releases synchronously what must not outlive the process
   * (a private redis-server it started), just before it exits.
   */
  abandon(): void;
  signals?: readonly NodeJS.Signals[];
  /** Log lines at the start and the end of the stop (default "shutting down", "stopped"). */
  messages?: { stopping: string; stopped: string };
}

/**
 * Waits for SIGTERM or SIGINT, then stops gracefully; resolves once stopped. Signals arriving while
 * stopping are only logged: a terminal, npm and tsx each relay the same signal, and a second one
 * must not cut the orderly stop short (without a listener, Node would die on it at once). If the
 * stop has not finished within `deadlineMs`, or fails, the process exits with code 1 anyway.
 */
export function stopOnSignal(options: GracefulStopOptions): Promise<void> {
  const { logger, deadlineMs } = options;
  const messages = options.messages ?? { stopping: 'shutting down', stopped: 'stopped' };
  return new Promise((resolve) => {
    let stopping = false;
    const giveUp = (reason: string, err?: unknown) => {
      logger.error({ err, deadlineMs }, reason);
      options.abandon();
      process.exit(1);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return void logger.info({ signal }, 'already shutting down');
      stopping = true;
      logger.info({ signal }, messages.stopping);
      const deadline = setTimeout(() => giveUp('shutdown deadline passed; exiting anyway'), deadlineMs);
      options.stop().then(
        () => {
          clearTimeout(deadline);
          logger.info(messages.stopped);
          resolve();
        },
        (error: unknown) => giveUp('shutdown failed; exiting anyway', error),
      );
    };
    for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);
  });
}

/**
 * After a graceful stop the process should end by itself; if a handle still holds the event loop,
 * it exits after `graceMs` anyway (the timer does not itself keep the process alive).
 */
export function exitIfStillRunning(graceMs = 1_000): void {
  setTimeout(() => process.exit(process.exitCode ?? 0), graceMs).unref();
}
