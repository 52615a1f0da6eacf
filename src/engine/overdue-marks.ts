/**
 * The overdue job's record: when a deadline's overdue point fires, the unit is marked overdue for
 * that deadline (milestones `overdue`), which makes it at risk and counts it in its ancestors'
 * roll-ups. The mark leaves with the deadline (append-plan.ts carries only open deadlines' marks).
 */
import { deadlineMark } from '../../machines/index.js';
import type { Deadline } from '../../machines/domain.js';
import { ConflictError } from '../shared/errors.js';
import { markOverdue as writeMark, readUnitState } from '../store/index.js';
import type { EngineContext } from './context.js';
import { contributionDelta } from './rollup.js';

/** What marking did: wrote the mark, found it already there, or found the deadline no longer open. */
export type OverdueMarkOutcome = 'marked' | 'already' | 'closed';

type DeadlineRef = Pick<Deadline, 'kind' | 'enteredSeq' | 'dueAt'>;

async function markOnce(
  ctx: EngineContext,
  unitId: string,
  deadline: DeadlineRef,
): Promise<OverdueMarkOutcome> {
  const { unit, snap, deadlines } = await readUnitState(ctx.redis, ctx.keys, unitId);
  const mark = deadlineMark(deadline);
  if (!unit || !snap || unit.unit.status !== undefined) return 'closed';
  if (!deadlines.some((d) => deadlineMark(d) === mark)) return 'closed';
  const before = snap.milestones;
  if ((before.overdue ?? []).includes(mark)) return 'already';
  const after = { ...before, overdue: [...(before.overdue ?? []), mark] };
  const { level, block } = unit.unit;
  const delta = contributionDelta(
    { level, block, phase: snap.phase, milestones: before },
    { level, block, phase: snap.phase, milestones: after },
  );
  await writeMark(ctx.redis, ctx.keys, {
    unitId,
    ancestorIds: unit.ancestorIds,
    expectedVersion: snap.version,
    orgRevision: snap.orgRevision,
    milestonesJson: JSON.stringify(after),
    rollupDeltas: delta,
  });
  ctx.known.forget(unitId);
  return 'marked';
}

/** Marks `deadline` of `unitId` overdue; a concurrent append or organisation write is retried on fresh state. */
export async function markDeadlineOverdue(
  ctx: EngineContext,
  unitId: string,
  deadline: DeadlineRef,
): Promise<OverdueMarkOutcome> {
  for (let n = 0; ; n++) {
    try {
      return await markOnce(ctx, unitId, deadline);
    } catch (error) {
      if (!(error instanceof ConflictError) || n >= ctx.maxRetries) throw error;
    }
  }
}
