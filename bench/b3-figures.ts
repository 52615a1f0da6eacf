/** B3's figures and notes from its measured loads (see b3-http.bench.ts). */
import { formatNumber, median, type Figure } from './harness.js';
import { B3_CPU, B3_OFFERED_RATE, B3_P99, judge } from './targets.js';
import { CONNECTIONS, totalCpu, type CpuPerRequest, type Load, type Series } from './b3-load.js';
import type { BareRun } from './b3-servers.js';

const MB = 2 ** 20;

/** Everything B3 measured. */
export interface B3Measured {
  /** POST events, saturating, one API process. */
  events: Series;
  /** POST events at the fixed offered rate, one API process. */
  fixed: Series;
  /** GET /healthz, saturating, same server. */
  health: Series;
  progress: Load[];
  rss: { idle: number; peak: number };
  replicas: Series;
  replicaCount: number;
  express: BareRun;
  http: BareRun;
}

const med = (loads: Load[], key: keyof Load) => median(loads.map((l) => l[key]));
const cpu = (xs: CpuPerRequest[], key: keyof CpuPerRequest) => median(xs.map((c) => c[key]));
const us = (n: number) => `${formatNumber(n)} µs`;
const offered = formatNumber(B3_OFFERED_RATE);

/** The two figures B3's targets judge. */
function headlines(m: B3Measured): Figure[] {
  const server = cpu(m.events.cpu, 'server');
  const bare = cpu(m.express.saturated.cpu, 'server');
  const p99 = med(m.fixed.loads, 'p99');
  return [
    {
      id: 'B3.1',
      name: 'CPU per POST event in the API process (saturating)',
      unit: 'µs',
      value: server,
      baselineName: 'bare Express 5 route, its process',
      baseline: bare,
      ...judge(B3_CPU, server, bare),
      headline: true,
    },
    {
      id: 'B3.2',
      name: `POST events p99 at ${offered} POST/s offered (${formatNumber(med(m.fixed.loads, 'rate'))}/s answered)`,
      unit: 'ms',
      value: p99,
      baselineName: 'bare Express 5 route, same offered load',
      baseline: med(m.express.fixed.loads, 'p99'),
      ...judge(B3_P99, p99),
      headline: true,
    },
  ];
}

/** Saturating loads on one server, beside its `/healthz`. */
function saturation(m: B3Measured): Figure[] {
  const health = 'GET /healthz, same server';
  const h = (key: keyof Load) => ({ baselineName: health, baseline: med(m.health.loads, key) });
  return [
    { id: 'B3.3', name: 'POST events', unit: 'events/s', value: med(m.events.loads, 'rate'), ...h('rate') },
    { id: 'B3.4', name: 'POST events p50', unit: 'ms', value: med(m.events.loads, 'p50'), ...h('p50') },
    { id: 'B3.5', name: 'POST events p99', unit: 'ms', value: med(m.events.loads, 'p99'), ...h('p99') },
    { id: 'B3.6', name: 'GET progress (root)', unit: 'req/s', value: med(m.progress, 'rate'), ...h('rate') },
    { id: 'B3.7', name: 'GET progress p99', unit: 'ms', value: med(m.progress, 'p99'), ...h('p99') },
    {
      id: 'B3.8',
      name: 'API resident memory, peak under load',
      unit: 'MiB',
      value: m.rss.peak / MB,
      baselineName: 'idle after start',
      baseline: m.rss.idle / MB,
    },
  ];
}

/** Replicas, CPU of all parties, and the bare servers' CPU. */
function scaling(m: B3Measured): Figure[] {
  const n = m.replicaCount;
  return [
    {
      id: 'B3.9',
      name: `POST events, ${n} API processes (${CONNECTIONS / n} connections each)`,
      unit: 'events/s',
      value: med(m.replicas.loads, 'rate'),
      baselineName: '1 API process (B3.3)',
      baseline: med(m.events.loads, 'rate'),
    },
    {
      id: 'B3.10',
      name: `POST events p99, ${n} API processes`,
      unit: 'ms',
      value: med(m.replicas.loads, 'p99'),
      baselineName: '1 API process (B3.5)',
      baseline: med(m.events.loads, 'p99'),
    },
    {
      id: 'B3.11',
      name: 'CPU per POST event, server + autocannon + Redis',
      unit: 'µs',
      value: median(m.events.cpu.map(totalCpu)),
      baselineName: 'GET /healthz, same parties',
      baseline: median(m.health.cpu.map(totalCpu)),
    },
    {
      id: 'B3.12',
      name: `CPU per POST event in the API process at ${offered} POST/s offered`,
      unit: 'µs',
      value: cpu(m.fixed.cpu, 'server'),
      baselineName: 'bare Express 5 route, same offered load',
      baseline: cpu(m.express.fixed.cpu, 'server'),
    },
    {
      id: 'B3.13',
      name: `CPU per POST to the bare route on node:http, no framework (${formatNumber(med(m.http.saturated.loads, 'rate'))} req/s)`,
      unit: 'µs',
      value: cpu(m.http.saturated.cpu, 'server'),
      baselineName: 'bare Express 5 route (B3.1)',
      baseline: cpu(m.express.saturated.cpu, 'server'),
    },
  ];
}

/** Every B3 figure, the judged ones first. */
export function b3Figures(m: B3Measured): Figure[] {
  return [...headlines(m), ...saturation(m), ...scaling(m)];
}

/** Where a POST's CPU goes, and the rates that bounds on this machine. */
function cpuNote(m: B3Measured): string {
  const part = (key: keyof CpuPerRequest) => cpu(m.events.cpu, key);
  const health = (key: keyof CpuPerRequest) => cpu(m.health.cpu, key);
  const total = median(m.events.cpu.map(totalCpu));
  return `CPU per POST event (saturating): ${us(part('server'))} in the API process (${us(part('serverMain'))} of it on its JavaScript thread), ${us(part('client'))} in autocannon, ${us(part('redis'))} in Redis (GET /healthz: ${us(health('server'))}, ${us(health('client'))}, ${us(health('redis'))}). Two cores give 2,000,000 µs of CPU per second, so POST events cannot exceed ${formatNumber(2e6 / total)}/s here with every part spread perfectly over both cores; one API process cannot exceed ${formatNumber(1e6 / part('serverMain'))}/s, the rate at which its one JavaScript thread would be busy all the time.`;
}

function replicasNote(m: B3Measured): string {
  const total = median(m.replicas.cpu.map(totalCpu));
  const busy = (total * med(m.replicas.loads, 'rate')) / 1e6;
  return `With ${m.replicaCount} API processes (B3.9): ${us(cpu(m.replicas.cpu, 'server'))} per POST event in the API processes, ${us(cpu(m.replicas.cpu, 'client'))} in autocannon and ${us(cpu(m.replicas.cpu, 'redis'))} in Redis, with ${formatNumber(busy, 2)} of the 2 cores busy; at that CPU per POST no spread over processes exceeds ${formatNumber(2e6 / total)}/s here.`;
}

function bareNote(m: B3Measured): string {
  const express = cpu(m.express.saturated.cpu, 'server');
  const client = cpu(m.express.saturated.cpu, 'client');
  const http = cpu(m.http.saturated.cpu, 'server');
  return `Bare Express 5 route (bench/support/bare-express-entry.ts: JSON body parsed, fixed answer, no authentication, engine or Redis): ${us(express)} per request in its process and ${us(client)} in autocannon at ${formatNumber(med(m.express.saturated.loads, 'rate'))} req/s. The same route on node:http (B3.13, bench/support/bare-http-entry.ts) costs ${us(http)} in its process: Express 5 itself adds ${us(express - http)} per request.`;
}

function fixedRateNote(m: B3Measured): string {
  return `At ${offered} POST/s offered (B3.2, B3.12): the API answered ${formatNumber(med(m.fixed.loads, 'rate'))}/s with p50 ${formatNumber(med(m.fixed.loads, 'p50'), 1)} ms; the bare Express route ${formatNumber(med(m.express.fixed.loads, 'rate'))}/s with p50 ${formatNumber(med(m.express.fixed.loads, 'p50'), 1)} ms and p99 ${formatNumber(med(m.express.fixed.loads, 'p99'), 1)} ms.`;
}

/**
 * With every connection always waiting on a request, mean latency is connections ÷ rate (Little's
 * law), which is why saturating p99 is no target.
 */
function latencyNote(m: B3Measured): string {
  const rate = med(m.events.loads, 'rate');
  return `Saturating latency (B3.4–5) is bound by the rate: with ${CONNECTIONS} connections each waiting on one request, mean latency is ${CONNECTIONS} ÷ rate, here ${formatNumber((CONNECTIONS / rate) * 1000, 1)} ms at ${formatNumber(rate)} POST events/s.`;
}

/** Every B3 note. */
export function b3Notes(m: B3Measured): string[] {
  const refused = [...m.events.loads, ...m.fixed.loads, ...m.replicas.loads].reduce(
    (s, l) => s + l.non2xx,
    0,
  );
  return [
    cpuNote(m),
    fixedRateNote(m),
    bareNote(m),
    replicasNote(m),
    latencyNote(m),
    `Non-2xx responses or errors on POST events over the measured runs: ${formatNumber(refused)}.`,
  ];
}
