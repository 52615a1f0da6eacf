import { Redis } from 'ioredis';
import { clientOptions } from './probe.js';

/**
 * Options of the client the request path uses (API, engine, token and alert stores): the app client's
 * options, made to fail fast. A command that gets no answer within `commandTimeoutMs` is rejected
 * (Redis stalled, or the network); while the connection is down, a command waits in the offline queue
 * for one reconnection attempt at most, then fails, so nothing piles up to run long after its
 * caller gave up. Reconnection is retried every 50 ms growing to 1 s.
 */
export function requestClientOptions(commandTimeoutMs: number) {
  return {
    ...clientOptions,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 1_000),
  };
}

/** A fail-fast client on `url` (see requestClientOptions); errors are reported by callers, not logged here. */
export function createRequestClient(url: string, commandTimeoutMs: number): Redis {
  const client = new Redis(url, requestClientOptions(commandTimeoutMs));
  // Connection errors surface as failed commands; an unhandled 'error' event would end the process.
  client.on('error', () => undefined);
  return client;
}

const UNAVAILABLE_MESSAGES = [
  'Command timed out',
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
];

/**
 * True for errors that mean "Redis did not answer" (as opposed to a refusal or a bug): a command
 * timeout, a closed connection, a command dropped after the offline queue's retry, or one aborted
 * when its connection closed. The API answers these with 503 and Retry-After.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError' || error.name === 'AbortError') return true;
  return UNAVAILABLE_MESSAGES.includes(error.message) || /ECONNREFUSED|ECONNRESET|EPIPE/.test(error.message);
}
