/**
 * B7 responsiveness: `GET /healthz` of the real API server (`src/main.ts` in a child process, real
 * HTTP) requested at a steady rate, first with nothing running (the baseline), then while one
 * verification of the whole tree runs (started by `GET /units/:id/verify?subtree=true`, answered
 * 202), then while several principals each run one at once (`POST /units/:id/verifications`; one
 * runs per principal). The verifications hash and replay in child processes (src/jobs); before they
 * did, six subtree verifies over 17,025 units at once held `/healthz` for 3.3 s.
 */
import { createTokenStore } from '../src/auth/token-store.js';
import {
  awaitVerification,
  probe,
  probeFigures,
  probeFor,
  sleep,
  startVerification,
  type FinishedVerification,
  type ProbeFigures,
} from './b7-probe.js';
import { startServer, type Server } from './b3-servers.js';
import { formatNumber } from './harness.js';
import { B7_P99, judge } from './targets.js';
import { openBenchRedis } from './support/bench-redis.js';
import { importNationalTree, ROOT_ID } from './support/bench-tree.js';
import { allUnitIds } from './support/bench-units.js';
import { cpuSecondsOf } from './support/child-process.js';
import { engineForLogs } from './support/bench-logs.js';
import {
  perSecond,
  timeMs,
  type Benchmark,
  type BenchOptions,
  type BenchResult,
} from './support/benchmark.js';

const TITLE = '`/healthz` during national verifications';
/**
 * Sized so that one verification of the whole tree runs for tens of seconds on this shared host
 * (about 1,000 events/s in quick runs at load average 10–15); the quick size stays above the
 * 1,000 units a request verifies itself. One upper-level unit per principal of the last phase.
 */
const FULL = {
  tree: { provinces: 1, upperPerProvince: 6, basePerUpper: 40, cellsPerBase: 9 },
  toggles: 4,
  idleSeconds: 15,
};
const QUICK = {
  tree: { provinces: 1, upperPerProvince: 6, basePerUpper: 17, cellsPerBase: 9 },
  toggles: 4,
  idleSeconds: 5,
};
/** `/healthz` requests per second, every phase: a probe every 20 ms. */
const RATE = 50;
/**
 * Principals verifying at once in the last phase, as many as the incident's parallel verifies; each
 * verifies one upper-level unit's subtree, so together they verify the tree once more.
 */
const PRINCIPALS = 6;
const WARMUP_SECONDS = 3;
/** The API verifies a subtree within the request up to this many units (src/api/units.routes.ts). */
const SYNC_MAX_UNITS = 1_000;

/** A phase's `/healthz` figures, with the CPU the server process used over the phase's wall time. */
interface Phase extends ProbeFigures {
  seconds: number;
  serverCpu: number;
  serverMainCpu: number;
}

/** `/healthz` of the server `pid` while `work` runs, and what the work returned. */
async function during<T>(healthz: string, pid: number, work: () => Promise<T>): Promise<[Phase, T]> {
  const at = { wall: performance.now(), cpu: cpuSecondsOf(pid), main: cpuSecondsOf(pid, true) };
  const running = probe(healthz, RATE);
  try {
    const out = await work();
    const figures = probeFigures(await running.stop());
    return [
      {
        ...figures,
        seconds: (performance.now() - at.wall) / 1000,
        serverCpu: cpuSecondsOf(pid) - at.cpu,
        serverMainCpu: cpuSecondsOf(pid, true) - at.main,
      },
      out,
    ];
  } catch (error) {
    await running.stop();
    throw error;
  }
}

/** "x s of CPU (y on its JavaScript thread) in z s" for a phase. */
const cpuText = (p: Phase) =>
  `${formatNumber(p.serverCpu, 1)} s of CPU (${formatNumber(p.serverMainCpu, 1)} s on its JavaScript thread) in ${formatNumber(p.seconds, 1)} s`;

/** Throws unless the verification checked every unit and found the chains whole. */
function checkWhole(v: FinishedVerification, units: number): void {
  const r = v.view.result!;
  if (!r.ok || r.units !== units || r.broken.length > 0)
    throw new Error(`verification ${v.view.id}: ${r.units} of ${units} units, ${r.broken.length} broken`);
}

const ms = (n: number) => `${formatNumber(n, n < 10 ? 1 : 0)} ms`;

async function run(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? QUICK : FULL;
  const bench = await openBenchRedis('b7');
  let server: Server | undefined;
  try {
    const { engine, writeLogs } = engineForLogs(bench.redis, bench.prefix);
    await importNationalTree(engine, size.tree);
    const ids = await allUnitIds(bench.redis, bench.prefix);
    if (ids.length <= SYNC_MAX_UNITS) throw new Error(`${ids.length} units would verify within the request`);
    await writeLogs(ids, size.toggles);
    const uppers = ids.filter((id) => /^p\d+-u\d+$/.test(id));
    if (uppers.length !== PRINCIPALS)
      throw new Error(`${uppers.length} upper-level units, not ${PRINCIPALS}`);
    const subtreeSize = (id: string) => 1 + ids.filter((other) => other.startsWith(`${id}-`)).length;
    const tokens = createTokenStore(bench.redis, bench.prefix);
    const principals = await Promise.all(
      Array.from({ length: PRINCIPALS }, (_, i) =>
        tokens.create({ role: 'standing_committee', subtreeOf: ROOT_ID, label: `bench-b7-${i}` }),
      ),
    );
    // The same verification in this process (engine.verify, as B6.1 runs it), same principal.
    let inProcessEvents = 0;
    const inProcessMs = await timeMs(async () => {
      const reports = await engine.verify(ROOT_ID, principals[0]!.record.principal, { subtree: true });
      inProcessEvents = reports.reduce((sum, r) => sum + r.events, 0);
    });
    server = await startServer(bench.prefix);
    const base = `http://127.0.0.1:${server.port}`;
    const healthz = `${base}/healthz`;
    const pid = server.child.pid;
    await probeFor(healthz, RATE, WARMUP_SECONDS);
    const [idle] = await during(healthz, pid, () => sleep(size.idleSeconds * 1000));
    const first = principals[0]!.token;
    const [one, single] = await during(healthz, pid, async () =>
      awaitVerification(base, first, await startVerification(base, first, ROOT_ID, 'verify')),
    );
    checkWhole(single, ids.length);
    const startedAt = performance.now();
    const [many, all] = await during(healthz, pid, async () => {
      const locations = await Promise.all(
        principals.map((p, i) => startVerification(base, p.token, uppers[i]!, 'verifications')),
      );
      return Promise.all(locations.map((l, i) => awaitVerification(base, principals[i]!.token, l)));
    });
    const manySeconds = (performance.now() - startedAt) / 1000;
    all.forEach((v, i) => checkWhole(v, subtreeSize(uppers[i]!)));
    const events = single.events;
    if (inProcessEvents !== events)
      throw new Error(`in process ${inProcessEvents} events, background ${events}`);
    const singleRate = events / single.seconds;
    const manyEvents = all.reduce((sum, v) => sum + v.events, 0);
    const allRate = manyEvents / manySeconds;
    return {
      id: 'B7',
      title: TITLE,
      size: `${formatNumber(ids.length)} units, ${formatNumber(events)} events (cells driven to congress held, then ${size.toggles} flag toggles per unit); \`/healthz\` requested ${RATE} times a second (open loop) for ${size.idleSeconds} s idle after a ${WARMUP_SECONDS}-s warm-up, then throughout one verification of the whole tree, then throughout ${PRINCIPALS} at once (one per principal, each over one of the ${PRINCIPALS} upper-level subtrees); one pass, each latency figure over every request of its phase; server = src/main.ts in a child process (API only, LOG_LEVEL=warn), Redis and the probe on the same 2 cores`,
      figures: [
        {
          id: 'B7.1',
          name: '`/healthz` p99 during one national verify',
          unit: 'ms',
          value: one.p99,
          baselineName: 'idle p99, same server, same run',
          baseline: idle.p99,
          ...judge(B7_P99, one.p99),
          headline: true,
        },
        {
          id: 'B7.2',
          name: '`/healthz` p50 during one national verify',
          unit: 'ms',
          value: one.p50,
          baselineName: 'idle p50',
          baseline: idle.p50,
        },
        {
          id: 'B7.3',
          name: 'the verification, started to done (GET …/verify?subtree=true, 202)',
          unit: 'events/s',
          value: singleRate,
          baselineName: 'engine.verify in the benchmark process, same tree and principal',
          baseline: perSecond(inProcessEvents, inProcessMs),
        },
        {
          id: 'B7.4',
          name: `\`/healthz\` p99 during ${PRINCIPALS} verifies at once (${PRINCIPALS} principals, one upper-level subtree each)`,
          unit: 'ms',
          value: many.p99,
          baselineName: 'idle p99',
          baseline: idle.p99,
          ...judge(B7_P99, many.p99),
        },
        {
          id: 'B7.5',
          name: `\`/healthz\` p50 during ${PRINCIPALS} verifies at once`,
          unit: 'ms',
          value: many.p50,
          baselineName: 'idle p50',
          baseline: idle.p50,
        },
        {
          id: 'B7.6',
          name: `${PRINCIPALS} verifications at once (POST …/verifications), their events over the wall time`,
          unit: 'events/s',
          value: allRate,
          baselineName: 'one verification alone (B7.3)',
          baseline: singleRate,
        },
      ],
      notes: [
        `One verification of ${formatNumber(ids.length)} units took ${formatNumber(single.seconds, 1)} s (the resource's startedAt to finishedAt: the child process starting, then hashing and replaying every event); in the benchmark process, before the server started, \`engine.verify\` took ${formatNumber(inProcessMs / 1000, 1)} s. The ${PRINCIPALS} at once (${formatNumber(manyEvents)} events) took ${formatNumber(manySeconds, 1)} s from the first POST to the last poll that saw one done. Every verification found every chain whole.`,
        `Slowest \`/healthz\` answer: ${ms(idle.max)} idle, ${ms(one.max)} during one verify, ${ms(many.max)} during ${PRINCIPALS}; failed or unanswered within 10 s: ${idle.failed}, ${one.failed} and ${many.failed} of ${formatNumber(idle.requests)}, ${formatNumber(one.requests)} and ${formatNumber(many.requests)} requests. The API's event loop starts the run, lists the subtree, reads each child's report line by line and saves progress every 500 ms; the hashing and replaying happen in the children, which with ${PRINCIPALS} at once share the 2 cores with the server and Redis.`,
        `The server process used ${cpuText(idle)} idle, ${cpuText(one)} during one verify and ${cpuText(many)} during ${PRINCIPALS}: where it used little CPU while its answers were slow, it was waiting for a core (the 2 cores shared with the verify processes, Redis, this benchmark and other work on the host) rather than busy. The probe itself shares them too: it sent ${formatNumber(idle.requests / idle.seconds)}, ${formatNumber(one.requests / one.seconds)} and ${formatNumber(many.requests / many.seconds)} requests a second of the ${RATE} it asks its timer for.`,
        `The verification resource was polled every 500 ms with the starter's token until done, as a client would.`,
      ],
    };
  } finally {
    await server?.child.stop();
    await bench.cleanup();
  }
}

/** B7, registered in main.ts. */
export const b7Healthz: Benchmark = { id: 'B7', title: TITLE, run };
