/**
 * B3's servers: the product's API (`src/main.ts`) in child processes, and the bare servers that
 * answer the same POST with a fixed body (Express 5, and node:http under it), each loaded the same way.
 */
import type autocannon from 'autocannon';
import { B3_OFFERED_RATE } from './targets.js';
import {
  CONNECTIONS,
  fixedRateLoad,
  saturatingLoad,
  withServerCpu,
  type Load,
  type Series,
} from './b3-load.js';
import { eventRequests, type FlagState } from './b3-requests.js';
import { BENCH_REDIS_URL } from './support/bench-redis.js';
import type { BenchOptions } from './support/benchmark.js';
import { startEntry, waitForOutput, type Child } from './support/child-process.js';

/** A started server: its process and port. */
export interface Server {
  child: Child;
  port: number;
}

/** What every load of a B3 run shares: the token, the units and how to read their flags. */
export interface B3Context {
  token: string;
  ids: string[];
  flags: () => Promise<FlagState>;
  seconds: number;
  redisCpu: () => Promise<number>;
}

/** The environment of the product's server under load. */
function serverEnv(prefix: string): Record<string, string> {
  return {
    REDIS_URL: BENCH_REDIS_URL,
    CONGRESS_PREFIX: prefix,
    CONGRESS_WORKERS: '0',
    CONGRESS_DEMO: '0',
    CONGRESS_SESSION_SECRET: 'a secret of at least thirty-two characters',
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

async function start(entry: string, env: Record<string, string>): Promise<Server> {
  const child = startEntry(entry, env);
  const match = await waitForOutput(child, /listening on http:\/\/localhost:(\d+)/);
  return { child, port: Number(match[1]) };
}

/** The product's API, workers off, on `prefix`. */
export function startServer(prefix: string): Promise<Server> {
  return start('src/main.ts', serverEnv(prefix));
}

/** A bare server's POSTs, saturating and (when asked) at the fixed offered rate, with their CPU. */
export interface BareRun {
  saturated: Series;
  fixed: Series;
}

/**
 * POST load against a bare server in its own process (support/bare-express-entry.ts, the floor the
 * HTTP framework sets; support/bare-http-entry.ts, Node's own `node:http` under it): saturating,
 * then at B3's fixed offered rate when `fixed`, each run after a warm-up.
 */
export async function measureBare(
  entry: string,
  c: B3Context,
  options: BenchOptions,
  fixed: boolean,
): Promise<BareRun> {
  const server = await start(entry, {});
  const out: BareRun = { saturated: { loads: [], cpu: [] }, fixed: { loads: [], cpu: [] } };
  const pids = [server.child.pid];
  try {
    for (let run = -1; run < options.runs; run++) {
      const target = () => ({ ...server, path: '/api/v1/units', token: c.token, seconds: c.seconds });
      const requests = () => eventRequests(c.ids, new Map());
      const [s, sCpu] = await withServerCpu(pids, c.redisCpu, () =>
        saturatingLoad({ ...target(), requests: requests() }),
      );
      const f = fixed
        ? await withServerCpu(pids, c.redisCpu, () =>
            fixedRateLoad({ ...target(), requests: requests() }, B3_OFFERED_RATE),
          )
        : null;
      if (run < 0) continue;
      out.saturated.loads.push(s);
      out.saturated.cpu.push(sCpu);
      if (f) out.fixed.loads.push(f[0]);
      if (f) out.fixed.cpu.push(f[1]);
    }
    return out;
  } finally {
    await server.child.stop();
  }
}

/** Loads on several servers at once, merged: rates and counts add up, latency is the worst server's. */
function merged(each: Load[]): Load {
  return {
    rate: each.reduce((sum, l) => sum + l.rate, 0),
    p50: Math.max(...each.map((l) => l.p50)),
    p99: Math.max(...each.map((l) => l.p99)),
    non2xx: each.reduce((sum, l) => sum + l.non2xx, 0),
    answered: each.reduce((sum, l) => sum + l.answered, 0),
  };
}

/**
 * Saturating POST load against several API processes at once, `CONNECTIONS / servers` connections
 * each, as replicas behind a load balancer would take it. Each server gets its own units (every
 * n-th), as a balancer keyed on the unit would route them.
 */
export async function measureReplicas(
  servers: Server[],
  c: B3Context,
  options: BenchOptions,
): Promise<Series> {
  const out: Series = { loads: [], cpu: [] };
  const pids = servers.map((s) => s.child.pid);
  const share = (i: number) => c.ids.filter((_, j) => j % servers.length === i);
  for (let run = -1; run < options.runs; run++) {
    const flagged = await c.flags();
    const requests = (i: number): autocannon.Request[] => eventRequests(share(i), flagged);
    const [load, cpu] = await withServerCpu(pids, c.redisCpu, async () =>
      merged(
        await Promise.all(
          servers.map(({ port }, i) =>
            saturatingLoad(
              { port, path: '/api/v1/units', token: c.token, seconds: c.seconds, requests: requests(i) },
              CONNECTIONS / servers.length,
            ),
          ),
        ),
      ),
    );
    if (run < 0) continue;
    out.loads.push(load);
    out.cpu.push(cpu);
  }
  return out;
}
