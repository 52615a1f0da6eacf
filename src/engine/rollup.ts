/**
 * Roll-up arithmetic, pure: what one unit contributes to each ancestor's counters, the delta between
 * two contributions, and turning a counter hash into progress rows.
 */
import type { Milestones, Phase } from '../../machines/api.types.js';
import { LEVELS, type Level } from '../../machines/domain.js';
import { isAtRisk } from '../../machines/index.js';
import { parseRollupField, rollupField } from '../store/index.js';
import type { ProgressRow } from './engine.types.js';

/** A unit as the roll-ups see it. */
export interface RollupSubject {
  level: string;
  block: string;
  phase: Phase;
  milestones: Milestones;
}

/**
 * Counters one unit adds to each ancestor: total, done (congress held), onTime (held by the rule
 * set's deadline), atRisk (the one definition, machines/congress/at-risk.ts), draftsNational and
 * draftsSuperior (the national or the superior's drafts discussed) and one `phase:<phase>` count.
 */
export function contribution(subject: RollupSubject): Map<string, number> {
  const f = (counter: string) => rollupField(subject.level, subject.block, counter);
  const ms = subject.milestones;
  return new Map([
    [f('total'), 1],
    [f('done'), ms.congressHeld ? 1 : 0],
    [f('onTime'), ms.congressHeld && ms.heldOnTime ? 1 : 0],
    [f('atRisk'), isAtRisk(ms) ? 1 : 0],
    [f('draftsNational'), ms.draftsDiscussed?.national ? 1 : 0],
    [f('draftsSuperior'), ms.draftsDiscussed?.superior ? 1 : 0],
    [f(`phase:${subject.phase}`), 1],
  ]);
}

/** Adds `delta × sign` into `target`. */
export function addInto(target: Map<string, number>, delta: ReadonlyMap<string, number>, sign = 1): void {
  for (const [field, value] of delta) target.set(field, (target.get(field) ?? 0) + sign * value);
}

/** What a contribution depends on, as one string: level, block, phase and the counted flags. */
function subjectKey(s: RollupSubject): string {
  const ms = s.milestones;
  const drafts = ms.draftsDiscussed;
  const flags = `${+ms.congressHeld}${+ms.heldOnTime}${+isAtRisk(ms)}${+!!drafts?.national}${+!!drafts?.superior}`;
  return `${s.level}\u0000${s.block}\u0000${s.phase}\u0000${flags}`;
}

/**
 * Deltas already computed, by (before, after) subject key. Every append computes one and the
 * distinct pairs are few (levels × blocks × phases × flags actually met), so it is worth keeping;
 * cleared when full rather than tracked, since a recompute is cheap.
 */
const deltas = new Map<string, ReadonlyMap<string, number>>();
const DELTAS_LIMIT = 4_096;

function computeDelta(before: RollupSubject, after: RollupSubject): Map<string, number> {
  const delta = contribution(after);
  addInto(delta, contribution(before), -1);
  for (const [field, value] of delta) if (value === 0) delta.delete(field);
  return delta;
}

/** after − before, without zero entries; shared between calls, so never to be modified. */
export function contributionDelta(before: RollupSubject, after: RollupSubject): ReadonlyMap<string, number> {
  const key = `${subjectKey(before)}\u0001${subjectKey(after)}`;
  const known = deltas.get(key);
  if (known) return known;
  if (deltas.size >= DELTAS_LIMIT) deltas.clear();
  const delta = computeDelta(before, after);
  deltas.set(key, delta);
  return delta;
}

/** True when two counter maps agree (missing fields count as zero). */
export function sameCounters(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(field) ?? 0) !== (b.get(field) ?? 0)) return false;
  }
  return true;
}

/** done/total × 100 rounded to two decimals (0 when total is 0). */
export function percent(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 10_000) / 100;
}

function emptyRow(level: Level, block: string): ProgressRow {
  const drafts = { national: 0, superior: 0 };
  return {
    level,
    block,
    done: 0,
    total: 0,
    percent: 0,
    onTime: 0,
    atRisk: 0,
    draftsDiscussed: drafts,
    byPhase: {},
  };
}

function applyCounter(row: ProgressRow, counter: string, value: number): void {
  if (counter === 'total' || counter === 'done' || counter === 'onTime' || counter === 'atRisk') {
    row[counter] = value;
  } else if (counter === 'draftsNational' || counter === 'draftsSuperior') {
    row.draftsDiscussed[counter === 'draftsNational' ? 'national' : 'superior'] = value;
  } else if (counter.startsWith('phase:') && value !== 0) {
    row.byPhase[counter.slice('phase:'.length) as Phase] = value;
  }
}

/** Progress rows (one per level × block present), top level first, blocks alphabetical. */
export function progressRows(counters: ReadonlyMap<string, number>): ProgressRow[] {
  const rows = new Map<string, ProgressRow>();
  for (const [field, value] of counters) {
    const parsed = parseRollupField(field);
    if (!parsed || !(LEVELS as readonly string[]).includes(parsed.level)) continue;
    const id = `${parsed.level}|${parsed.block}`;
    const row = rows.get(id) ?? emptyRow(parsed.level as Level, parsed.block);
    rows.set(id, row);
    applyCounter(row, parsed.counter, value);
  }
  return [...rows.values()]
    .filter((row) => row.total > 0)
    .map((row) => ({ ...row, percent: percent(row.done, row.total) }))
    .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.block.localeCompare(b.block));
}

/**
 * One row per level adding up its blocks (block `'*'`), for headline figures such as
 * "base 81/82 (98.78%)". Not part of `progress` output, so summing its rows never double counts.
 */
export function summarizeByLevel(rows: readonly ProgressRow[]): ProgressRow[] {
  const totals = new Map<Level, ProgressRow>();
  for (const row of rows) {
    const sum = totals.get(row.level) ?? emptyRow(row.level, '*');
    totals.set(row.level, sum);
    sum.done += row.done;
    sum.total += row.total;
    sum.onTime += row.onTime;
    sum.atRisk += row.atRisk;
    sum.draftsDiscussed.national += row.draftsDiscussed.national;
    sum.draftsDiscussed.superior += row.draftsDiscussed.superior;
    for (const [phase, n] of Object.entries(row.byPhase) as [Phase, number][]) {
      sum.byPhase[phase] = (sum.byPhase[phase] ?? 0) + n;
    }
  }
  return [...totals.values()].map((row) => ({ ...row, percent: percent(row.done, row.total) }));
}
