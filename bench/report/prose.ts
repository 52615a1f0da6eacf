/**
 * The text of docs/benchmarks.md that does not come from a run: how the document is made, why the
 * targets read as they do, and the findings of earlier runs that the code and README rely on.
 * Edit it here; render.ts places it around the figures of bench/results.json.
 */
import { B3_OFFERED_RATE } from '../targets.js';
import { FIXED_RATE_STREAMS } from '../b3-load.js';

const offered = B3_OFFERED_RATE.toLocaleString('en-US');

/** Under the title. */
export const INTRO = `Rendered from \`bench/results.json\` by \`npm run bench\` (which measures, then writes both) or
\`npm run bench:report\` (which renders only); the text around the figures lives in \`bench/report/\`.
Every figure is the median of several runs, beside a baseline measured in the same run on the same
host; the ratio is figure ÷ baseline.`;

/** Under the opening table: which figure each benchmark answers with. */
export const ANSWER_NOTE = `One row per benchmark (two for B3, whose decision sets two targets). The detail below gives
every figure, and every other target with its own verdict.`;

/** Under the command, when any benchmark ran at the quick sizes. */
export const QUICK_NOTE = `**Quick sizes.** The benchmarks marked \`--quick\` ran smaller than their targets name (each
section gives its size): fewer units, shorter loads, storms of 10,000 deadlines instead of 100,000.
Their ratios compare like with like; their absolute figures are not the full-size ones.`;

/** Why each target is what it is, and the HTTP decision. */
export const DECISIONS = `## Why the targets read as they do

The host has 2 cores, shared by Redis, the load generator, the measured processes and other work:
absolute rates move by up to half between runs, and several of the first absolute targets sat at
what two cores allow any code built on the same parts (Redis, BullMQ, Express, XState, SHA-256).
So B3, B5 and B6 are judged against what the same run measured; B1, B2, B4 and B7 keep their targets.

- **B3.** A POST to the events route may cost the API process at most twice the CPU of a POST to a
  bare Express 5 route (\`bench/support/bare-express-entry.ts\`: the body parsed and a fixed answer;
  no authentication, engine or Redis), and its p99 must stay under 25 ms at a fixed offered load of
  ${offered} POST/s. At saturation p99 is no target: with every connection always waiting, mean latency
  is connections ÷ rate (Little's law), so it measures the host's rate rather than the tail. autocannon's
  rate limit lets each connection send its share of a second's requests back to back as the second
  starts, which with many connections is saturation again for part of every second; the offered load
  is therefore split over ${FIXED_RATE_STREAMS} autocannon instances started evenly over one second, and
  p99 is taken over every answered request's latency, collected from their response events.
- **B5.** With 100,000 deadlines due at one instant, no processor can start the 99th percentile's job
  before 0.99 × 100,000 ÷ BullMQ's own drain rate, seconds on this host; so the storm's p99 lag may be
  at most 1.25× that of BullMQ with a no-op processor on the same storm. The same deadlines due within
  one minute keep their absolute target (p99 < 2 s).
- **B6.** Verify may spend at most 20 µs of CPU per event (its process and Redis together), what
  100,000 events/s would leave on two cores; the rate itself depends on the cores verify is given.
- **B7.** While national verifications run, \`/healthz\` must answer within 100 ms at the 99th
  percentile: liveness probes give up after 1 s by default (Kubernetes' \`timeoutSeconds\`), so the
  3.3 s that six parallel subtree verifies over 17,025 units once caused would have had the server
  restarted; 100 ms keeps a tenth of that timeout. The verifications run in child processes
  (\`src/jobs\`), so what the target measures is whether the API process keeps the CPU and its event
  loop free while they share the host with it. The idle p99 of the same server in the same run is
  printed beside it, to show what the host itself allows at the time.
- **Express 5 stays** the HTTP layer: it is the stack the product was specified with. A prototype
  (removed; commit 0acdbe0 has it) served the events route alone on Fastify 5 with the product's
  layers (request id, helmet's headers, the failed-authentication guard, cached token authentication,
  the per-token rate limit, the latency histogram, the same zod checks and problem JSON) over the
  same runtime as \`src/main.ts\`. On a 2-core AMD EPYC host, in the same run, it answered 5,064 POST
  events/s with p99 23 ms in one process against 3,012/s and 46 ms for the product's Express app,
  at 197 against 350 µs of CPU per POST in its process (earlier runs: 4,875–5,132/s, p99 22–27 ms,
  188–213 µs, against 2,642–2,796/s and 383–412 µs): about half of the API process's CPU per POST is
  Express 5 and the layers as Express runs them. Porting every route, the dashboard, the queue
  dashboard, the OpenAPI page and the live streams would change the specified stack for that half.`;

/** How to run, rerun and profile; `took` is how long the benchmarks of the table took in all. */
export const reproducing = (took: string): string => `## Running and reading

- \`npm run bench\` runs B1–B7 (the runs above took ${took} in all); \`npm run bench -- B1 B6\` runs some,
  \`--quick\` shrinks every size, \`--runs N\` sets the runs per figure (at least 3). Each benchmark's
  result replaces its own entry in \`bench/results.json\`, with the run that measured it, and the
  document is rendered again; so after a partial run the sections above may come from different runs,
  and each says which.
- The host is shared: each section gives the load average as its benchmark started and ended.
  Compare figures within one run; the ratios are the stable part.
- To profile: \`node --cpu-prof --import tsx bench/main.ts B1\` profiles the benchmark process;
  \`BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof"\` does the same for the server, worker and
  dispatching child processes, and \`BENCH_CHILD_LOG=dir\` keeps each child's output in
  \`dir/<pid>.log\` (with \`BENCH_CHILD_NODE_ARGS=--trace-gc\`, every garbage collection and its pause).
- Earlier hosts' runs and the profiles behind the engine's hot-path work are in the git history of
  this file.`;

/** Findings of earlier runs that settings and comments in the code rely on. */
export const KEPT_FINDINGS = `## Findings the code relies on

- **Young generation.** \`npm start\`, \`npm run worker\`, the Docker image and the benchmark processes
  run Node with \`--max-semi-space-size=32\`: under POST load the API's garbage collection is nearly all
  scavenges of request objects that die young. In three alternating pairs of
  \`npm run bench -- B3 --quick\` the API's JavaScript thread spent 379, 379 and 389 µs per POST event
  without it and 339, 346 and 391 µs with it (medians 379 and 346, about 9 % less); 64 MiB gained
  nothing more and raised the resident peak.
- **Reads without an explicit pipeline.** The store's reads send their commands together with
  \`Promise.all\`: on the product's auto-pipelining client they still leave in one write. Three commands
  per read at concurrency 64 cost the client 59–62 µs per read through an ioredis \`Pipeline\` and
  31–34 µs sent together (a loop over one key set, three runs each).
- **Verify in several processes.** Each process of \`congress verify --jobs N\` spends about 1.3 s of
  CPU starting Node, the TypeScript loader and the engine (B6.4 counts from the first report for that
  reason), so by default the command starts one process per 10,000 units.`;
