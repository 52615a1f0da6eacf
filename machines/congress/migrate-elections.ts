/**
 * Machine version 3 → 4. The states carry over (version 4 keeps `congress.resolution` for units past
 * their election). A unit in the middle of its single version-3 election gets it as its committee
 * election: paused where it was paused, otherwise waiting for the congress to decide how to go on,
 * since version 3 kept no list to continue from. A unit annulled under version 3 sets its lists again
 * when it reconvenes.
 */
import type { PersistedCongressSnapshot } from '../api.types.js';
import type { CongressContext, ElectionProgress } from './congress.context.js';

function inCongress(value: unknown, state: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const procedure = (value as { procedure?: unknown }).procedure;
  if (typeof procedure !== 'object' || procedure === null) return false;
  return (procedure as { congress?: unknown }).congress === state;
}

export function liftToElections(snapshot: PersistedCongressSnapshot): PersistedCongressSnapshot {
  const context = snapshot.context as unknown as CongressContext;
  const paused = inCongress(snapshot.value, 'paused');
  const midway = inCongress(snapshot.value, 'elections') && context.election.round > 0;
  if (!paused && !midway) return { ...snapshot, machineVersion: 4 };
  const remaining = context.election.seatsRemaining ?? 0;
  const committee: ElectionProgress = {
    seats: remaining,
    candidates: [],
    round: context.election.round,
    elected: [],
    seatsRemaining: remaining,
    status: paused ? 'paused' : 'deciding',
  };
  const lifted = { ...context, elections: { committee } };
  return { ...snapshot, machineVersion: 4, context: lifted };
}
