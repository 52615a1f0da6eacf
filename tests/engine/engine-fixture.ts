import type { Redis } from 'ioredis';
import { createEngine, type EngineDeps } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/engine.types.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { createManualClock } from '../../src/shared/clock.js';
import { principals, toJson } from '../support/builders.js';
import { createTestRedis, TEST_REDIS_URL } from '../support/redis.js';
import { Redis as RedisClient } from 'ioredis';

/** A real Redis namespace with an engine on it, plus extra engines on their own connections. */
export interface EngineFixture {
  redis: Redis;
  prefix: string;
  engine: Engine;
  clock: ReturnType<typeof createManualClock>;
  /** Another engine (own Redis connection) on the same namespace, as a second API replica would be. */
  replica(): Engine;
  importUnits(units: readonly OrgUnit[]): Promise<void>;
  cleanup(): Promise<void>;
}

/** Opens a fixture; `deps` override the engine's dependencies. */
export async function openEngineFixture(
  label: string,
  deps: Partial<EngineDeps> = {},
): Promise<EngineFixture> {
  const { redis, prefix, cleanup } = await createTestRedis(label);
  // After every business time the tests record (their events occur in 2019–2020): none lies in the future.
  const clock = createManualClock('2020-12-31T02:00:00Z');
  const replicas: Redis[] = [];
  const build = (client: Redis) => createEngine({ redis: client, prefix, clock, ...deps });
  const engine = build(redis);
  return {
    redis,
    prefix,
    engine,
    clock,
    replica: () => {
      const client = new RedisClient(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      replicas.push(client);
      return build(client);
    },
    importUnits: async (units) => {
      await engine.importTree({ format: 'json', content: toJson(units) }, principals.admin);
    },
    cleanup: async () => {
      replicas.forEach((client) => client.disconnect());
      await cleanup();
    },
  };
}
