import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { createBullmqScheduler } from '../deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../deadlines/deadline-job.schema.js';
import { bullPrefix, DEFAULT_QUEUE_NAMES, deadlineJobOptions } from '../deadlines/queues.js';
import { createEngine, createEngineMetrics, type EngineMetrics } from '../engine/index.js';
import type { Engine } from '../engine/engine.types.js';
import { createKeySpace, scanSet } from '../store/index.js';
import { createTokenStore, type TokenStore } from '../auth/token-store.js';
import { createAccountStore, type AccountStore } from '../auth/account-store.js';
import { bootstrapRedis, type RedisConnection } from '../redis/bootstrap.js';
import type { Env } from './env.js';
import { loadRuleSetsFile } from './rule-sets-file.js';

/** The pieces every process shares: Redis, the engine (scheduling deadlines on BullMQ) and the token store. */
export interface Runtime {
  env: Env;
  connection: RedisConnection;
  engine: Engine;
  /** The engine's counters (guard errors), for the API's /metrics. */
  engineMetrics: EngineMetrics;
  tokens: TokenStore;
  /** People's accounts and the administration log. */
  accounts: AccountStore;
  deadlineQueue: Queue<DeadlineJobData>;
  /** Number of units under the prefix (0: an empty database). */
  unitCount(): Promise<number>;
  /** Every unit id, sorted (for `verify --all`). */
  allUnitIds(): Promise<string[]>;
  /** Closes the queue, then Redis (and the private redis-server, if any). */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger: Logger;
  /** Start a private redis-server when none answers (servers yes, one-shot CLI commands no). */
  allowPrivateRedis: boolean;
  /**
   * Serve requests: the engine, token store and deadline queue use the fail-fast client (the API
   * server). Otherwise (CLI, worker process) they wait for Redis as long as it takes.
   */
  failFast?: boolean;
}

/** Connects to Redis and builds the engine and token store for `env`. */
export async function openRuntime(env: Env, options: RuntimeOptions): Promise<Runtime> {
  // Read before connecting, so a bad file stops the process without leaving a Redis behind.
  const ruleSets = env.CONGRESS_RULES_FILE ? loadRuleSetsFile(env.CONGRESS_RULES_FILE) : [];
  const connection = await bootstrapRedis({
    url: env.REDIS_URL,
    localUrl: env.CONGRESS_LOCAL_REDIS_URL,
    dataDir: env.CONGRESS_REDIS_DIR,
    startPrivate: options.allowPrivateRedis,
    commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
  });
  const redis = options.failFast === true ? connection.requestRedis : connection.redis;
  const prefix = env.CONGRESS_PREFIX;
  const deadlineQueue = new Queue<DeadlineJobData>(DEFAULT_QUEUE_NAMES.deadlines, {
    connection: redis,
    prefix: bullPrefix(prefix),
    defaultJobOptions: deadlineJobOptions,
  });
  const scheduler = createBullmqScheduler({ queue: deadlineQueue });
  const keys = createKeySpace(prefix);
  const engineMetrics = createEngineMetrics();
  const engine = createEngine({
    redis,
    prefix,
    scheduler,
    logger: options.logger,
    metrics: engineMetrics,
    ruleSets: Object.fromEntries(ruleSets.map((rules) => [rules.id, rules])),
  });
  return {
    env,
    connection,
    engine,
    engineMetrics,
    tokens: createTokenStore(redis, prefix),
    accounts: createAccountStore(redis, prefix),
    deadlineQueue,
    unitCount: () => redis.scard(keys.allUnits),
    allUnitIds: async () => {
      const ids: string[] = [];
      for await (const batch of scanSet(redis, keys.allUnits)) ids.push(...batch);
      return ids.sort();
    },
    close: async () => {
      await deadlineQueue.close();
      await connection.close();
    },
  };
}
