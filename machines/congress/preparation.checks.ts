/**
 * Guards of the plan and preparation phases. Each returns `undefined` when the transition may be
 * taken and otherwise the reason, so the same code both guards the machine and explains refusals.
 * Called without an event (by `listAllowedEvents`), payload-dependent parts pass: only the payload
 * can decide them.
 */
import { type CongressEvent, payloadFor } from '../events/congress-event.js';
import type { PersonnelStepPayload } from '../events/payload-schemas.js';
import { evaluatePersonnelStep, stepsFor } from '../personnel/five-step.js';
import { getRuleSet } from '../rules/index.js';
import type { CongressContext } from './congress.context.js';
import { describeGate, gateStatus, missingSubordinates } from './gate.js';

export type Check = (ctx: CongressContext, event?: CongressEvent) => string | undefined;

const notSubordinate = (id: string) => `unit ${id} is not a direct subordinate of this unit`;

export const nextDraft: Check = (ctx, e) => {
  const draft = e && payloadFor(e, 'documents.draft_recorded').draft;
  if (draft === undefined || draft === ctx.drafts + 1) return undefined;
  return `draft ${draft} is out of order: the next draft is number ${ctx.drafts + 1}`;
};

export const canSendConsultation: Check = (ctx, e) => {
  if (ctx.subordinateIds.length === 0) return 'a unit without subordinate units has no one to consult';
  if (ctx.consultation) return 'the draft has already been sent for comments';
  if (ctx.drafts === 0) return 'record a draft before sending it for comments';
  const draft = e && payloadFor(e, 'consultation.sent').draft;
  return draft !== undefined && draft > ctx.drafts ? `draft ${draft} has not been recorded` : undefined;
};

export const validReply: Check = (ctx, e) => {
  const id = e && payloadFor(e, 'consultation.reply_recorded').unitId;
  if (id === undefined) return undefined;
  if (!ctx.subordinateIds.includes(id)) return notSubordinate(id);
  return ctx.consultation?.replied.includes(id) ? `unit ${id} has already replied` : undefined;
};

export const lastReply: Check = (ctx, e) => {
  const invalid = validReply(ctx, e);
  if (invalid || !e) return invalid ?? 'replies still expected';
  const replied = new Set([
    ...(ctx.consultation?.replied ?? []),
    payloadFor(e, 'consultation.reply_recorded').unitId,
  ]);
  return ctx.subordinateIds.every((id) => replied.has(id)) ? undefined : 'replies still expected';
};

export const canSubmitDocuments: Check = (ctx) => {
  if (ctx.drafts === 0) return 'record at least one draft before submitting the documents';
  if (ctx.subordinateIds.length === 0 || ctx.consultation?.closed) return undefined;
  const replied = ctx.consultation?.replied.length ?? 0;
  return ctx.consultation
    ? `the consultation is still open (${replied}/${ctx.subordinateIds.length} subordinate units replied)`
    : 'send the draft to the subordinate units for comments first';
};

/** The track and step the five-step procedure expects next (re-election first, then first-time). */
export function expectedPersonnelStep(ctx: CongressContext): {
  track: 'reelection' | 'firstTime';
  step?: string;
} {
  const rules = getRuleSet(ctx.ruleSetId).personnel;
  const reelection = stepsFor('reelection', rules);
  if (ctx.personnelSteps.reelection < reelection.length) {
    return { track: 'reelection', step: reelection[ctx.personnelSteps.reelection] };
  }
  return { track: 'firstTime', step: stepsFor('firstTime', rules)[ctx.personnelSteps.firstTime] };
}

export const validPersonnelStep: Check = (ctx, e) => {
  if (ctx.level === 'cell') return 'cells do not run the five-step personnel procedure';
  if (!e) return expectedPersonnelStep(ctx).step ? undefined : 'both personnel tracks are complete';
  const p = payloadFor(e, 'personnel.step_recorded');
  const expected = expectedPersonnelStep(ctx);
  if (p.track !== expected.track || p.step !== expected.step) {
    return `expected step "${expected.step ?? 'none'}" of the ${expected.track} track, got "${p.step}" of the ${p.track} track`;
  }
  return quorumProblem(ctx, p);
};

function quorumProblem(ctx: CongressContext, p: PersonnelStepPayload): string | undefined {
  try {
    const result = evaluatePersonnelStep(p, getRuleSet(ctx.ruleSetId).personnel);
    if (result.quorumMet) return undefined;
    return (
      result.reason ?? `quorum not met: ${p.attended}/${p.summoned} attended, ${result.quorumNeeded} needed`
    );
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export const personnelTracksSettled: Check = (ctx) => {
  if (ctx.level === 'cell') return undefined;
  const rules = getRuleSet(ctx.ruleSetId).personnel;
  const reelection = stepsFor('reelection', rules).length;
  const firstTime = stepsFor('firstTime', rules).length;
  const done = ctx.personnelSteps;
  if (done.reelection < reelection)
    return `the re-election track is at step ${done.reelection}/${reelection}`;
  if (done.firstTime > 0 && done.firstTime < firstTime) {
    return `the first-time track is at step ${done.firstTime}/${firstTime}`;
  }
  return undefined;
};

export const validHeld: Check = (ctx, e) => {
  const id = e && payloadFor(e, 'subordinate.congress_held').childId;
  if (id === undefined)
    return ctx.subordinateIds.length === 0 ? 'this unit has no subordinate units' : undefined;
  if (!ctx.subordinateIds.includes(id)) return notSubordinate(id);
  return ctx.held.includes(id) ? `unit ${id} has already held its congress` : undefined;
};

export const validConfirmedChild: Check = (ctx, e) => {
  const id = e && payloadFor(e, 'subordinate.results_confirmed').childId;
  if (id === undefined)
    return ctx.subordinateIds.length === 0 ? 'this unit has no subordinate units' : undefined;
  if (!ctx.subordinateIds.includes(id)) return notSubordinate(id);
  return ctx.confirmedSubordinates?.includes(id)
    ? `the results of unit ${id} are already confirmed`
    : undefined;
};

export const validWaiver: Check = (ctx, e) => {
  const gate = gateStatus(ctx);
  if (gate.met) return `the gate is already met: ${describeGate(gate)}`;
  const ids = e && payloadFor(e, 'gate.waiver_recorded').unitIds;
  if (!ids) return undefined;
  const missing = missingSubordinates(ctx);
  const wrong = ids.find((id) => !missing.includes(id));
  if (wrong !== undefined) return waiverTargetProblem(ctx, wrong);
  if (new Set(ids).size !== ids.length) return 'the waiver names a unit twice';
  const reach = gate.held + gate.waived + ids.length;
  return reach >= gate.needed
    ? undefined
    : `waiving ${ids.length} unit(s) reaches ${reach}/${gate.total}; ${gate.needed} needed`;
};

function waiverTargetProblem(ctx: CongressContext, id: string): string {
  if (!ctx.subordinateIds.includes(id)) return notSubordinate(id);
  if (ctx.held.includes(id))
    return `unit ${id} has already held its congress; only missing units can be waived`;
  return `unit ${id} is already waived`;
}

/** The convening gate: what must be true before the dossier goes to the superior's review. */
export const conveningGate: Check = (ctx) => {
  const gate = gateStatus(ctx);
  const missing = [
    ...(ctx.docsFinal ? [] : ['documents final']),
    ...(ctx.personnelApproved ? [] : ['personnel approved']),
    ...(gate.met ? [] : [`${describeGate(gate)} or a waiver`]),
  ];
  if (missing.length === 0) return undefined;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `convening needs ${list}`;
};

export const validHierarchyChange: Check = (ctx, e) => {
  if (!e) return undefined;
  const { added, removed } = payloadFor(e, 'hierarchy.subordinates_changed');
  const dup = added.find((id) => ctx.subordinateIds.includes(id) || id === ctx.unitId);
  if (dup !== undefined) return `unit ${dup} is already a subordinate of this unit`;
  const stranger = removed.find((id) => !ctx.subordinateIds.includes(id));
  return stranger === undefined ? undefined : notSubordinate(stranger);
};
