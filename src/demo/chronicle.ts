/**
 * Runs scripted steps in business-time order across many units, as they happened: within a unit an
 * event may not occur before the one recorded before it, so a history spanning a district (cells in
 * March, the district's plan the year before, its personnel in June) is replayed instant by instant.
 * Steps at the same instant run side by side, one chain per unit, at most `limit` chains at a time.
 */
import { mapLimit } from './procedure-driver.js';

/** One scripted step: when it occurs, on which unit, and what to do then. */
export interface ChronicleStep {
  at: string;
  unitId: string;
  run: () => Promise<unknown>;
}

/** Steps grouped by instant (in time order), then by unit (in the order given). */
function byInstant(steps: readonly ChronicleStep[]): ChronicleStep[][][] {
  const ordered = steps
    .map((step, index) => ({ step, index, time: Date.parse(step.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index);
  const instants: Map<string, ChronicleStep[]>[] = [];
  let last = Number.NaN;
  for (const { step, time } of ordered) {
    if (time !== last) instants.push(new Map());
    last = time;
    const units = instants.at(-1)!;
    units.set(step.unitId, [...(units.get(step.unitId) ?? []), step]);
  }
  return instants.map((units) => [...units.values()]);
}

/** Runs every step in business-time order; throws the first failure. */
export async function runChronicle(steps: readonly ChronicleStep[], limit = 16): Promise<void> {
  for (const chains of byInstant(steps)) {
    await mapLimit(chains, limit, async (chain) => {
      for (const step of chain) await step.run();
    });
  }
}
