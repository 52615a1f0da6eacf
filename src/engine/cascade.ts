/**
 * Cascade: a child's `notify_parent` effect becomes a system event on the parent naming the child
 * and its log position. The idempotency key `cascade:<childId>:<childSeq>` makes a retried cascade
 * a no-op. A superior's `notify_subordinates` effect (pilots chosen, their lessons recorded) becomes
 * one system event on each named subordinate, keyed `cascade:<superiorId>:<seq>:<childId>`. A unit
 * that is missing or does not accept the event is recorded and skipped: the sender's append stands,
 * and operators see the failure in the cascade-failures stream.
 */
import type { MachineEffect } from '../../machines/api.types.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { recordCascadeFailure } from '../store/index.js';
import type { EventRequest } from './append-plan.js';
import type { EngineContext } from './context.js';
import type { DispatchOptions, DispatchResult } from './engine.types.js';
import { SYSTEM_PRINCIPAL, type Principal } from '../domain/index.js';

type DispatchFn = (
  ctx: EngineContext,
  unitId: string,
  request: EventRequest,
  principal: Principal,
  options?: DispatchOptions,
) => Promise<DispatchResult>;

type ParentEffect = Extract<MachineEffect, { type: 'notify_parent' }>;
type SubordinatesEffect = Extract<MachineEffect, { type: 'notify_subordinates' }>;

/** The parent event one effect turns into. */
export function cascadeRequest(effect: ParentEffect, childId: string, childSeq: number): EventRequest {
  if (effect.kind === 'pilot_designated') {
    return {
      type: 'subordinate.pilot_designated',
      payload: { childId, childSeq },
      childOccurredAt: effect.designatedAt,
    };
  }
  if (effect.kind === 'congress_held') {
    return {
      type: 'subordinate.congress_held',
      payload: { childId, childSeq },
      childOccurredAt: effect.heldAt,
    };
  }
  return {
    type: 'subordinate.results_confirmed',
    payload: { childId, childSeq },
    childOccurredAt: effect.confirmedAt,
  };
}

async function recordFailure(ctx: EngineContext, fields: Record<string, string>): Promise<void> {
  ctx.logger.warn(fields, 'cascade to parent was not accepted');
  await recordCascadeFailure(ctx.redis, ctx.keys, fields);
}

/** Sends the parent one system event per effect; returns what was appended, cascades included. */
export async function cascadeToParent(
  ctx: EngineContext,
  dispatch: DispatchFn,
  child: {
    unitId: string;
    parentId: string | null;
    seq: number;
    effects: MachineEffect[];
    backfilled: boolean;
  },
): Promise<DispatchResult['cascaded']> {
  const out: DispatchResult['cascaded'] = [];
  const notifications = child.effects.filter((e): e is ParentEffect => e.type === 'notify_parent');
  if (child.parentId === null) return out;
  for (const [i, effect] of notifications.entries()) {
    const request = cascadeRequest(effect, child.unitId, child.seq);
    // A notification the catalogue has no parent event for (results_confirmed today) is not sent.
    if (!Object.hasOwn(EVENT_CATALOGUE, request.type)) continue;
    const idempotencyKey = `cascade:${child.unitId}:${child.seq}${i === 0 ? '' : `:${i}`}`;
    try {
      const result = await dispatch(ctx, child.parentId, request, SYSTEM_PRINCIPAL, {
        idempotencyKey,
        backfilled: child.backfilled,
      });
      out.push({ unitId: child.parentId, type: request.type, seq: result.seq }, ...result.cascaded);
    } catch (error) {
      await recordFailure(ctx, {
        childId: child.unitId,
        childSeq: String(child.seq),
        parentId: child.parentId,
        type: request.type,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return out;
}

/** The subordinate event one effect turns into, naming the superior and its log position. */
export function downwardRequest(
  effect: SubordinatesEffect,
  superiorId: string,
  superiorSeq: number,
): EventRequest {
  const type =
    effect.kind === 'pilots_designated' ? 'superior.pilots_designated' : 'superior.pilot_lessons_recorded';
  return { type, payload: { superiorId, superiorSeq }, childOccurredAt: effect.at };
}

/** Sends each named subordinate one system event per effect; returns what was appended. */
export async function cascadeToSubordinates(
  ctx: EngineContext,
  dispatch: DispatchFn,
  superior: { unitId: string; seq: number; effects: MachineEffect[]; backfilled: boolean },
): Promise<DispatchResult['cascaded']> {
  const out: DispatchResult['cascaded'] = [];
  const effects = superior.effects.filter((e): e is SubordinatesEffect => e.type === 'notify_subordinates');
  for (const effect of effects) {
    const request = downwardRequest(effect, superior.unitId, superior.seq);
    for (const childId of effect.unitIds) {
      try {
        const result = await dispatch(ctx, childId, request, SYSTEM_PRINCIPAL, {
          idempotencyKey: `cascade:${superior.unitId}:${superior.seq}:${childId}`,
          backfilled: superior.backfilled,
        });
        out.push({ unitId: childId, type: request.type, seq: result.seq }, ...result.cascaded);
      } catch (error) {
        await recordFailure(ctx, {
          superiorId: superior.unitId,
          superiorSeq: String(superior.seq),
          childId,
          type: request.type,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return out;
}
