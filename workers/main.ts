import { pathToFileURL } from 'node:url';
import { createLogger } from '../src/shared/logger.js';
import { exitIfStillRunning, stopOnSignal } from '../src/shared/graceful-stop.js';
import { loadEnv } from '../src/config/env.js';
import { openRuntime } from '../src/config/runtime.js';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createAlertStore } from '../src/alerts/alert-store.js';
import { createAlertMetrics, type AlertMetrics } from '../src/alerts/metrics.js';
import { createWebhookConfigStore } from '../src/alerts/webhook-config.js';
import {
  createDeadLetters,
  createWebhookAlertDelivery,
  type WebhookJobData,
  type WebhookRetryPolicy,
} from '../src/alerts/webhook-delivery.js';
import { createBullmqScheduler } from '../src/deadlines/bullmq-scheduler.js';
import type { DeadlineJobData } from '../src/deadlines/deadline-job.schema.js';
import {
  bullPrefix,
  deadlineJobOptions,
  DEFAULT_QUEUE_NAMES,
  type QueueNames,
} from '../src/deadlines/queues.js';
import { reconcileDeadlines, type ReconcileReport } from '../src/alerts/reconciler.js';
import { createEngine } from '../src/engine/index.js';
import type { Engine } from '../src/engine/engine.types.js';
import { systemClock, type Clock } from '../src/shared/clock.js';
import { createAlertContextReader } from '../src/alerts/alert-context.js';
import { createKeySpace } from '../src/store/keys.js';
import { scriptDefinitions } from '../src/store/script-definitions.js';
import { createDeadlineProcessor } from './deadline.worker.js';
import { createMaintenanceProcessor, DIGEST_JOB, RECONCILE_JOB } from './maintenance.worker.js';
import { createWebhookProcessor } from './webhook.worker.js';

/** Everything `startWorkers` needs; only `redis` and `prefix` are required. */
export interface WorkerConfig {
  /** The application's Redis client; workers use their own duplicate and never close this one. */
  redis: Redis;
  prefix: string;
  engine?: Engine;
  clock?: Clock;
  /** Real ms per clock ms for delays (see the scheduler); demos and tests compress time. */
  timeScale?: number;
  queueNames?: Partial<QueueNames>;
  /** Deadline jobs processed at once per process; default 16. */
  concurrency?: number;
  /** BullMQ lock and stalled-check timings (ms); short values let tests recover killed workers fast. */
  locks?: { lockDuration?: number; stalledInterval?: number };
  webhookRetry?: WebhookRetryPolicy;
  webhookTimeoutMs?: number;
  /** Hosts a webhook may reach although they are loopback, link-local or private (WEBHOOK_ALLOW_HOSTS). */
  webhookAllowHosts?: readonly string[];
  /** Daily digest cron (default 07:00 Vietnam time); null disables it. */
  digest?: { pattern: string; tz: string } | null;
  /** Period of the reconciler job scheduler; default 10 minutes; null disables the periodic run. */
  reconcileEveryMs?: number | null;
  /** Run the reconciler once at start (default true). */
  reconcileOnStart?: boolean;
  metrics?: AlertMetrics;
}

export interface RunningWorkers {
  queues: { deadlines: Queue<DeadlineJobData>; webhooks: Queue<WebhookJobData>; digests: Queue };
  metrics: AlertMetrics;
  /** Runs the reconciler now. */
  reconcile(): Promise<ReconcileReport>;
  /** Closes workers (letting active jobs finish), then queues, then the workers' own Redis connection. */
  close(): Promise<void>;
}

const DEFAULT_DIGEST = { pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' };

type Services = ReturnType<typeof composeServices>;

/** The queues of one deployment prefix, on the workers' own connection. */
function openQueues(connection: Redis, prefix: string, names: QueueNames) {
  const base = { connection: connection as ConnectionOptions, prefix: bullPrefix(prefix) };
  return {
    base,
    queues: {
      deadlines: new Queue<DeadlineJobData>(names.deadlines, {
        ...base,
        defaultJobOptions: deadlineJobOptions,
      }),
      webhooks: new Queue<WebhookJobData>(names.webhooks, base),
      digests: new Queue(names.digests, {
        ...base,
        defaultJobOptions: { removeOnComplete: 100, removeOnFail: 1000 },
      }),
    },
  };
}

function composeServices(
  config: WorkerConfig,
  queues: RunningWorkers['queues'],
  clock: Clock,
  metrics: AlertMetrics,
  alertRedis: Redis,
) {
  const { redis, prefix } = config;
  const scheduler = createBullmqScheduler({ queue: queues.deadlines, clock, timeScale: config.timeScale });
  const engine = config.engine ?? createEngine({ redis, prefix, clock, scheduler });
  const alerts = createAlertStore(alertRedis, prefix, clock);
  const units = createAlertContextReader(alertRedis, createKeySpace(prefix));
  const policy = { allowHosts: config.webhookAllowHosts ?? [] };
  const configs = createWebhookConfigStore(alertRedis, prefix, policy);
  const reconcile = () => reconcileDeadlines({ engine, scheduler, alerts, clock, metrics });
  return { engine, units, alerts, configs, policy, reconcile, clock, metrics, scheduler };
}

function processors(config: WorkerConfig, queues: RunningWorkers['queues'], s: Services) {
  const delivery = createWebhookAlertDelivery(queues.webhooks, s.configs, config.webhookRetry);
  return {
    deadlines: createDeadlineProcessor({ ...s, delivery, overdueMarks: s.engine }),
    webhooks: createWebhookProcessor({
      ...s,
      // Signature timestamps are checked against receivers' wall clocks, whatever the business clock.
      clock: systemClock,
      deadLetters: createDeadLetters(config.redis, config.prefix),
      timeoutMs: config.webhookTimeoutMs,
    }),
    digests: createMaintenanceProcessor(s),
  };
}

/** Starts the deadline, webhook and maintenance (digest, reconcile) workers of one deployment prefix. */
export async function startWorkers(config: WorkerConfig): Promise<RunningWorkers> {
  const names = { ...DEFAULT_QUEUE_NAMES, ...config.queueNames };
  const metrics = config.metrics ?? createAlertMetrics();
  // Workers block on their connection; BullMQ requires maxRetriesPerRequest null there, and a
  // blocking connection gains nothing from auto-pipelining.
  const connection = config.redis.duplicate({ maxRetriesPerRequest: null, enableAutoPipelining: false });
  // The alert path's many small reads and writes, issued by concurrent jobs, share socket writes; an
  // auto-pipelining client gets its Lua scripts as it is built (see script-definitions.ts).
  const alertConnection = config.redis.duplicate({ enableAutoPipelining: true, scripts: scriptDefinitions });
  const { base, queues } = openQueues(connection, config.prefix, names);
  metrics.watchQueues(Object.values(queues));
  const clock = config.clock ?? systemClock;
  const services = composeServices(config, queues, clock, metrics, alertConnection);
  const run = processors(config, queues, services);
  const options = { ...base, ...config.locks };
  const workers = [
    new Worker(names.deadlines, run.deadlines, { ...options, concurrency: config.concurrency ?? 16 }),
    new Worker(names.webhooks, run.webhooks, { ...options, concurrency: 8 }),
    new Worker(names.digests, run.digests, options),
  ];
  await installSchedulers(queues.digests, config);
  if (config.reconcileOnStart ?? true) await services.reconcile();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= closeInOrder(workers, Object.values(queues), [connection, alertConnection]));
  return { queues, metrics, reconcile: services.reconcile, close };
}

/** Workers first (active jobs finish), then queues, then the connections they used. */
async function closeInOrder(workers: Worker[], queues: Queue[], connections: Redis[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(queues.map((q) => q.close()));
  await Promise.all(connections.map((c) => c.quit()));
}

async function installSchedulers(queue: Queue, config: WorkerConfig): Promise<void> {
  const digest = config.digest === undefined ? DEFAULT_DIGEST : config.digest;
  if (digest === null) await queue.removeJobScheduler('daily-digest');
  else
    await queue.upsertJobScheduler(
      'daily-digest',
      { pattern: digest.pattern, tz: digest.tz },
      { name: DIGEST_JOB },
    );
  const every = config.reconcileEveryMs === undefined ? 10 * 60_000 : config.reconcileEveryMs;
  if (every === null) await queue.removeJobScheduler('reconcile');
  else await queue.upsertJobScheduler('reconcile', { every }, { name: RECONCILE_JOB });
}

/** `npm run worker`: workers only, until SIGTERM/SIGINT, then a graceful stop in order (within SHUTDOWN_TIMEOUT_MS). */
export async function runWorkerProcess(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const runtime = await openRuntime(env, { logger, allowPrivateRedis: false });
  const workers = await startWorkers({
    redis: runtime.connection.redis,
    prefix: env.CONGRESS_PREFIX,
    engine: runtime.engine,
    webhookAllowHosts: env.WEBHOOK_ALLOW_HOSTS,
  });
  logger.info({ prefix: env.CONGRESS_PREFIX }, 'workers running');
  await stopOnSignal({
    logger,
    deadlineMs: env.SHUTDOWN_TIMEOUT_MS,
    stop: async () => {
      await workers.close();
      await runtime.close();
    },
    abandon: () => runtime.connection.abandon(),
    messages: { stopping: 'stopping workers', stopped: 'workers stopped' },
  });
  exitIfStillRunning();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runWorkerProcess().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
