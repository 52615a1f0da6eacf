/**
 * Machine versions. Every persisted snapshot names the version that produced it; replay resolves it
 * against that version's machine, and `migrateSnapshot` lifts it one version at a time to the current one.
 */
import type { PersistedCongressSnapshot } from '../api.types.js';
import {
  type CongressMachine,
  congressMachine,
  congressMachineV3,
  congressMachineV4,
} from './congress.machine.js';
import { migrateV2 } from './legacy/migrate-v2.js';
import { congressMachineV2 } from './legacy/v2.machine.js';
import { liftAppointedReports } from './migrate-appointed.js';
import { liftToElections } from './migrate-elections.js';

/**
 * The version new snapshots are written with.
 * - 1: the first statechart.
 * - 2: the same statechart, fed each event's `occurredAt` (when it happened, as given) where version 1
 *   was fed the time it was sent; events carry both times and a scoped actor (docs/persistence.md).
 * - 3: convening and the superior's review run alongside documents and personnel; the congress opens
 *   only when the review is approved, the announced date and its notice are respected, the
 *   subordinate gate is met or waived and any pilot lessons are recorded; local-policy rules record
 *   irregularities instead of refusing; complaints, annulment of named posts, pilot lessons on the superior.
 * - 4: version 3 with the congress session and first meeting as elections are held: attendance at the
 *   official session, every election with its own list, ballots and rounds, the forms of congress and
 *   the first meeting's elections (docs/elections.md); delegate seats are checked against the
 *   superior's announced allocation, and an annulment of named posts reopens only their elections.
 * - 5: version 4 where a 2-content congress (nothing elected; the superior appointed) goes from its
 *   report to the records: no confirmation of election results it never held.
 */
export const MACHINE_VERSION = 5;

/** Version → machine definition in force for that version. */
export const MACHINES_BY_VERSION: Readonly<Record<number, CongressMachine>> = {
  1: congressMachineV2,
  2: congressMachineV2,
  3: congressMachineV3,
  4: congressMachineV4,
  5: congressMachine,
};

/** A migration turns a version-n snapshot into a version n+1 snapshot (value and context). */
export type SnapshotMigration = (snapshot: PersistedCongressSnapshot) => PersistedCongressSnapshot;

/** Version n → migration to n+1. */
export const MIGRATIONS: Readonly<Record<number, SnapshotMigration>> = {
  // Same states and context: only the meaning of the event time changed, so the snapshot carries over.
  1: (snapshot) => ({ ...snapshot, machineVersion: 2 }),
  2: migrateV2,
  3: liftToElections,
  4: liftAppointedReports,
};

/** The machine a snapshot of `version` runs on; an unknown version is corrupt data, not a refusal. */
export function machineFor(version: number): CongressMachine {
  const machine = MACHINES_BY_VERSION[version];
  if (!machine) throw new Error(`unknown machine version ${version}`);
  return machine;
}

/**
 * Lifts a snapshot to `target` by applying each step's migration in order. `migrations` is a
 * parameter so the mechanism can be exercised with sample migrations.
 */
export function migrateWith(
  snapshot: PersistedCongressSnapshot,
  migrations: Readonly<Record<number, SnapshotMigration>>,
  target: number,
): PersistedCongressSnapshot {
  let current = snapshot;
  while (current.machineVersion < target) {
    const step = migrations[current.machineVersion];
    if (!step) throw new Error(`no migration from machine version ${current.machineVersion}`);
    const next = step(current);
    if (next.machineVersion !== current.machineVersion + 1) {
      throw new Error(
        `migration from version ${current.machineVersion} produced version ${next.machineVersion}`,
      );
    }
    current = next;
  }
  if (current.machineVersion > target)
    throw new Error(`snapshot version ${current.machineVersion} is newer than ${target}`);
  return current;
}

/** Lifts a persisted snapshot to the current machine version. */
export function migrateSnapshot(snapshot: PersistedCongressSnapshot): PersistedCongressSnapshot {
  return migrateWith(snapshot, MIGRATIONS, MACHINE_VERSION);
}
