import { Router } from 'express';
import type { Registry } from 'prom-client';
import { scrape } from './http-metrics.js';

/** What readiness asks of the Redis client: a PING (an ioredis client is one). */
export interface PingableStore {
  ping(): Promise<string>;
}

/** Liveness, readiness (Redis answers PING) and the Prometheus scrape endpoint. Unauthenticated. */
export function healthRouter(redis: PingableStore, registries: () => Registry[]): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const redisOk = await Promise.race([
      redis.ping().then(
        (pong) => pong === 'PONG',
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
    ]);
    res.status(redisOk ? 200 : 503).json({ status: redisOk ? 'ready' : 'unavailable', redis: redisOk });
  });

  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await scrape(registries());
    res.type(contentType).send(body);
  });

  return router;
}
