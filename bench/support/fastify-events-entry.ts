/**
 * A prototype for B3.12–13: the events route with the product's layers on Fastify 5 instead of
 * Express 5, over the same runtime (engine, scheduler, token store) as src/main.ts. Only this route:
 * request id, helmet's headers, the failed-authentication guard, token authentication (cached 2 s),
 * the per-token rate limit, the latency histogram, the zod checks, dispatch, and problem JSON on
 * errors. It answers what B3 would cost with the HTTP layer on Fastify, before anyone ports the API.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyRequest } from 'fastify';
import {
  dispatchHeadersSchema,
  eventBodySchema,
  parseRequest,
  unitParamsSchema,
} from '../../src/api/schemas.js';
import { tokenFrom } from '../../src/api/auth.middleware.js';
import { createHttpMetrics } from '../../src/api/http-metrics.js';
import { requestIdFor } from '../../src/api/request-context.js';
import { createLogger } from '../../src/shared/logger.js';
import { cacheTokenStore } from '../../src/api/token-cache.js';
import type { Principal } from '../../src/domain/index.js';
import { loadEnv } from '../../src/config/env.js';
import { openRuntime } from '../../src/config/runtime.js';
import { AppError, UnauthorizedError } from '../../src/shared/errors.js';

const env = loadEnv();
const runtime = await openRuntime(env, { logger: createLogger(env.LOG_LEVEL), allowPrivateRedis: false });
const tokens = cacheTokenStore(runtime.tokens, { ttlMs: 2_000 });
// The product's own metrics (registry, latency histogram, dispatch counter), timed by hooks here.
const metrics = createHttpMetrics();

const failures = new Map<string, { count: number; resetAt: number }>();

interface RequestState {
  principal?: Principal;
  tokenHash?: string;
  stop?: (labels: { route: string; status: string }) => void;
}
const stateOf = (req: FastifyRequest) => req as FastifyRequest & RequestState;

const app = Fastify({
  logger: false,
  bodyLimit: 1024 * 1024,
  genReqId: (req) => {
    const given = req.headers['x-request-id'];
    return requestIdFor(typeof given === 'string' ? given : undefined);
  },
});
await app.register(helmet);
await app.register(rateLimit, { global: false });
app.addHook('onRequest', async (req, reply) => {
  reply.header('X-Request-Id', req.id);
  stateOf(req).stop = metrics.latency.startTimer({ method: req.method });
  const open = failures.get(req.ip);
  if (open && open.resetAt > Date.now() && open.count >= env.AUTH_FAILURES_PER_MINUTE)
    throw new AppError('Too many failed authentications from this address; retry later', 429, 'rate_limited');
});
app.addHook('onResponse', async (req, reply) => {
  stateOf(req).stop?.({ route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
  if (reply.statusCode !== 401) return;
  const open = failures.get(req.ip) ?? { count: 0, resetAt: Date.now() + 60_000 };
  open.count += 1;
  failures.set(req.ip, open);
});
app.setErrorHandler((err, req, reply) => {
  const error = err instanceof AppError ? err : new AppError('Internal error', 500, 'internal');
  void reply.code(error.status).type('application/problem+json').send({
    type: 'about:blank',
    status: error.status,
    detail: error.message,
    instance: req.url,
    code: error.code,
  });
});

app.post(
  '/api/v1/units/:id/events',
  {
    config: {
      rateLimit: {
        max: env.RATE_LIMIT_PER_MINUTE,
        timeWindow: 60_000,
        hook: 'preHandler',
        keyGenerator: (req) => stateOf(req).tokenHash ?? 'anonymous',
      },
    },
    preHandler: async (req, reply) => {
      const token = tokenFrom(req.headers.authorization ?? '', false);
      const record = token === undefined ? null : await tokens.resolve(token);
      if (record === null) {
        void reply.header('WWW-Authenticate', 'Bearer realm="congress"');
        throw new UnauthorizedError('A valid bearer token is required (Authorization: Bearer <token>)');
      }
      stateOf(req).principal = record.principal;
      stateOf(req).tokenHash = record.hash;
    },
  },
  async (req, reply) => {
    const id = parseRequest(unitParamsSchema, req.params, 'params').id;
    const headers = parseRequest(dispatchHeadersSchema, req.headers, 'headers');
    const event = parseRequest(eventBodySchema, req.body ?? {}, 'body');
    const options = { idempotencyKey: headers['idempotency-key'], expectedVersion: headers['if-match'] };
    const principal = stateOf(req).principal!;
    const result = await runtime.engine.dispatch(id, event, principal, options).catch((err: unknown) => {
      metrics.dispatches.inc({ outcome: (err as { code?: string }).code ?? 'error' });
      throw err;
    });
    metrics.dispatches.inc({ outcome: result.duplicate ? 'duplicate' : 'appended' });
    void reply.header('ETag', `"${result.version}"`).code(result.duplicate ? 200 : 201);
    return result;
  },
);

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on http://localhost:${new URL(address).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => runtime.close()));
