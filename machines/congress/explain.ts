/**
 * Why an event is or is not accepted in a state: re-runs the named checks the candidate transitions
 * are guarded by. Convention of the state tree: the last transition of a candidate list is the general
 * case, so its guard states the condition for accepting the event at all.
 */
import type { AllowedEvent } from '../api.types.js';
import type { CongressEvent } from '../events/congress-event.js';
import { EVENT_TYPES } from '../events/event-catalogue.js';
import type { CongressContext } from './congress.context.js';
import {
  CHECKS,
  type CheckName,
  type GuardResult,
  type InternalRefusal,
  isInternalRefusal,
  reasonText,
} from './congress.guards.js';
import type { CongressSnapshot } from './snapshot-codec.js';

interface GuardRef {
  type?: string;
  params?: { name?: CheckName };
}

/** Transition lists for `type` on the active state nodes, deepest first. */
function candidateLists(state: CongressSnapshot, type: string) {
  const lists = [];
  for (let i = state._nodes.length - 1; i >= 0; i--) {
    // Looked up by any string: `type` may be one the catalogue does not know.
    const on: Partial<Record<string, readonly { guard?: unknown }[]>> = state._nodes[i]?.on ?? {};
    const list = on[type];
    if (list && list.length > 0) lists.push(list);
  }
  return lists;
}

function reasonOf(guard: unknown, ctx: CongressContext, event?: CongressEvent): GuardResult {
  const ref = guard as GuardRef | undefined;
  const name = ref?.type === 'check' ? ref.params?.name : undefined;
  return name ? CHECKS[name](ctx, event) : undefined;
}

/**
 * `null` when the state does not handle `type` at all; otherwise `undefined` when some candidate may
 * accept it, or the reasons it is blocked.
 */
export function explain(
  state: CongressSnapshot,
  type: string,
  event?: CongressEvent,
): string | null | undefined {
  const lists = candidateLists(state, type);
  if (lists.length === 0) return null;
  const reasons: string[] = [];
  for (const list of lists) {
    const result = reasonOf(list[list.length - 1]?.guard, state.context, event);
    if (result === undefined) return undefined;
    const reason = reasonText(result);
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return reasons.join('; ');
}

/**
 * The guards that threw while `event` was considered: every guarded candidate is re-run, not only
 * the last of each list, since a throwing guard anywhere may be what refused the event.
 */
export function guardErrorsFor(state: CongressSnapshot, event: CongressEvent): InternalRefusal[] {
  const errors: InternalRefusal[] = [];
  for (const list of candidateLists(state, event.type)) {
    for (const candidate of list) {
      const result = reasonOf(candidate.guard, state.context, event);
      if (isInternalRefusal(result) && !errors.some((e) => e.guard === result.guard)) errors.push(result);
    }
  }
  return errors;
}

/** Every catalogue event the current state handles, with whether it is accepted now and why not. */
export function allowedEvents(state: CongressSnapshot): AllowedEvent[] {
  const result: AllowedEvent[] = [];
  // A completed procedure accepts nothing, not even the root's bookkeeping events.
  if (state.status === 'done') return result;
  for (const type of EVENT_TYPES) {
    const reason = explain(state, type);
    if (reason === null) continue;
    result.push(reason === undefined ? { type, allowed: true } : { type, allowed: false, reason });
  }
  return result;
}

/** "procedure.preparation.{documents.drafting, personnel.fiveStep, subordinates.waiting}". */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const parts = entries.map(([key, child]) => `${key}.${describeValue(child)}`);
  return parts.length === 1 ? (parts[0] ?? '') : `{${parts.join(', ')}}`;
}
