/**
 * What this engine last wrote to each unit: the organisation data it planned with, the snapshot it
 * stored and the open deadline set. The next dispatch on that unit plans from here instead of
 * reading Redis (the read was the largest part of dispatch CPU in benchmark B1). Nothing here is
 * trusted: append-event.lua refuses the append unless the unit's version and organisation revision
 * are still the ones planned from, and dispatch then falls back to a fresh read.
 */
import type { Deadline } from '../../machines/domain.js';
import type { StoredSnap, StoredUnit } from '../store/index.js';

/** A unit's state as planned from: the shape of a dispatch read without an idempotency record. */
export interface KnownUnit {
  unit: StoredUnit;
  snap: StoredSnap;
  deadlinesJson: string | null;
  /** The same set as objects, when this engine computed it: the scheduler diff then skips parsing. */
  deadlines?: readonly Deadline[];
}

export interface KnownUnits {
  get(unitId: string): KnownUnit | undefined;
  set(unitId: string, known: KnownUnit): void;
  forget(unitId: string): void;
}

/** Bounded so memory stays flat on a national tree: the oldest entry goes first. */
export function createKnownUnits(limit = 16_384): KnownUnits {
  const entries = new Map<string, KnownUnit>();
  return {
    get: (unitId) => entries.get(unitId),
    set(unitId, known) {
      // Re-inserted so the map's order stays oldest-written first.
      entries.delete(unitId);
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(unitId, known);
    },
    forget: (unitId) => void entries.delete(unitId),
  };
}
