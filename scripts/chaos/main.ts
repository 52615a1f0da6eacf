/**
 * `npm run chaos -- --minutes N`: load with random faults against a private redis-server with AOF
 * (appendfsync always): Redis SIGKILL and SIGSTOP, API and worker SIGKILL. Then it checks what an
 * operator relies on — acknowledged events found once, due alerts stored once — and prints the report
 * (docs/reliability.md records one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createTokenStore } from '../../src/auth/token-store.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { createEngine } from '../../src/engine/index.js';
import { sparePort } from '../../src/redis/private-server.js';
import { checkAlerts, checkEvents } from './check.js';
import { faultLoop, type Cast } from './faults.js';
import { startEventLoad } from './load.js';
import { apiServer, redisServer, workerProcess } from './processes.js';
import { formatReport, type Snapshot } from './report.js';
import { district } from './tree.js';

const PREFIX = 'chaos';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function options() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      bases: { type: 'string', default: '10' },
      cells: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '8' },
      pause: { type: 'string', default: '40' },
    },
  });
  const number = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number, not ${values[name]}`);
    return n;
  };
  return {
    minutes: number('minutes'),
    bases: number('bases'),
    cells: number('cells'),
    concurrency: number('concurrency'),
    pauseMs: number('pause'),
  };
}

async function snapshot(redis: Redis, cast: Cast): Promise<Snapshot> {
  const info = await redis.info();
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  const rss = (kb: number | null) => (kb === null ? null : kb / 1024);
  return {
    // The asking connection is not the system's.
    redisClients: field('connected_clients') - 1,
    redisMemoryMb: field('used_memory') / 1024 / 1024,
    apiRssMb: rss(cast.api.rssKb()),
    workerRssMb: rss(cast.worker.rssKb()),
  };
}

/** Imports a new district through the API every `everyMs`, so alerts keep falling due during the run. */
async function importLoop(
  baseUrl: string,
  token: string,
  until: () => boolean,
  everyMs: number,
): Promise<number> {
  let n = 0;
  while (!until()) {
    await sleep(everyMs);
    const units = district(`late${n}`, 1, 5);
    for (;;) {
      const res = await fetch(`${baseUrl}/api/v1/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(units),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => null);
      if (res?.ok === true) break;
      await sleep(500);
    }
    n += 1;
  }
  return n;
}

async function run(): Promise<void> {
  const opts = options();
  const dir = mkdtempSync(join(tmpdir(), 'cg-chaos-'));
  const redisPort = await sparePort();
  const apiPort = await sparePort();
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  // The load is one client: the per-token rate limit would turn most of it into 429s.
  const env = {
    REDIS_URL: redisUrl,
    CONGRESS_PREFIX: PREFIX,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const cast: Cast = { redis: redisServer(redisPort, dir), api: apiServer(env), worker: workerProcess(env) };
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  try {
    await cast.redis.start();
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
    client.on('error', () => undefined);
    const engine = createEngine({ redis: client, prefix: PREFIX });
    const tree = district('d', opts.bases, opts.cells);
    await engine.importTree({ format: 'json', content: JSON.stringify(tree) }, LOCAL_ADMIN);
    const tokens = createTokenStore(client, PREFIX);
    const committee = (
      await tokens.create({ role: 'standing_committee', subtreeOf: 'd', label: 'chaos load' })
    ).token;
    const admin = (await tokens.create({ role: 'admin', label: 'chaos imports' })).token;
    await cast.api.start();
    await cast.worker.start();
    process.stdout.write(
      `chaos: ${tree.length} units, API on ${baseUrl}, Redis on ${redisUrl} (AOF, fsync always)\n`,
    );

    const cells = tree.filter((u) => u.level === 'cell').map((u) => u.id);
    const load = startEventLoad({
      baseUrl,
      token: committee,
      cells,
      concurrency: opts.concurrency,
      pauseMs: opts.pauseMs,
    });
    await sleep(10_000);
    const before = await snapshot(client, cast);
    const until = Date.now() + opts.minutes * 60_000;
    let stopImports = false;
    const imports = importLoop(baseUrl, admin, () => stopImports, 20_000);
    const faults = await faultLoop(cast, until, { min: 15_000, max: 35_000 });
    await sleep(Math.max(0, until - Date.now()));
    stopImports = true;
    const [imported] = await Promise.all([imports, load.stop()]);

    // A worker started now runs the reconciler, as after any crash; then wait for the due alerts.
    const settleStart = Date.now();
    await cast.worker.signal('SIGTERM');
    await cast.worker.start();
    let alerts = await checkAlerts(client, PREFIX, engine);
    while (alerts.lost > 0 && Date.now() - settleStart < 120_000) {
      await sleep(2_000);
      alerts = await checkAlerts(client, PREFIX, engine);
    }
    const settleMs = Date.now() - settleStart;
    await sleep(1_000);
    const after = await snapshot(client, cast);
    const events = await checkEvents(engine, load.acks);
    client.disconnect();
    const result = {
      minutes: opts.minutes,
      faults,
      samples: load.samples,
      events,
      alerts,
      refused: load.refused.length,
      imports: imported,
      before,
      after,
      settleMs,
    };
    process.stdout.write(`\n${formatReport(result)}\n`);
    if (load.refused.length > 0)
      process.stdout.write(`refusals: ${JSON.stringify(load.refused.slice(0, 5))}\n`);
  } finally {
    await cast.worker.signal('SIGTERM');
    await cast.api.signal('SIGTERM');
    await cast.redis.signal('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
