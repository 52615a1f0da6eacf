/**
 * The machine's typed setup: one parameterised guard (`check`) and four parameterised actions, plus
 * small builders that keep the state tree readable.
 */
import { assign, setup } from 'xstate';
import type { UnitInput } from '../api.types.js';
import type { CongressEvent } from '../events/congress-event.js';
import { UPDATES, type UpdateName, approve, leave, stamp, unstamp } from './congress.actions.js';
import type { ApprovalKind, CongressContext } from './congress.context.js';
import { CHECKS, type CheckName } from './congress.guards.js';

export const congressSetup = setup({
  types: {
    context: {} as CongressContext,
    events: {} as CongressEvent,
    input: {} as UnitInput,
  },
  guards: {
    check: ({ context, event }, params: { name: CheckName }) =>
      CHECKS[params.name](context, event) === undefined,
  },
  actions: {
    update: assign(({ context, event }, params: { name: UpdateName }) =>
      UPDATES[params.name](context, event),
    ),
    stamp: assign(({ context, event }, params: { step: string }) => stamp(context, event, params.step)),
    unstamp: assign(({ context }, params: { step: string }) => unstamp(context, params.step)),
    leave: assign(({ context, event }, params: { step: string }) => leave(context, event, params.step)),
    approve: assign(({ context, event }, params: { kind: ApprovalKind }) =>
      approve(context, event, params.kind),
    ),
  },
});

/** Guard reference: `check` with the named rule. */
export const g = (name: CheckName) => ({ type: 'check' as const, params: { name } });

/** Action reference: a named context update. */
export const u = (name: UpdateName) => ({ type: 'update' as const, params: { name } });

/** Action reference: record who approved what and when. */
export const approved = (kind: ApprovalKind) => ({ type: 'approve' as const, params: { kind } });

/**
 * Entry/exit actions that keep the entry stamp of a deadline-bearing step while it is open; leaving it
 * after a local-policy clock ran out records an irregularity.
 */
export const stamped = (step: string) => ({
  entry: [{ type: 'stamp' as const, params: { step } }],
  exit: [{ type: 'leave' as const, params: { step } }],
});

/** The stamps of machine versions 1–2, which recorded no irregularities (legacy/v2.machine.ts). */
export const stampedPlain = (step: string) => ({
  entry: [{ type: 'stamp' as const, params: { step } }],
  exit: [{ type: 'unstamp' as const, params: { step } }],
});
