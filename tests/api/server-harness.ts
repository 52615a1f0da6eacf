/**
 * The server as `npm start` composes it (src/main.ts startServer: fail-fast Redis client, availability
 * gate, request time-out, live alert hub), in this process, on a Redis the test chooses (usually a
 * private one it can stop), with the harness's tree and one token per role.
 */
import { Redis } from 'ioredis';
import supertest from 'supertest';
import { createTokenStore } from '../../src/auth/token-store.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { loadEnv } from '../../src/config/env.js';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/engine.types.js';
import { startServer } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { uniquePrefix } from '../support/redis.js';
import { ROLE_TOKENS, TREE, type RoleName } from './api-harness.js';

export interface RealServer {
  prefix: string;
  /** The test's own client and engine on the same Redis, to seed and to check what was stored. */
  redis: Redis;
  engine: Engine;
  token: Record<RoleName, string>;
  port: number;
  http: () => supertest.Agent;
  stop(): Promise<void>;
}

/** Starts the server on `redisUrl` with `env` overrides (variables as strings); workers off unless asked. */
export async function startRealServer(
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<RealServer> {
  const prefix = uniquePrefix('srv');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const engine = createEngine({ redis, prefix });
  await engine.importTree({ format: 'json', content: JSON.stringify(TREE) }, LOCAL_ADMIN);
  const tokens = createTokenStore(redis, prefix);
  const token = {} as Record<RoleName, string>;
  for (const [name, request] of Object.entries(ROLE_TOKENS))
    token[name as RoleName] = (await tokens.create(request)).token;
  const config = loadEnv({
    REDIS_URL: redisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    CONGRESS_PREFIX: prefix,
    CONGRESS_WORKERS: '0',
    CONGRESS_DEMO: '0',
    CONGRESS_SESSION_SECRET: 'a secret of at least thirty-two characters',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config, createLogger('silent'));
  const agent = supertest.agent(`http://127.0.0.1:${server.port}`);
  return {
    prefix,
    redis,
    engine,
    token,
    port: server.port,
    http: () => agent,
    stop: async () => {
      await server.stop();
      redis.disconnect();
    },
  };
}
