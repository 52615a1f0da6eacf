import type { AlertCheck, EventCheck } from './check.js';
import { FAULT_KINDS, type Fault } from './faults.js';
import type { Sample } from './load.js';

export interface Snapshot {
  redisClients: number;
  redisMemoryMb: number;
  apiRssMb: number | null;
  workerRssMb: number | null;
}

export interface ChaosResult {
  minutes: number;
  faults: Fault[];
  samples: Sample[];
  events: EventCheck;
  alerts: AlertCheck;
  refused: number;
  imports: number;
  before: Snapshot;
  after: Snapshot;
  settleMs: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The first successful answer at or after `from`, or null. */
function firstSuccess(samples: readonly Sample[], from: number): number | null {
  let best: number | null = null;
  for (const s of samples)
    if (s.at >= from && (s.status === 200 || s.status === 201) && (best === null || s.at + s.ms < best))
      best = s.at + s.ms;
  return best;
}

/** Each fault's window: from its start until the first success after it was lifted. */
function windows(result: ChaosResult) {
  return result.faults.map((f) => {
    const back = firstSuccess(result.samples, f.liftedAt) ?? f.liftedAt;
    return { ...f, recoveredAt: back, recoveryMs: back - f.liftedAt, outageMs: back - f.startedAt };
  });
}

const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The run's report, as printed and as recorded in docs/reliability.md. */
export function formatReport(result: ChaosResult): string {
  const spans = windows(result);
  const during = result.samples.filter((x) =>
    spans.some((w) => x.at >= w.startedAt && x.at <= w.recoveredAt),
  );
  const ms = (list: Sample[]) => list.map((x) => x.ms);
  const pct = (part: number, whole: number) => `${whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1)} %`;
  const share = (list: Sample[], matches: (x: Sample) => boolean) =>
    pct(list.filter(matches).length, list.length);
  const ok = (x: Sample) => x.status === 200 || x.status === 201;
  const lines = [
    `chaos run: ${result.minutes} min, ${result.faults.length} faults, ${result.samples.length} HTTP attempts, ${result.imports} districts imported during the run`,
    '',
    'faults              count   recovery after lifted (median / max)   outage from start (median / max)',
    ...FAULT_KINDS.map((kind) => {
      const of = spans.filter((w) => w.kind === kind);
      const rec = of.map((w) => w.recoveryMs);
      const out = of.map((w) => w.outageMs);
      return (
        `  ${kind.padEnd(17)} ${String(of.length).padStart(5)}   ${s(percentile(rec, 50))} / ${s(percentile(rec, 100))}`.padEnd(
          68,
        ) + `${s(percentile(out, 50))} / ${s(percentile(out, 100))}`
      );
    }),
    '',
    `events     acknowledged ${result.events.acknowledged}, found ${result.events.found}, duplicated ${result.events.duplicated}, missing ${result.events.missing.length}, refused ${result.refused}`,
    `alerts     due ${result.alerts.due}, lost ${result.alerts.lost}, duplicated ${result.alerts.duplicated} (settled ${s(result.settleMs)} after the load stopped)`,
    `latency    p50 ${percentile(ms(result.samples), 50)} ms, p99 ${percentile(ms(result.samples), 99)} ms overall; p99 ${percentile(ms(during), 99)} ms during faults`,
    `during faults  ${during.length} attempts: 503 ${share(during, (x) => x.status === 503)}, connection errors ${share(during, (x) => x.status === 'error')}, 2xx ${share(during, ok)}`,
    `redis      clients ${result.before.redisClients} before, ${result.after.redisClients} after; memory ${result.before.redisMemoryMb.toFixed(1)} → ${result.after.redisMemoryMb.toFixed(1)} MB`,
    `processes  API RSS ${mb(result.before.apiRssMb)} → ${mb(result.after.apiRssMb)}; worker RSS ${mb(result.before.workerRssMb)} → ${mb(result.after.workerRssMb)} (after: the last incarnation of each)`,
  ];
  const slowest = [...result.samples].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const faultAt = (x: Sample) =>
    spans.find((w) => x.at >= w.startedAt && x.at <= w.recoveredAt)?.kind ?? 'no fault';
  lines.push(`slowest    ${slowest.map((x) => `${x.ms} ms (${x.status}, ${faultAt(x)})`).join(', ')}`);
  if (result.alerts.lost > 0) lines.push(`lost alerts (first ones): ${result.alerts.lostIds.join(', ')}`);
  if (result.events.missing.length > 0)
    lines.push(`missing keys: ${result.events.missing.slice(0, 20).join(', ')}`);
  return lines.join('\n');
}
