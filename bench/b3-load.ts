/**
 * B3's loads: autocannon at saturation (every connection always waiting on a request) or at a fixed
 * offered rate, each with the CPU the server, autocannon (this process) and Redis spent per answer.
 */
import autocannon from 'autocannon';
import { quantile } from './harness.js';
import { cpuSecondsOf } from './support/child-process.js';

/** Connections of a saturating load. */
export const CONNECTIONS = 64;

/**
 * A fixed rate is offered by this many autocannon instances, started evenly over one second. Each
 * autocannon connection sends its share of a second's requests back to back as the second begins,
 * so one instance would saturate the server for part of every second; staggered instances spread
 * the same rate over the second.
 */
export const FIXED_RATE_STREAMS = 20;
const CONNECTIONS_PER_STREAM = 3;

/** One load's outcome. */
export interface Load {
  /** 2xx answers per second. */
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** 2xx answers over the load. */
  answered: number;
}

/** CPU spent per answered request, in microseconds, by each party on the machine. */
export interface CpuPerRequest {
  server: number;
  /** The part of `server` spent on its main thread, which runs all its JavaScript. */
  serverMain: number;
  /** autocannon, in the benchmark process. */
  client: number;
  redis: number;
}

/** Loads of one kind over the measured runs, with their CPU. */
export interface Series {
  loads: Load[];
  cpu: CpuPerRequest[];
}

/** Server + autocannon + Redis. */
export const totalCpu = (c: CpuPerRequest): number => c.server + c.client + c.redis;

/** Where a load goes. */
export interface LoadTarget {
  port: number;
  path: string;
  token: string;
  seconds: number;
  requests?: autocannon.Request[];
}

function options(t: LoadTarget, connections: number): autocannon.Options {
  return {
    url: `http://127.0.0.1:${t.port}${t.path}`,
    connections,
    duration: t.seconds,
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
    ...(t.requests ? { requests: t.requests } : {}),
  };
}

/** `connections` always waiting on a request for `t.seconds`. */
export async function saturatingLoad(t: LoadTarget, connections = CONNECTIONS): Promise<Load> {
  const result = await autocannon(options(t, connections));
  if (process.env.BENCH_DEBUG) process.stderr.write(`${t.path} ${JSON.stringify(result.statusCodeStats)}\n`);
  return {
    rate: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    answered: result['2xx'],
  };
}

/** One autocannon instance, calling `onResponse` with each answer's status and latency (ms). */
function instance(
  opts: autocannon.Options,
  onResponse: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const running = autocannon(opts, (error: Error | null, result) =>
      error ? reject(error) : resolve(result),
    );
    running.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/**
 * `rate` requests per second for `t.seconds`, offered by `FIXED_RATE_STREAMS` instances started
 * evenly over one second; p50 and p99 over every 2xx answer's latency.
 */
export async function fixedRateLoad(t: LoadTarget, rate: number): Promise<Load> {
  const perStream = rate / FIXED_RATE_STREAMS;
  if (!Number.isInteger(perStream))
    throw new Error(`${rate}/s does not split over ${FIXED_RATE_STREAMS} streams`);
  const latencies: number[] = [];
  const record = (status: number, ms: number) => void (status >= 200 && status < 300 && latencies.push(ms));
  const streams = Array.from({ length: FIXED_RATE_STREAMS }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, (i * 1000) / FIXED_RATE_STREAMS));
    return instance({ ...options(t, CONNECTIONS_PER_STREAM), overallRate: perStream }, record);
  });
  const results = await Promise.all(streams);
  const sum = (f: (r: autocannon.Result) => number) => results.reduce((s, r) => s + f(r), 0);
  return {
    rate: sum((r) => r['2xx'] / r.duration),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    non2xx: sum((r) => r.non2xx + r.errors),
    answered: sum((r) => r['2xx']),
  };
}

/** Runs one load and measures the CPU the servers (`serverPids`), this process and Redis spent per answer. */
export async function withServerCpu(
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
