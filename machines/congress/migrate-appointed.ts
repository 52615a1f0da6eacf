/**
 * Version 4 → 5. States and context are the same; only a 2-content unit's report changed: it no
 * longer leads to the superior's confirmation. A 2-content unit that version 4 left waiting for a
 * confirmation has nothing to confirm, so it is lifted to the records, where version 5 would have put it.
 */
import type { PersistedCongressSnapshot } from '../api.types.js';
import type { CongressContext } from './congress.context.js';

const waitingForConfirmation = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  (value as Record<string, unknown>)['procedure'] === 'confirmation';

export function liftAppointedReports(snapshot: PersistedCongressSnapshot): PersistedCongressSnapshot {
  const ctx = snapshot.context as unknown as CongressContext;
  const stranded = ctx.form === 'two_content' && waitingForConfirmation(snapshot.value);
  return {
    ...snapshot,
    machineVersion: 5,
    ...(stranded ? { value: { procedure: 'archive' } } : {}),
  };
}
