import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import swaggerUi from 'swagger-ui-express';
import type { EventDefinition } from '../../machines/api.types.js';
import type { Engine } from '../engine/engine.types.js';
import type { TokenStore } from '../auth/token-store.js';
import { NotFoundError } from '../shared/errors.js';
import { adminRouter } from './admin.routes.js';
import type { AlertsPort } from './alerts.port.js';
import { alertsRouter } from './alerts.routes.js';
import { authenticate, requireRole } from './auth.middleware.js';
import { healthRouter, type PingableStore } from './health.routes.js';
import { createHttpMetrics } from './http-metrics.js';
import { redisGate, requestTimeout } from './fail-fast.js';
import type { RedisAvailability } from '../redis/availability.js';
import { inspectRouter, type InspectOptions } from './inspect.routes.js';
import { rejectUnsafeJson } from './json-guard.js';
import { electionMinutesRouter, electionsRouter } from './elections.routes.js';
import { meRouter } from './me.routes.js';
import { eventsRouter } from './events.routes.js';
import { accessLog } from './access-log.js';
import { buildOpenApiDocument } from './openapi.js';
import { errorHandler } from './problem.js';
import { perAccountRateLimit, perTokenRateLimit } from './rate-limit.js';
import { authFailureGuard } from './auth-failures.js';
import { requestId } from './request-context.js';
import { securityHeaders } from './security-headers.js';
import { cacheTokenStore } from './token-cache.js';
import { unitsRouter } from './units.routes.js';
import type { VerificationsPort } from '../jobs/verifications.port.js';
import { verificationsRouter } from './verifications.routes.js';
import { createDashboardRouter } from '../web/index.js';
import { createAccountAdmin } from '../auth/account-admin.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { accountsRouter } from './accounts.routes.js';
import { sessionLayer, type AccountsDeps } from './session-config.js';
import { sessionRouter, signInRouter } from './session.routes.js';

/** Everything the HTTP layer needs, built by the composition root (src/main.ts) or a test. */
export interface AppDeps {
  engine: Engine;
  /** The Redis client, pinged by /readyz; the API reaches data only through the engine and ports. */
  redis: PingableStore;
  prefix: string;
  tokens: TokenStore;
  logger: Logger;
  /** Event catalogue, for the OpenAPI description of event bodies. */
  catalogue: Record<string, EventDefinition>;
  alerts?: AlertsPort;
  /** BullMQ dashboard router, mounted at /admin/queues behind an admin token. */
  queueDashboard?: Router;
  /** Registries of other layers (engine, alerts) scraped together with the API's own. */
  metricsRegistries?: Registry[];
  /** Background verifications (POST /units/:id/verifications, large `verify?subtree=true`). */
  verifications?: VerificationsPort;
  /** Accounts and cookie sessions (POST /api/v1/session); without them, bearer tokens only. */
  accounts?: AccountsDeps;
  /** The clock token expiry and session limits are read on (tests move a manual one). */
  clock?: Clock;
  /** Whether Redis answers; when given, the API answers 503 at once while it does not. */
  redisAvailability?: RedisAvailability;
  options?: {
    /** Largest JSON or CSV body accepted (bytes-style string: "1mb"). */
    bodyLimit?: string;
    /** Requests per token per minute (default 600). */
    rateLimitPerMinute?: number;
    /** Requests per account (principal id, all its tokens) per minute (default 1,200). */
    rateLimitPerAccountPerMinute?: number;
    /** 401 answers one client address may get per minute before 429 (see auth-failures.ts). */
    authFailuresPerMinute?: number;
    /** 401 answers one credential may get per minute, from any address, before 429. */
    authFailuresPerTokenPerMinute?: number;
    /** Express's `trust proxy`: whose X-Forwarded-For decides the client address (default: nobody's). */
    trustProxy?: boolean | number | string;
    /**
     * Milliseconds a resolved token is trusted in process (see token-cache.ts); 0, the default, asks
     * the token store on every request. A revocation elsewhere takes effect within this delay.
     */
    tokenCacheMs?: number;
    /** Largest subtree `verify?subtree=true` verifies within the request (default 1,000 units). */
    syncVerifyMaxUnits?: number;
    /** Milliseconds an API request may take before it is answered 503 `timeout` (default 30,000). */
    requestTimeoutMs?: number;
    /** Live alert streams open at once per token (default 5) and per process (default 1,000). */
    sseMaxPerToken?: number;
    sseMaxPerProcess?: number;
    inspect?: InspectOptions;
  };
}

/** The Express application. Nothing here listens; callers do, on any port (tests use port 0). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  const options = deps.options ?? {};
  const metrics = createHttpMetrics();
  const bodyLimit = options.bodyLimit ?? '1mb';
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(requestId(), accessLog(deps.logger), metrics.middleware, securityHeaders());

  const openapi = buildOpenApiDocument(deps.catalogue);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  const limit = perTokenRateLimit({ limit: options.rateLimitPerMinute ?? 600 });
  const guard = authFailureGuard({
    perAddress: options.authFailuresPerMinute ?? 60,
    perToken: options.authFailuresPerTokenPerMinute ?? 10,
  });
  const tokenCacheMs = options.tokenCacheMs ?? 0;
  const tokens = tokenCacheMs > 0 ? cacheTokenStore(deps.tokens, { ttlMs: tokenCacheMs }) : deps.tokens;
  const clock = deps.clock ?? systemClock;
  const accounts = deps.accounts;
  const sessions = accounts && {
    accounts: accounts.store,
    idleMs: accounts.idleMinutes * 60_000,
    absoluteMs: accounts.absoluteHours * 3_600_000,
    clock,
  };
  const accountLimit = perAccountRateLimit({ limit: options.rateLimitPerAccountPerMinute ?? 1_200 });
  const auth = [guard, authenticate(tokens, { sessions, clock }), limit, accountLimit];

  // Routers sit under their own path prefixes and the API comes before the other mounts, so an API
  // request walks only the layers that can answer it: each layer passed costs the router a match and
  // a closure, which showed as a tenth of the server's CPU under POST load.
  const api = express.Router();
  api.use(requestTimeout(options.requestTimeoutMs ?? 30_000));
  if (deps.redisAvailability) api.use(redisGate(deps.redisAvailability));
  if (accounts) {
    api.use(sessionLayer(accounts, deps.prefix));
    api.use(signInRouter(accounts, clock, options.authFailuresPerMinute ?? 60));
  }
  api.use(...auth);
  api.use(express.json({ limit: bodyLimit, strict: true }), rejectUnsafeJson());
  if (accounts) {
    api.use(sessionRouter(accounts));
    const admin = createAccountAdmin({ accounts: accounts.store, tokens, oracle: accounts.oracle, clock });
    api.use(accountsRouter(admin));
  }
  const verifyOptions = { verifications: deps.verifications, syncMaxUnits: options.syncVerifyMaxUnits };
  api.use('/units', unitsRouter(deps.engine, metrics, verifyOptions));
  api.use('/units', electionMinutesRouter(deps.engine));
  if (deps.verifications) api.use('/verifications', verificationsRouter(deps.verifications));
  api.use('/me', meRouter(deps.engine));
  api.use(eventsRouter(deps.engine, bodyLimit));
  api.use('/elections', electionsRouter());
  if (deps.alerts) {
    const limits = { perToken: options.sseMaxPerToken ?? 5, perProcess: options.sseMaxPerProcess ?? 1_000 };
    api.use('/alerts', alertsRouter(deps.alerts, limits));
  }
  api.use(adminRouter(deps.engine, tokens, bodyLimit));
  if (options.inspect?.enabled === true) api.use(inspectRouter(deps.engine, options.inspect));
  app.use('/api/v1', api);

  app.use(healthRouter(deps.redis, () => [metrics.registry, ...(deps.metricsRegistries ?? [])]));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { swaggerOptions: { validatorUrl: null } }));
  if (deps.queueDashboard) {
    const browserAuth = authenticate(tokens, { allowBasic: true });
    app.use('/admin/queues', guard, browserAuth, limit, requireRole('admin'), deps.queueDashboard);
  }
  app.use(createDashboardRouter());

  app.use((req) => {
    throw new NotFoundError(`No route for ${req.method} ${req.path}`);
  });
  app.use(errorHandler(deps.logger, deps.redisAvailability));
  return app;
}
