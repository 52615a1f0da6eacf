import type { EventActor } from '../../machines/domain.js';

/** One stored event of a unit's hash-chained log. */
export interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: EventActor & { principalId?: string };
  /** Business time of the event (ISO). */
  at: string;
  machineVersion: number;
  prevHash: string;
  hash: string;
}
