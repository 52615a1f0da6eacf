/**
 * The real app for the dashboard's browser tests: engine, tokens, alerts and API on a fresh Redis prefix,
 * with the dashboard router mounted in front, listening on port 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { createAlertStore, type AlertStore } from '../../src/alerts/alert-store.js';
import { createLiveAlertHub } from '../../src/alerts/live-alert-hub.js';
import { createAlertsPort } from '../../src/api/alerts.adapter.js';
import { createApp, type AppDeps } from '../../src/api/app.js';
import type { TokenRequest } from '../../src/auth/principal.schema.js';
import { createTokenStore, type TokenStore } from '../../src/auth/token-store.js';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/engine.types.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createDashboardRouter } from '../../src/web/index.js';
import { principals, toJson } from '../support/builders.js';
import { createTestRedis } from '../support/redis.js';

export interface DashboardApp {
  baseUrl: string;
  redis: Redis;
  prefix: string;
  engine: Engine;
  tokens: TokenStore;
  alertStore: AlertStore;
  /** The engine's clock (overdue counts are taken at it); starts at the import time. */
  clock: ReturnType<typeof createManualClock>;
  /** Issues a token (as an admin would) and returns its secret. */
  issueToken(request: TokenRequest): Promise<string>;
  /** GET on the API with a bearer token, as JSON. */
  api(path: string, token: string): Promise<unknown>;
  /** Cuts every open connection (a restart or a proxy timeout, as the browser sees it). */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Starts the app over a fresh prefix with `units` imported at `importedAt` (engine clock). */
export async function startDashboardApp(
  units: OrgUnit[],
  importedAt: string,
  /** More of the app's dependencies (accounts and sessions, for the sign-in tests). */
  extra: (deps: { redis: Redis; prefix: string; engine: Engine }) => Partial<AppDeps> = () => ({}),
): Promise<DashboardApp> {
  const { redis, prefix, cleanup } = await createTestRedis('web');
  const logger = pino({ level: 'silent' });
  const clock = createManualClock(importedAt);
  const engine = createEngine({ redis, prefix, logger, clock });
  const tokens = createTokenStore(redis, prefix);
  const alertStore = createAlertStore(redis, prefix);
  await engine.importTree({ format: 'json', content: toJson(units) }, principals.admin);
  const hub = createLiveAlertHub(redis, prefix);
  const alerts = createAlertsPort(alertStore, hub);
  const api = createApp({
    ...{ engine, redis, prefix, tokens, logger, catalogue: EVENT_CATALOGUE, alerts },
    ...extra({ redis, prefix, engine }),
  });
  // createApp ends with its 404 handler, so the dashboard goes in front, as a sibling of the API.
  const app = express().use(createDashboardRouter()).use(api);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    redis,
    prefix,
    engine,
    tokens,
    alertStore,
    clock,
    issueToken: async (request) => (await tokens.create(request)).token,
    api: async (path, token) => {
      const res = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
      return res.json();
    },
    dropConnections: () => server.closeAllConnections(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.close();
      await cleanup();
    },
  };
}
