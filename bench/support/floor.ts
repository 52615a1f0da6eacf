/**
 * Per-event floors: work that no append or verify built on this stack can skip, measured alone in
 * memory over logs read beforehand: SHA-256 over an entry's stored canonical text, and one bare
 * transition of the machine (XState's own `transition` on events validated beforehand, with no
 * refusal messages and no persisted form). B1 adds them to its bare Lua writes, B2 to BullMQ alone
 * and those writes, B6 to its raw XRANGE read; each sum bounds the rate the product can reach on
 * this machine from above.
 */
import type { Redis } from 'ioredis';
import { MACHINES_BY_VERSION } from '../../machines/index.js';
import { checkEvent } from '../../machines/congress/apply-event.js';
import type { CongressEvent } from '../../machines/events/congress-event.js';
import { runInitialTransition, runTransition } from '../../machines/congress/machine-runner.js';
import type { CongressSnapshot } from '../../machines/congress/snapshot-codec.js';
import { sha256Hex } from '../../src/engine/hash-chain.js';
import type { HistoryEntry } from '../../src/domain/index.js';
import { createKeySpace, iterateRawLog, parseLogEntry, readUnits } from '../../src/store/index.js';
import { median } from '../harness.js';

interface LoadedLog {
  start: CongressSnapshot;
  version: number;
  events: CongressEvent[];
  /** Per event: the text hashed (prevHash followed by the stored canonical record) and the stored hash. */
  hashed: { text: string; hash: string }[];
}

/** A stored event as `stepMachine` hands it to the machine (`checkEvent`); the logs hold only accepted ones. */
function validated(entry: HistoryEntry): CongressEvent {
  const checked = checkEvent({
    type: entry.type,
    payload: entry.payload,
    at: entry.at,
    seq: entry.seq,
    actor: { id: entry.actor.id, role: entry.actor.role },
  });
  if (!checked.ok) throw new Error(`stored event ${entry.seq} (${entry.type}) does not validate`);
  return checked.event;
}

/** Units whose logs the floor reads (the first of the benchmark's list), and measured passes per part. */
const FLOOR_UNITS = 1_000;
const FLOOR_PASSES = 5;

/** Reads every log of `ids` into memory (outside any measurement), with each unit's initial machine state. */
async function loadLogs(redis: Redis, prefix: string, ids: readonly string[]): Promise<LoadedLog[]> {
  const keys = createKeySpace(prefix);
  const units = await readUnits(redis, keys, ids);
  const logs: LoadedLog[] = [];
  for (const [k, unit] of units.entries()) {
    if (!unit) throw new Error(`unit ${ids[k]} missing`);
    const events: CongressEvent[] = [];
    const hashed: LoadedLog['hashed'] = [];
    let version: number | null = null;
    for await (const raw of iterateRawLog(redis, keys, unit.unit.id)) {
      const entry = parseLogEntry(raw);
      if (raw.fields.c === undefined)
        throw new Error('the floor expects entries that store their canonical text');
      version ??= entry.machineVersion;
      if (entry.machineVersion !== version) throw new Error('the floor expects one machine version per log');
      events.push(validated(entry));
      hashed.push({ text: entry.prevHash + raw.fields.c, hash: entry.hash });
    }
    const machine = MACHINES_BY_VERSION[version ?? 1];
    if (!machine) throw new Error(`no machine registered for version ${version}`);
    logs.push({ start: runInitialTransition(machine, unit.input), version: version ?? 1, events, hashed });
  }
  return logs;
}

/**
 * Median CPU microseconds per event of `pass` over `runs` passes after one unmeasured pass (so the
 * code is compiled by then, as it is in verify's long walk); `pass` returns the events it handled.
 */
function cpuPerEvent(runs: number, pass: () => number): number {
  pass();
  const perEvent: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    const events = pass();
    const used = process.cpuUsage(before);
    perEvent.push((used.user + used.system) / events);
  }
  return median(perEvent);
}

/** SHA-256 of every entry's hashed text, checked against the stored hash: CPU µs per event. */
function hashFloorUs(logs: readonly LoadedLog[], runs: number): number {
  return cpuPerEvent(runs, () => {
    let n = 0;
    for (const log of logs)
      for (const h of log.hashed) {
        if (sha256Hex(h.text) !== h.hash) throw new Error('hash mismatch in the floor pass');
        n++;
      }
    return n;
  });
}

/** Every log through XState's bare `transition`, each event required to be taken: CPU µs per event. */
function transitionFloorUs(logs: readonly LoadedLog[], runs: number): number {
  return cpuPerEvent(runs, () => {
    let n = 0;
    for (const log of logs) {
      const machine = MACHINES_BY_VERSION[log.version]!;
      let state = log.start;
      for (const event of log.events) {
        const next = runTransition(machine, state, event);
        if (next === state) throw new Error(`the machine did not take ${event.type} in the floor pass`);
        state = next;
        n++;
      }
    }
    return n;
  });
}

/**
 * Both in-memory parts, CPU µs per event, over the logs of the first `FLOOR_UNITS` of `ids` (read
 * before any measurement); `units` says how many logs that was.
 */
export async function floorParts(
  redis: Redis,
  prefix: string,
  ids: readonly string[],
): Promise<{ hash: number; transition: number; units: number }> {
  const logs = await loadLogs(redis, prefix, ids.slice(0, FLOOR_UNITS));
  return {
    hash: hashFloorUs(logs, FLOOR_PASSES),
    transition: transitionFloorUs(logs, FLOOR_PASSES),
    units: logs.length,
  };
}
