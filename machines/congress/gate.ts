/**
 * The subordinate gate: a unit may go forward to review and convening once enough of its direct
 * subordinates have held their congress, or the superior has waived the stragglers.
 */
import { getRuleSet } from '../rules/index.js';
import type { CongressContext } from './congress.context.js';

export interface GateStatus {
  held: number;
  waived: number;
  total: number;
  needed: number;
  threshold: number;
  met: boolean;
}

/** Counts only current subordinates, so a hierarchy change moves the gate both ways. */
export function gateStatus(ctx: CongressContext): GateStatus {
  const threshold = getRuleSet(ctx.ruleSetId).subordinateThreshold;
  const current = new Set(ctx.subordinateIds);
  const held = ctx.held.filter((id) => current.has(id)).length;
  const waived = ctx.waived.filter((id) => current.has(id) && !ctx.held.includes(id)).length;
  const total = current.size;
  const needed = neededFor(total, threshold);
  return { held, waived, total, needed, threshold, met: held + waived >= needed };
}

/** Units needed to reach the threshold; the epsilon keeps 0.95 × 20 from becoming 19.000000000000004. */
export function neededFor(total: number, threshold: number): number {
  return Math.ceil(threshold * total - 1e-9);
}

/** "81/82 subordinate congresses held (threshold 100%)". */
export function describeGate(gate: GateStatus): string {
  const pct = Math.round(gate.threshold * 10000) / 100;
  const waived = gate.waived > 0 ? `, ${gate.waived} waived` : '';
  return `${gate.held}/${gate.total} subordinate congresses held${waived} (threshold ${pct}%)`;
}

/** Subordinates that have neither held their congress nor been waived. */
export function missingSubordinates(ctx: CongressContext): string[] {
  return ctx.subordinateIds.filter((id) => !ctx.held.includes(id) && !ctx.waived.includes(id));
}
