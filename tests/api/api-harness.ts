import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import supertest from 'supertest';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { createAlertStore, type AlertStore } from '../../src/alerts/alert-store.js';
import { createLiveAlertHub } from '../../src/alerts/live-alert-hub.js';
import { createAlertsPort } from '../../src/api/alerts.adapter.js';
import { createApp, type AppDeps } from '../../src/api/app.js';
import { REDACTED_PATHS } from '../../src/shared/logger.js';
import { LOCAL_ADMIN, type TokenRequest } from '../../src/auth/principal.schema.js';
import { createTokenStore, type TokenStore } from '../../src/auth/token-store.js';
import { createEngine, createEngineMetrics, type EngineDeps } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/engine.types.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { createTestRedis } from '../support/redis.js';

const unit = (
  id: string,
  level: OrgUnit['level'],
  parentId: string | null,
  workingGroup: string | null = null,
): OrgUnit => ({
  id,
  name: `Unit ${id}`,
  level,
  block: level === 'district' ? 'district' : 'ward',
  parentId,
  workingGroup,
  memberCount: 12,
  term: '2020-2025',
});

/**
 * Two districts so every scoped role has a unit inside and a unit outside its scope:
 * D1 → B1 (wg1) → C1, C2; D1 → B2 (wg2); D2 → B3 (wg3).
 */
export const TREE: OrgUnit[] = [
  unit('D1', 'district', null),
  unit('B1', 'base', 'D1', 'wg1'),
  unit('B2', 'base', 'D1', 'wg2'),
  unit('C1', 'cell', 'B1', 'wg1'),
  unit('C2', 'cell', 'B1', 'wg1'),
  unit('D2', 'district', null),
  unit('B3', 'base', 'D2', 'wg3'),
];

/** One token per role, scoped into D1's tree. */
export const ROLE_TOKENS = {
  admin: { role: 'admin' },
  secretary: { role: 'secretary', unitId: 'C1' },
  working_group: { role: 'working_group', workingGroup: 'wg1' },
  standing_committee: { role: 'standing_committee', subtreeOf: 'D1' },
  inspection: { role: 'inspection', subtreeOf: 'D1' },
  auditor: { role: 'auditor', subtreeOf: 'D1' },
} satisfies Record<string, TokenRequest>;
export type RoleName = keyof typeof ROLE_TOKENS;

export interface TestApp {
  redis: Redis;
  prefix: string;
  engine: Engine;
  tokens: TokenStore;
  alertStore: AlertStore;
  token: Record<RoleName, string>;
  /** supertest bound to a real listening server. */
  http: () => supertest.Agent;
  server: Server;
  /** Everything the app logged, as raw JSON lines. */
  logs: string[];
  close(): Promise<void>;
}

/** Starts the real app on port 0 over a fresh key prefix, with the tree imported and one token per role. */
export async function startTestApp(
  options: AppDeps['options'] = {},
  extra: (deps: { redis: Redis; prefix: string; engine: Engine }) => Partial<AppDeps> = () => ({}),
  engineOptions: Pick<EngineDeps, 'clock'> = {},
  /** Another Redis than the shared one (a test's private server). */
  redisUrl?: string,
): Promise<TestApp> {
  const { redis, prefix, cleanup } = await createTestRedis('api', redisUrl);
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logs.push(chunk.toString()), done()) });
  const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  // As in src/main.ts: the engine's counters are scraped on the API's /metrics.
  const engineMetrics = createEngineMetrics();
  const engine = createEngine({ redis, prefix, logger, metrics: engineMetrics, ...engineOptions });
  const tokens = createTokenStore(redis, prefix);
  const alertStore = createAlertStore(redis, prefix);
  await engine.importTree({ format: 'json', content: JSON.stringify(TREE) }, LOCAL_ADMIN);
  const token = {} as Record<RoleName, string>;
  for (const [name, request] of Object.entries(ROLE_TOKENS))
    token[name as RoleName] = (await tokens.create(request)).token;
  const hub = createLiveAlertHub(redis, prefix);
  const alerts = createAlertsPort(alertStore, hub);
  const app = createApp({
    engine,
    redis,
    prefix,
    tokens,
    logger,
    catalogue: EVENT_CATALOGUE,
    alerts,
    metricsRegistries: [engineMetrics.registry],
    options,
    ...extra({ redis, prefix, engine }),
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = supertest.agent(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    redis,
    prefix,
    engine,
    tokens,
    alertStore,
    token,
    http: () => agent,
    server,
    logs,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.close();
      await cleanup();
    },
  };
}

/** SHA-256 of every key and its content under the prefix, to prove a refused request changed nothing. */
export { namespaceDigest as digestPrefix } from '../support/namespace.js';
