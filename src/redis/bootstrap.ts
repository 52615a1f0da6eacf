import { Redis } from 'ioredis';
import { clientOptions, redisAnswers } from './probe.js';
import { createRequestClient } from './request-client.js';
import { findOnPath, readPrivateUrl, startPrivateRedis, type PrivateRedis } from './private-server.js';

/** Thrown when no Redis can be found or started; the message tells the operator what to do. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** Where Redis came from, for the start-up log line. */
export type RedisSource = 'REDIS_URL' | 'local' | 'private';

export interface RedisConnection {
  url: string;
  source: RedisSource;
  /** The app's client: workers and queues, which wait for Redis as long as it takes. */
  redis: Redis;
  /** The request path's client, which fails fast (REDIS_COMMAND_TIMEOUT_MS; see request-client.ts). */
  requestRedis: Redis;
  /** Disconnects the clients, then stops the private redis-server if this process started one. */
  close(): Promise<void>;
  /** For an exit that cannot wait: drops the clients and asks the private redis-server to stop. */
  abandon(): void;
}

export interface BootstrapOptions {
  /** Explicit URL (REDIS_URL); when set, nothing else is tried. */
  url?: string;
  /** Address probed when no URL is given. */
  localUrl?: string;
  /** Data directory of a private redis-server. */
  dataDir: string;
  /** PATH to look for `redis-server` on. */
  pathVar?: string;
  /**
   * Whether this process may start a private redis-server (servers: yes). When false, a private
   * server another process started under `dataDir` is used if it answers (one-shot CLI commands).
   */
  startPrivate?: boolean;
  /** Time-out of each command on the request path's client, in ms (default 2,000). */
  commandTimeoutMs?: number;
}

const START_FIRST =
  'Or start the server first (npm start), which runs a private Redis when none is installed.';

export const HOW_TO_GET_REDIS = [
  'No Redis is reachable and no redis-server binary was found on PATH.',
  'Either:',
  '  - install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), then run npm start again;',
  '  - or run one in Docker: docker run -d -p 6379:6379 redis:7-alpine --appendonly yes;',
  '  - or point REDIS_URL at an existing server, e.g. REDIS_URL=redis://host:6379.',
].join('\n');

/**
 * Finds Redis the way ARCHITECTURE.md "Running it" describes: `REDIS_URL` if set; else a local
 * server if it answers; else a private AOF-backed redis-server; else a RedisUnavailableError.
 * There is deliberately no in-memory fallback: the event log must survive a restart.
 */
export async function bootstrapRedis(options: BootstrapOptions): Promise<RedisConnection> {
  const timeoutMs = options.commandTimeoutMs ?? 2_000;
  if (options.url !== undefined) return connect(options.url, 'REDIS_URL', timeoutMs);
  const localUrl = options.localUrl ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(localUrl)) return connect(localUrl, 'local', timeoutMs);
  const shared = readPrivateUrl(options.dataDir);
  if (shared !== null && (await redisAnswers(shared))) return connect(shared, 'private', timeoutMs);
  if (options.startPrivate === false) throw new RedisUnavailableError(`${HOW_TO_GET_REDIS}\n${START_FIRST}`);
  const binary = findOnPath('redis-server', options.pathVar);
  if (binary === null) throw new RedisUnavailableError(HOW_TO_GET_REDIS);
  const server = await startPrivateRedis(binary, options.dataDir);
  return connect(server.url, 'private', timeoutMs, server);
}

async function connect(
  url: string,
  source: RedisSource,
  commandTimeoutMs: number,
  server?: PrivateRedis,
): Promise<RedisConnection> {
  if (!(await redisAnswers(url, 3000))) {
    await server?.stop();
    throw new RedisUnavailableError(`Redis at ${redactUrl(url)} does not answer PING. Check REDIS_URL.`);
  }
  const redis = new Redis(url, clientOptions);
  const requestRedis = createRequestClient(url, commandTimeoutMs);
  // Ready before the server listens: until then the API would answer 503 (see availability.ts).
  await requestRedis.ping();
  return {
    url,
    source,
    redis,
    requestRedis,
    close: async () => {
      await Promise.all([quit(redis), quit(requestRedis)]);
      await server?.stop();
    },
    abandon: () => {
      redis.disconnect();
      requestRedis.disconnect();
      server?.abandon();
    },
  };
}

/** QUIT, or a plain disconnect when Redis cannot answer it (down or stalled), so closing never hangs. */
async function quit(client: Redis): Promise<void> {
  if (client.status !== 'ready') return client.disconnect();
  const timer = setTimeout(() => client.disconnect(), 1_000).unref();
  await client.quit().catch(() => client.disconnect());
  clearTimeout(timer);
}

/** Hides a password in a Redis URL before it reaches a log or a message. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
