/**
 * B3 HTTP: the real server (`src/main.ts`, API only) in a child process, loaded by autocannon at 64
 * connections: POST events and GET progress at the root, beside the trivial `/healthz` of the same
 * server. The server's resident memory is sampled throughout.
 */
import autocannon from 'autocannon';
import type { Redis } from 'ioredis';
import { createTokenStore } from '../src/auth/token-store.js';
import { createEngine } from '../src/engine/index.js';
import { createKeySpace } from '../src/store/index.js';
import { formatNumber, median, type Figure } from './harness.js';
import { BENCH_REDIS_URL, openBenchRedis, redisCpuSeconds } from './support/bench-redis.js';
import { importNationalTree, ROOT_ID } from './support/bench-tree.js';
import { allUnitIds } from './support/bench-units.js';
import type { Benchmark, BenchOptions, BenchResult } from './support/benchmark.js';
import { cpuSecondsOf, sampleRss, startEntry, waitForOutput, type Child } from './support/child-process.js';

const CONNECTIONS = 64;
const FULL = { tree: { provinces: 1, upperPerProvince: 9, basePerUpper: 111, cellsPerBase: 9 }, seconds: 5 };
const QUICK = { tree: { provinces: 1, upperPerProvince: 4, basePerUpper: 50, cellsPerBase: 9 }, seconds: 2 };
const MB = 2 ** 20;

interface Load {
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** 2xx answers over the load. */
  answered: number;
}

/** CPU spent per answered request, in microseconds, by each party on the machine. */
interface CpuPerRequest {
  server: number;
  /** The part of `server` spent on its main thread, which runs all its JavaScript. */
  serverMain: number;
  /** autocannon, in the benchmark process. */
  client: number;
  redis: number;
}

/** POST events set up so far in this process: numbers each request's Idempotency-Key uniquely. */
let sentEvents = 0;

/** Whether each unit is flagged difficult, read from Redis before each load. */
type FlagState = Map<string, boolean>;

/**
 * Each unit's difficulty flag as stored (milestones of its snapshot hash), once the requests still in
 * flight when the previous load stopped have been answered.
 */
async function readFlags(redis: Redis, prefix: string, ids: string[]): Promise<FlagState> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const keys = createKeySpace(prefix);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(keys.snap(id), 'm');
  const replies = (await pipeline.exec()) ?? [];
  return new Map(
    ids.map((id, i) => [id, (JSON.parse(String(replies[i]?.[1])) as { difficult: boolean }).difficult]),
  );
}

/**
 * POST bodies cycle through the units, each request toggling its unit's difficulty flag, so a unit's
 * next event is thousands of requests behind its previous one and always allowed. `flagged` is read
 * from Redis before each load, since requests set up as a load ends are never sent. Each request
 * carries its own Idempotency-Key, as the API requires.
 */
function eventRequests(ids: string[], flagged: FlagState): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        const unitId = ids[next++ % ids.length]!;
        const wasFlagged = flagged.get(unitId) ?? false;
        flagged.set(unitId, !wasFlagged);
        const type = wasFlagged ? 'unit.difficulty_cleared' : 'unit.flagged_difficult';
        return {
          ...request,
          path: `/api/v1/units/${encodeURIComponent(unitId)}/events`,
          headers: { ...request.headers, 'idempotency-key': `bench-${sentEvents++}` },
          body: JSON.stringify({ type, payload: { reason: 'http benchmark' } }),
        };
      },
    },
  ];
}

async function load(
  port: number,
  token: string,
  seconds: number,
  path: string,
  requests?: autocannon.Request[],
  connections = CONNECTIONS,
): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(requests ? { requests } : {}),
  });
  if (process.env.BENCH_DEBUG) process.stderr.write(`${path} ${JSON.stringify(result.statusCodeStats)}\n`);
  return {
    rate: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    answered: result['2xx'],
  };
}

/** Runs one load and measures the CPU the server, this process (autocannon) and Redis spent on it. */
async function withCpu(
  serverPids: number[],
  redisCpu: () => Promise<number>,
  run: () => Promise<Load>,
): Promise<[Load, CpuPerRequest]> {
  const serverCpu = (mainThreadOnly = false) =>
    serverPids.reduce((sum, pid) => sum + cpuSecondsOf(pid, mainThreadOnly), 0);
  const server0 = serverCpu();
  const main0 = serverCpu(true);
  const client0 = process.cpuUsage();
  const redis0 = await redisCpu();
  const l = await run();
  const client = process.cpuUsage(client0);
  const perRequest = (seconds: number) => (seconds * 1e6) / Math.max(1, l.answered);
  return [
    l,
    {
      server: perRequest(serverCpu() - server0),
      serverMain: perRequest(serverCpu(true) - main0),
      client: perRequest((client.user + client.system) / 1e6),
      redis: perRequest((await redisCpu()) - redis0),
    },
  ];
}

/** The environment of the product's server under load, also given to the Fastify prototype. */
function serverEnv(prefix: string): Record<string, string> {
  return {
    REDIS_URL: BENCH_REDIS_URL,
    CONGRESS_PREFIX: prefix,
    CONGRESS_WORKERS: '0',
    CONGRESS_DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The per-token limit (600/min by default) would turn the load into 429s.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    // Every benchmark request authenticates, so the failed-authentication guard never counts one;
    // raised anyway so a slow token lookup under load cannot turn into 429s and skew the figures.
    AUTH_FAILURES_PER_MINUTE: '1000000000',
  };
}

async function startServer(prefix: string): Promise<{ child: Child; port: number }> {
  const child = startEntry('src/main.ts', serverEnv(prefix));
  const match = await waitForOutput(child, /listening on http:\/\/localhost:(\d+)/);
  return { child, port: Number(match[1]) };
}

type Measured = Record<'events' | 'progress' | 'health', Load[]> & {
  eventsCpu: CpuPerRequest[];
  healthCpu: CpuPerRequest[];
};

/** Where the load goes: the server ports, the token, the units and how to read their flags. */
interface Target {
  token: string;
  ids: string[];
  flags: () => Promise<FlagState>;
  seconds: number;
  redisCpu: () => Promise<number>;
}

async function measure(server: { child: Child; port: number }, t: Target, options: BenchOptions) {
  const m: Measured = { events: [], progress: [], health: [], eventsCpu: [], healthCpu: [] };
  const { port } = server;
  for (let run = -1; run < options.runs; run++) {
    const events = eventRequests(t.ids, await t.flags());
    const [e, eCpu] = await withCpu([server.child.pid], t.redisCpu, () =>
      load(port, t.token, t.seconds, '/api/v1/units', events),
    );
    const p = await load(port, t.token, t.seconds, `/api/v1/units/${ROOT_ID}/progress`);
    const [h, hCpu] = await withCpu([server.child.pid], t.redisCpu, () =>
      load(port, t.token, t.seconds, '/healthz'),
    );
    if (run < 0) continue;
    m.events.push(e);
    m.eventsCpu.push(eCpu);
    m.progress.push(p);
    m.health.push(h);
    m.healthCpu.push(hCpu);
  }
  return m;
}

const REPLICAS = 2;

type EntryRun = { loads: Load[]; cpu: CpuPerRequest[] };

/**
 * The same POST load against another server in its own process, with the CPU it costs per request:
 * a bare Express 5 app (support/bare-express-entry.ts), the floor the HTTP framework sets; Node's own
 * `node:http` (support/bare-http-entry.ts), the floor under it; or the Fastify 5 prototype of the
 * events route (support/fastify-events-entry.ts) over the product's runtime. `requests` makes each
 * run's events (the prototype needs the units' current flags, the bare servers do not).
 */
async function measureEntry(
  entry: string,
  env: Record<string, string>,
  t: Target,
  options: BenchOptions,
  requests: () => Promise<autocannon.Request[]>,
): Promise<EntryRun> {
  const child = startEntry(entry, env);
  try {
    const port = Number((await waitForOutput(child, /listening on http:\/\/localhost:(\d+)/))[1]);
    const loads: Load[] = [];
    const cpu: CpuPerRequest[] = [];
    for (let run = -1; run < options.runs; run++) {
      const events = await requests();
      const [l, c] = await withCpu([child.pid], t.redisCpu, () =>
        load(port, t.token, t.seconds, '/api/v1/units', events),
      );
      if (run < 0) continue;
      loads.push(l);
      cpu.push(c);
    }
    return { loads, cpu };
  } finally {
    await child.stop();
  }
}

/**
 * POST events against `REPLICAS` servers at once, `CONNECTIONS / REPLICAS` connections each, as API
 * replicas behind a load balancer would take them. Each server gets its own units (every n-th), as a
 * balancer keyed on the unit would route them; rates add up, latency is the worst server's.
 */
async function measureReplicas(
  servers: { child: Child; port: number }[],
  t: Target,
  options: BenchOptions,
): Promise<{ loads: Load[]; cpu: CpuPerRequest[] }> {
  const loads: Load[] = [];
  const cpu: CpuPerRequest[] = [];
  const pids = servers.map((s) => s.child.pid);
  for (let run = -1; run < options.runs; run++) {
    const flagged = await t.flags();
    const [merged, c] = await withCpu(pids, t.redisCpu, async () => {
      const each = await Promise.all(
        servers.map(({ port }, i) => {
          const requests = eventRequests(
            t.ids.filter((_, j) => j % servers.length === i),
            flagged,
          );
          return load(port, t.token, t.seconds, '/api/v1/units', requests, CONNECTIONS / servers.length);
        }),
      );
      return {
        rate: each.reduce((sum, l) => sum + l.rate, 0),
        p50: Math.max(...each.map((l) => l.p50)),
        p99: Math.max(...each.map((l) => l.p99)),
        non2xx: each.reduce((sum, l) => sum + l.non2xx, 0),
        answered: each.reduce((sum, l) => sum + l.answered, 0),
      };
    });
    if (run < 0) continue;
    loads.push(merged);
    cpu.push(c);
  }
  return { loads, cpu };
}

/** Why the replicas reach the rate they do: their CPU per POST beside one server's, and the cores it keeps busy. */
function replicasNote(m: Measured, replicas: { loads: Load[]; cpu: CpuPerRequest[] }): string {
  const part = (xs: CpuPerRequest[], key: keyof CpuPerRequest) => median(xs.map((c) => c[key]));
  const total = median(replicas.cpu.map(totalCpu));
  const busy = (total * median(replicas.loads.map((l) => l.rate))) / 1e6;
  const us = (n: number) => `${formatNumber(n)} µs`;
  return `With ${REPLICAS} API processes (B3.7): ${us(part(replicas.cpu, 'server'))} per POST event in the API processes, ${us(part(replicas.cpu, 'client'))} in autocannon and ${us(part(replicas.cpu, 'redis'))} in Redis (one API process: ${us(part(m.eventsCpu, 'server'))}, ${us(part(m.eventsCpu, 'client'))}, ${us(part(m.eventsCpu, 'redis'))}), with ${formatNumber(busy, 2)} of the 2 cores busy; at that CPU per POST no spread over processes exceeds ${formatNumber(2e6 / total)}/s here.`;
}

function figures(m: Measured, rss: { idle: number; peak: number }, replicas: Load[]): BenchResult['figures'] {
  const med = (loads: Load[], key: keyof Load) => median(loads.map((l) => l[key]));
  const events = med(m.events, 'rate');
  const p99 = med(m.events, 'p99');
  const health = 'GET /healthz, same server';
  return [
    {
      id: 'B3.1',
      name: 'POST events',
      unit: 'events/s',
      value: events,
      baselineName: health,
      baseline: med(m.health, 'rate'),
      target: '≥ 4,000 events/s',
      met: events >= 4_000,
    },
    {
      id: 'B3.2',
      name: 'POST events p50',
      unit: 'ms',
      value: med(m.events, 'p50'),
      baselineName: health,
      baseline: med(m.health, 'p50'),
    },
    {
      id: 'B3.3',
      name: 'POST events p99',
      unit: 'ms',
      value: p99,
      baselineName: health,
      baseline: med(m.health, 'p99'),
      target: '< 25 ms',
      met: p99 < 25,
    },
    {
      id: 'B3.4',
      name: 'GET progress (root)',
      unit: 'req/s',
      value: med(m.progress, 'rate'),
      baselineName: health,
      baseline: med(m.health, 'rate'),
    },
    {
      id: 'B3.5',
      name: 'GET progress p99',
      unit: 'ms',
      value: med(m.progress, 'p99'),
      baselineName: health,
      baseline: med(m.health, 'p99'),
    },
    {
      id: 'B3.6',
      name: 'API resident memory, peak under load',
      unit: 'MiB',
      value: rss.peak / MB,
      baselineName: 'idle after start',
      baseline: rss.idle / MB,
    },
    {
      id: 'B3.7',
      name: `POST events, ${REPLICAS} API processes (${CONNECTIONS / REPLICAS} connections each)`,
      unit: 'events/s',
      value: med(replicas, 'rate'),
      baselineName: '1 API process (B3.1)',
      baseline: events,
      target: '≥ 4,000 events/s',
      met: med(replicas, 'rate') >= 4_000,
    },
    {
      id: 'B3.8',
      name: `POST events p99, ${REPLICAS} API processes`,
      unit: 'ms',
      value: med(replicas, 'p99'),
      baselineName: '1 API process (B3.3)',
      baseline: p99,
      target: '< 25 ms',
      met: med(replicas, 'p99') < 25,
    },
    {
      id: 'B3.9',
      name: 'CPU per POST event, server + autocannon + Redis',
      unit: 'µs',
      value: median(m.eventsCpu.map(totalCpu)),
      baselineName: 'GET /healthz, same parties',
      baseline: median(m.healthCpu.map(totalCpu)),
    },
  ];
}

function bareFigures(m: Measured, bare: EntryRun, http: EntryRun): Figure[] {
  const rate = (r: EntryRun) => formatNumber(median(r.loads.map((l) => l.rate)));
  const expressCpu = median(bare.cpu.map(totalCpu));
  return [
    {
      id: 'B3.10',
      name: `CPU per POST to a bare Express 5 route (JSON body parsed, fixed answer; ${rate(bare)} req/s)`,
      unit: 'µs',
      value: expressCpu,
      baselineName: 'POST events (B3.9)',
      baseline: median(m.eventsCpu.map(totalCpu)),
    },
    {
      id: 'B3.11',
      name: `CPU per POST to the same route on node:http, no framework (${rate(http)} req/s)`,
      unit: 'µs',
      value: median(http.cpu.map(totalCpu)),
      baselineName: 'bare Express 5 route (B3.10)',
      baseline: expressCpu,
    },
  ];
}

const totalCpu = (c: CpuPerRequest) => c.server + c.client + c.redis;

/** B3.1 and B3.3 again, with the events route on the Fastify 5 prototype instead of the product's Express app. */
function fastifyFigures(m: Measured, fastify: EntryRun): Figure[] {
  const rate = median(fastify.loads.map((l) => l.rate));
  const p99 = median(fastify.loads.map((l) => l.p99));
  return [
    {
      id: 'B3.12',
      name: 'POST events, the events route on Fastify 5 (prototype: same layers and runtime, 1 process)',
      unit: 'events/s',
      value: rate,
      baselineName: 'Express 5, the product (B3.1)',
      baseline: median(m.events.map((l) => l.rate)),
      target: '≥ 4,000 events/s',
      met: rate >= 4_000,
    },
    {
      id: 'B3.13',
      name: 'POST events p99, the events route on Fastify 5 (prototype)',
      unit: 'ms',
      value: p99,
      baselineName: 'Express 5, the product (B3.3)',
      baseline: median(m.events.map((l) => l.p99)),
      target: '< 25 ms',
      met: p99 < 25,
    },
  ];
}

/** What the prototype costs per POST beside the product's API process. */
function fastifyNote(m: Measured, fastify: EntryRun): string {
  const part = (cpu: CpuPerRequest[], key: keyof CpuPerRequest) =>
    formatNumber(median(cpu.map((c) => c[key])));
  return `Fastify 5 prototype (B3.12–13, bench/support/fastify-events-entry.ts): the events route only, with the product's request id, helmet's headers, failed-authentication guard, cached token authentication, per-token rate limit, latency histogram, zod checks and problem JSON, over the same runtime as src/main.ts. ${part(fastify.cpu, 'server')} µs per POST event in its process (${part(fastify.cpu, 'serverMain')} µs on its JavaScript thread), against ${part(m.eventsCpu, 'server')} µs (${part(m.eventsCpu, 'serverMain')} µs) in the product's Express app (B3.9); p50 ${formatNumber(median(fastify.loads.map((l) => l.p50)))} ms.`;
}

/** What the framework alone costs, against the 500 µs per request that 4,000/s on two cores allows, and over node:http. */
function bareNote(cpu: CpuPerRequest[], http: CpuPerRequest[]): string {
  const server = median(cpu.map((c) => c.server));
  const client = median(cpu.map((c) => c.client));
  const httpServer = median(http.map((c) => c.server));
  const share = Math.round(((server + client) / 500) * 100);
  return `Bare Express 5 route (B3.10): ${formatNumber(server)} µs per request in its process and ${formatNumber(client)} µs in autocannon, ${share} % of the 500 µs per request that 4,000 requests/s on two cores allow, before any authentication, validation or engine work. The same route on node:http (B3.11) costs ${formatNumber(httpServer)} µs in its process: Express 5 itself adds ${formatNumber(server - httpServer)} µs per request.`;
}
type CpuPart = Exclude<keyof CpuPerRequest, 'serverMain'>;

/**
 * With every connection always waiting on a request, mean latency is connections ÷ rate (Little's
 * law): what that leaves the tail below the p99 target, at the measured rates and at the target rate.
 */
function latencyNote(m: Measured): string {
  const med = (loads: Load[], key: keyof Load) => median(loads.map((l) => l[key]));
  const mean = (rate: number) => formatNumber((CONNECTIONS / rate) * 1000, 1);
  return `Latency bound: with ${CONNECTIONS} connections each waiting on one request, mean latency is ${CONNECTIONS} ÷ rate. GET /healthz ran at ${formatNumber(med(m.health, 'rate'))} req/s (mean ${mean(med(m.health, 'rate'))} ms, p99 ${formatNumber(med(m.health, 'p99'))} ms); POST events at ${formatNumber(med(m.events, 'rate'))}/s (mean ${mean(med(m.events, 'rate'))} ms). At the 4,000/s target the mean is ${mean(4_000)} ms, so p99 < 25 ms allows the slowest 1 % at most ${formatNumber(25 / ((CONNECTIONS / 4_000) * 1000), 2)}× the mean.`;
}

/** Where a POST's CPU goes, and the rates that bounds on this machine. */
function cpuNotes(m: Measured): string[] {
  const part = (key: keyof CpuPerRequest) => median(m.eventsCpu.map((c) => c[key]));
  const health = (key: CpuPart) => median(m.healthCpu.map((c) => c[key]));
  const total = median(m.eventsCpu.map(totalCpu));
  const us = (n: number) => `${formatNumber(n)} µs`;
  return [
    `CPU per POST event: ${us(part('server'))} in the API process (${us(part('serverMain'))} of it on its JavaScript thread), ${us(part('client'))} in autocannon, ${us(part('redis'))} in Redis (GET /healthz: ${us(health('server'))}, ${us(health('client'))}, ${us(health('redis'))}). Two cores give 2,000,000 µs of CPU per second, so POST events cannot exceed ${formatNumber(2e6 / total)}/s here even with every part spread perfectly over both cores; one API process cannot exceed ${formatNumber(1e6 / part('serverMain'))}/s, the rate at which its one JavaScript thread would be busy all the time.`,
  ];
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? QUICK : FULL;
  const bench = await openBenchRedis('b3');
  let server: { child: Child; port: number } | null = null;
  const more: { child: Child; port: number }[] = [];
  try {
    await importNationalTree(createEngine({ redis: bench.redis, prefix: bench.prefix }), size.tree);
    const ids = (await allUnitIds(bench.redis, bench.prefix)).filter((id) => id !== ROOT_ID);
    const { token } = await createTokenStore(bench.redis, bench.prefix).create({
      role: 'standing_committee',
      subtreeOf: ROOT_ID,
      label: 'bench',
    });
    server = await startServer(bench.prefix);
    const idle = sampleRss(server.child.pid).stop();
    const sampler = sampleRss(server.child.pid);
    const target: Target = {
      token,
      ids,
      flags: () => readFlags(bench.redis, bench.prefix, ids),
      seconds: size.seconds,
      redisCpu: () => redisCpuSeconds(bench.redis),
    };
    const m = await measure(server, target, options);
    const peak = Math.max(...sampler.stop());
    for (let i = 1; i < REPLICAS; i++) more.push(await startServer(bench.prefix));
    const replicas = await measureReplicas([server, ...more], target, options);
    const fresh = () => Promise.resolve(eventRequests(ids, new Map()));
    const bare = await measureEntry('bench/support/bare-express-entry.ts', {}, target, options, fresh);
    const http = await measureEntry('bench/support/bare-http-entry.ts', {}, target, options, fresh);
    const fastify = await measureEntry(
      'bench/support/fastify-events-entry.ts',
      serverEnv(bench.prefix),
      target,
      options,
      async () => eventRequests(ids, await target.flags()),
    );
    const refused = [...m.events, ...replicas.loads, ...fastify.loads].reduce((sum, l) => sum + l.non2xx, 0);
    return {
      id: 'B3',
      title: 'HTTP API under autocannon',
      size: `${formatNumber(ids.length)} units; ${CONNECTIONS} connections, ${size.seconds} s per load, median of ${options.runs} runs after a warm-up; server = src/main.ts in a child process (API only, LOG_LEVEL=warn, rate limits raised), autocannon in the benchmark process, Redis on the same 2 cores`,
      figures: [
        ...figures(m, { idle: Math.max(...idle), peak }, replicas.loads),
        ...bareFigures(m, bare, http),
        ...fastifyFigures(m, fastify),
      ],
      notes: [
        ...cpuNotes(m),
        replicasNote(m, replicas),
        bareNote(bare.cpu, http.cpu),
        fastifyNote(m, fastify),
        latencyNote(m),
        `Non-2xx responses or errors on POST events over the measured runs (product and prototype): ${formatNumber(refused)}.`,
      ],
    };
  } finally {
    await Promise.all(more.map((s) => s.child.stop()));
    await server?.child.stop();
    await bench.cleanup();
  }
}

/** B3, registered in main.ts. */
export const b3Http: Benchmark = { id: 'B3', title: 'HTTP API under autocannon', run };
