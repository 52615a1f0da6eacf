/**
 * B7's client side, over real HTTP: `/healthz` requested at a steady rate (open loop: each request
 * leaves on its tick whether or not the previous one has answered, so a stalled server shows as
 * slow answers rather than as fewer requests), and background verifications started through the
 * API's routes and polled until they end.
 */
import { quantile } from './harness.js';

/** Latencies of one probe, in ms, and the requests that failed (not 200, or no answer in time). */
export interface ProbeRun {
  latencies: number[];
  failed: number;
}

/** p50, p99 and the slowest answer of a probe. */
export interface ProbeFigures {
  p50: number;
  p99: number;
  max: number;
  requests: number;
  failed: number;
}

/** An answer slower than this counts as failed: a liveness probe would have given up long before. */
const PROBE_TIMEOUT_MS = 10_000;

/** Requests `url` `perSecond` times a second until stopped. */
export function probe(url: string, perSecond: number): { stop(): Promise<ProbeRun> } {
  const run: ProbeRun = { latencies: [], failed: 0 };
  const inFlight = new Set<Promise<void>>();
  const once = async () => {
    const start = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await res.arrayBuffer();
      if (res.status === 200) run.latencies.push(performance.now() - start);
      else run.failed++;
    } catch {
      run.failed++;
    }
  };
  const timer = setInterval(() => {
    const request = once().finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, 1000 / perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return run;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests `url` at `perSecond` for `seconds`. */
export async function probeFor(url: string, perSecond: number, seconds: number): Promise<ProbeRun> {
  const running = probe(url, perSecond);
  await sleep(seconds * 1000);
  return running.stop();
}

export function probeFigures(run: ProbeRun): ProbeFigures {
  if (run.latencies.length === 0) throw new Error(`no /healthz answer (${run.failed} failed)`);
  return {
    p50: quantile(run.latencies, 0.5),
    p99: quantile(run.latencies, 0.99),
    max: Math.max(...run.latencies),
    requests: run.latencies.length + run.failed,
    failed: run.failed,
  };
}

/** The fields of the verification resource the benchmark reads (src/jobs/verifications.port.ts). */
export interface VerificationState {
  id: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  verified: number;
  startedAt: string;
  finishedAt?: string;
  result?: { ok: boolean; units: number; events: number; broken: unknown[] };
  error?: string;
}

/** A finished verification: its resource, and its events per second by the server's own clock. */
export interface FinishedVerification {
  view: VerificationState;
  events: number;
  seconds: number;
}

const POLL_MS = 500;

async function call(
  base: string,
  token: string,
  path: string,
  method: 'GET' | 'POST',
): Promise<{ status: number; location: string | null; body: VerificationState }> {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as VerificationState;
  return { status: res.status, location: res.headers.get('location'), body };
}

/** Starts a verification of `unitId`'s subtree; `via` picks the route. Returns the resource's path. */
export async function startVerification(
  base: string,
  token: string,
  unitId: string,
  via: 'verify' | 'verifications',
): Promise<string> {
  const answer =
    via === 'verify'
      ? await call(base, token, `/api/v1/units/${unitId}/verify?subtree=true`, 'GET')
      : await call(base, token, `/api/v1/units/${unitId}/verifications`, 'POST');
  if (answer.status !== 202 || answer.location === null)
    throw new Error(`expected 202 with a Location, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.location;
}

/** Polls the verification at `location` until it is no longer running. */
export async function awaitVerification(
  base: string,
  token: string,
  location: string,
): Promise<FinishedVerification> {
  for (;;) {
    const { status, body } = await call(base, token, location, 'GET');
    if (status !== 200) throw new Error(`GET ${location} answered ${status}: ${JSON.stringify(body)}`);
    if (body.status === 'failed') throw new Error(`verification failed: ${body.error ?? 'no reason'}`);
    if (body.status === 'done') {
      const ms = Date.parse(body.finishedAt!) - Date.parse(body.startedAt);
      return { view: body, events: body.result!.events, seconds: ms / 1000 };
    }
    await sleep(POLL_MS);
  }
}
