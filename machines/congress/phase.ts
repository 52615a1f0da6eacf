/** Coarse phase and milestones of a unit, for roll-ups and dashboards. */
import type { Milestones, PersistedCongressSnapshot, Phase } from '../api.types.js';
import { toVietnamDate } from '../calendar/vn-calendar.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { CongressContext } from './congress.context.js';
import { openIrregularitiesAndComplaints } from './at-risk.js';

const PROCEDURE_PHASES: Record<string, Phase> = {
  plan: 'plan',
  bodies: 'bodies',
  preparation: 'preparation',
  review: 'superior_review',
  convening: 'convening',
  congress: 'congress',
  firstMeeting: 'first_meeting',
  report: 'report',
  confirmation: 'confirmation',
  annulled: 'annulled',
  // Versions 1–2 only: a pilot's archive waited for its lessons conference.
  lessons: 'pilot',
  // Archiving follows confirmation and has no phase of its own in DOMAIN.md §2's roll-ups.
  archive: 'confirmation',
};

/** The phase of a state value (`{ procedure: { plan: 'submitted' } }` → `plan`). */
export function phaseOfValue(value: unknown): Phase {
  if (value === 'postponed') return 'postponed';
  if (value === 'completed') return 'completed';
  const procedure = (value as { procedure?: unknown }).procedure;
  const key = typeof procedure === 'string' ? procedure : Object.keys(procedure ?? {})[0];
  if (key === 'preparation') return preparationPhase(procedure as { preparation: { review?: unknown } });
  const phase = key === undefined ? undefined : PROCEDURE_PHASES[key];
  if (!phase) throw new Error(`not a congress state value: ${JSON.stringify(value)}`);
  return phase;
}

/**
 * Inside the parallel preparation (version 3), the review region tells how far the unit has come:
 * under the superior's review, or reviewed and waiting to open (convening).
 */
function preparationPhase(procedure: { preparation: { review?: unknown } }): Phase {
  const review = procedure.preparation.review;
  if (review === 'pending' || review === 'returned') return 'superior_review';
  return review === 'approved' ? 'convening' : 'preparation';
}

/** The phase of a persisted snapshot. */
export function phaseOf(snapshot: PersistedCongressSnapshot): Phase {
  return phaseOfValue(snapshot.value);
}

/** What the roll-ups count (at risk: see at-risk.ts); on time = held on or before the level's absolute date, when the term sets one. */
export function milestonesOf(snapshot: PersistedCongressSnapshot, ruleSet: RuleSet): Milestones {
  const ctx = snapshot.context as unknown as CongressContext;
  const heldAt = ctx.congressHeldAt;
  const deadline = ruleSet.congressDeadlines[ctx.level];
  const open = openIrregularitiesAndComplaints(ctx);
  return {
    congressHeld: heldAt !== undefined,
    ...(heldAt !== undefined ? { congressHeldAt: heldAt } : {}),
    heldOnTime: heldAt !== undefined && (deadline === undefined || toVietnamDate(heldAt) <= deadline),
    resultsConfirmed: ctx.confirmedAt !== undefined,
    postponed: snapshot.value === 'postponed',
    difficult: ctx.difficult !== undefined,
    annulled: phaseOfValue(snapshot.value) === 'annulled',
    openIrregularities: open.irregularities,
    openComplaints: open.complaints,
    ...((ctx.irregularities ?? []).length > 0 ? { irregular: true } : {}),
    ...(ctx.draftsDiscussed ? { draftsDiscussed: draftsOf(ctx.draftsDiscussed) } : {}),
  };
}

function draftsOf(d: NonNullable<CongressContext['draftsDiscussed']>): Milestones['draftsDiscussed'] {
  return { ...(d.national ? { national: true } : {}), ...(d.superior ? { superior: true } : {}) };
}
