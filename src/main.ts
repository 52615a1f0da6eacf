import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { EVENT_CATALOGUE } from '../machines/index.js';
import { startWorkers, type RunningWorkers } from '../workers/index.js';
import { createQueueDashboard } from './alerts/bull-board.js';
import { createAlertStore } from './alerts/alert-store.js';
import { createLiveAlertHub, type LiveAlertHub } from './alerts/live-alert-hub.js';
import { LOCAL_ADMIN } from './auth/principal.schema.js';
import { createAccountAdmin } from './auth/account-admin.js';
import { createSignInLockout } from './auth/sign-in-lockout.js';
import { createOidcClient } from './auth/oidc-client.js';
import { createScopeOracle } from './engine/scope-oracle.js';
import { randomBytes } from 'node:crypto';
import { createAlertsPort } from './api/alerts.adapter.js';
import type { AccountsDeps } from './api/session-config.js';
import { createApp } from './api/app.js';
import { createLogger } from './shared/logger.js';
import { exitIfStillRunning, stopOnSignal } from './shared/graceful-stop.js';
import { formatDemoTokens, seedDemo } from './demo/demo-seed.js';
import { exitCodeFor } from './cli/exit-codes.js';
import { InvalidEnvironmentError, loadEnv, type Env } from './config/env.js';
import { openRuntime, type Runtime } from './config/runtime.js';
import { buildDongDaDistrict } from './org/demo-district.js';
import { redactUrl } from './redis/bootstrap.js';
import { watchAvailability, type RedisAvailability } from './redis/availability.js';
import { createVerificationJobs, type VerificationJobs } from './jobs/verification-jobs.js';
import { verifyProgram } from './jobs/verify-program.js';

/** A running server process: where it listens and how to stop it. */
export interface RunningServer {
  port: number;
  stop(): Promise<void>;
  /** For an exit that cannot wait (the shutdown deadline): asks the private redis-server to stop. */
  abandon(): void;
}

/** Loads the demo district into an empty database and prints one token and one account per role. */
async function seedIfEmpty(runtime: Runtime, logger: Logger): Promise<void> {
  if (!runtime.env.CONGRESS_DEMO || (await runtime.unitCount()) > 0) return;
  const admin = createAccountAdmin({
    accounts: runtime.accounts,
    tokens: runtime.tokens,
    oracle: createScopeOracle(runtime.engine),
  });
  const seeded = await seedDemo(runtime.engine, runtime.tokens, buildDongDaDistrict(), LOCAL_ADMIN, admin);
  logger.info({ units: seeded.units }, 'demo district loaded');
  process.stdout.write(`${formatDemoTokens(seeded)}\n`);
}

/** Queues shown at /admin/queues: the workers' queues, or the deadline queue an API-only process writes to. */
function dashboardQueues(runtime: Runtime, workers: RunningWorkers | null) {
  return workers ? Object.values(workers.queues) : [runtime.deadlineQueue];
}

/**
 * CONGRESS_SESSION_SECRET, required outside the demo. The demo draws one per process: its sessions
 * then end with the process, which a demo can afford.
 */
function sessionSecret(env: Env): string {
  if (env.CONGRESS_SESSION_SECRET !== undefined) return env.CONGRESS_SESSION_SECRET;
  if (env.CONGRESS_DEMO) return randomBytes(32).toString('base64url');
  throw new InvalidEnvironmentError(
    'Invalid environment:\n  CONGRESS_SESSION_SECRET: required when CONGRESS_DEMO=0 (at least 32 characters, e.g. `openssl rand -base64 48`)',
  );
}

/** OpenID Connect sign-in when OIDC_* are set (the schema already requires all of them or none). */
function oidcOf(env: Env): AccountsDeps['oidc'] {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (issuer === undefined || clientId === undefined || clientSecret === undefined) return undefined;
  const settings = { issuer, clientId, clientSecret, usernameClaim: env.OIDC_USERNAME_CLAIM };
  return { client: createOidcClient(settings), redirectUrl: env.OIDC_REDIRECT_URL };
}

function listen(server: Server, env: Env): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The HTTP app over the runtime: alerts feed and live stream, queue dashboard, merged metrics. */
function buildApp(
  runtime: Runtime,
  workers: RunningWorkers | null,
  hub: LiveAlertHub,
  availability: RedisAvailability,
  verifications: VerificationJobs,
  logger: Logger,
) {
  const { env } = runtime;
  const redis = runtime.connection.requestRedis;
  const prefix = env.CONGRESS_PREFIX;
  const alerts = createAlertsPort(createAlertStore(redis, prefix), hub);
  return createApp({
    engine: runtime.engine,
    redis,
    prefix,
    tokens: runtime.tokens,
    logger,
    catalogue: EVENT_CATALOGUE,
    alerts,
    queueDashboard: createQueueDashboard(dashboardQueues(runtime, workers), '/admin/queues'),
    metricsRegistries: [runtime.engineMetrics.registry, ...(workers ? [workers.metrics.registry] : [])],
    redisAvailability: availability,
    verifications,
    accounts: {
      store: runtime.accounts,
      lockout: createSignInLockout(redis, prefix),
      oracle: createScopeOracle(runtime.engine),
      sessionRedis: redis,
      secret: sessionSecret(env),
      idleMinutes: env.SESSION_IDLE_MINUTES,
      absoluteHours: env.SESSION_ABSOLUTE_HOURS,
      oidc: oidcOf(env),
    },
    options: {
      bodyLimit: env.BODY_LIMIT,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      rateLimitPerAccountPerMinute: env.RATE_LIMIT_PER_ACCOUNT_PER_MINUTE,
      authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
      authFailuresPerTokenPerMinute: env.AUTH_FAILURES_PER_TOKEN_PER_MINUTE,
      trustProxy: env.TRUST_PROXY,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      // A revocation made by the CLI or another replica takes effect within 2 s.
      tokenCacheMs: 2_000,
      sseMaxPerToken: env.SSE_MAX_PER_TOKEN,
      sseMaxPerProcess: env.SSE_MAX_PER_PROCESS,
      inspect: { enabled: env.CONGRESS_INSPECT, url: env.CONGRESS_INSPECT_URL },
    },
  });
}

/** Starts the API (and the workers unless CONGRESS_WORKERS=0) on one Redis, found or started by bootstrap. */
export async function startServer(env: Env, logger: Logger): Promise<RunningServer> {
  const runtime = await openRuntime(env, { logger, allowPrivateRedis: true, failFast: true });
  const { url, source, redis } = runtime.connection;
  logger.info({ redis: redactUrl(url), source }, 'redis connected');
  let workers: RunningWorkers | null = null;
  try {
    await seedIfEmpty(runtime, logger);
    if (env.CONGRESS_WORKERS)
      workers = await startWorkers({
        redis,
        prefix: env.CONGRESS_PREFIX,
        engine: runtime.engine,
        webhookAllowHosts: env.WEBHOOK_ALLOW_HOSTS,
      });
    // Every live alert stream of this process is served from this one hub (one Redis connection).
    const hub = createLiveAlertHub(runtime.connection.requestRedis, env.CONGRESS_PREFIX);
    const availability = watchAvailability(runtime.connection.requestRedis);
    const verifications = createVerificationJobs({
      redis: runtime.connection.requestRedis,
      prefix: env.CONGRESS_PREFIX,
      program: verifyProgram(url),
      logger,
    });
    const server = createServer(buildApp(runtime, workers, hub, availability, verifications, logger));
    const port = await listen(server, env);
    logger.info({ port, workers: workers !== null }, 'listening');
    process.stdout.write(`congress-engine listening on http://localhost:${port}\n`);
    return {
      port,
      stop: async () => {
        availability.close();
        await verifications.close();
        await stopAll(server, hub, workers, runtime);
      },
      abandon: () => runtime.connection.abandon(),
    };
  } catch (error) {
    // A failed start must not leave workers or a private redis-server running behind it.
    await workers?.close();
    await runtime.close();
    throw error;
  }
}

/** Shutdown in dependency order: HTTP (open streams included), workers, queues and Redis. */
async function stopAll(
  server: Server,
  hub: LiveAlertHub,
  workers: RunningWorkers | null,
  runtime: Runtime,
): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await hub.close();
  await workers?.close();
  await runtime.close();
}

/**
 * `npm start` / `congress serve`: start, then stop in order on SIGTERM or SIGINT, within
 * SHUTDOWN_TIMEOUT_MS (then it exits anyway, asking its private redis-server to stop).
 */
export async function runServer(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const starting = startServer(env, logger);
  const up: { server?: RunningServer } = {};
  // Listening before start-up ends: a signal meanwhile stops the server once it is up, instead of
  // killing the process and leaving a private redis-server behind.
  const stopped = stopOnSignal({
    logger,
    deadlineMs: env.SHUTDOWN_TIMEOUT_MS,
    stop: async () => (await starting).stop(),
    abandon: () => up.server?.abandon(),
  });
  up.server = await starting;
  await stopped;
  exitIfStillRunning();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runServer().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = exitCodeFor(error);
  });
}
