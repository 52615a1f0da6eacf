/** Signals that ask a server or worker process to stop gracefully. */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Resolves with the first SIGTERM or SIGINT. The handlers stay installed, so a repeat is ignored
 * instead of killing the process half-way through its shutdown: under `npm start`, a terminal's
 * Ctrl-C or a signal to the process group reaches the server twice, directly and relayed by npm.
 */
export function firstStopSignal(): Promise<(typeof STOP_SIGNALS)[number]> {
  return new Promise((resolve) => {
    for (const signal of STOP_SIGNALS) process.on(signal, () => resolve(signal));
  });
}
