import type { Deadline } from '../../machines/domain.js';

/**
 * Port the engine calls after every append, with the unit's previous and new open deadline sets.
 * The BullMQ adapter adds/removes delayed jobs; the stored deadline set stays the source of truth,
 * so a failure here is repaired by the reconciler and never undoes the append.
 */
export interface DeadlineScheduler {
  sync(unitId: string, previous: readonly Deadline[], next: readonly Deadline[]): Promise<void>;
}
