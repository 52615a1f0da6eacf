/**
 * Which open steps carry a deadline: their kind, who owes the action, and the working-day clock of
 * the rule set that sets the due date. Step names are the entry stamps the machine records.
 */
import type { RuleSet } from '../rules/rule-set.js';

export interface RelativeStep {
  kind: string;
  owner: 'unit' | 'superior';
  /** A clock every rule set holds: a deadline never hangs on an optional (local) clock. */
  clock: Exclude<keyof RuleSet['clocks'], 'superiorReviewBeforeOpening'>;
  /** Counted from this context instant instead of the step's entry (the report runs from closing). */
  from?: 'congressClosedAt';
}

export const RELATIVE_STEPS: Readonly<Record<string, RelativeStep>> = {
  'plan.submitted': { kind: 'plan.approval', owner: 'superior', clock: 'superiorDecision' },
  'plan.returned': { kind: 'plan.resubmission', owner: 'unit', clock: 'resubmission' },
  'documents.consulting': { kind: 'consultation.replies', owner: 'unit', clock: 'consultationReply' },
  'documents.submitted': { kind: 'documents.approval', owner: 'superior', clock: 'superiorDecision' },
  'documents.returned': { kind: 'documents.resubmission', owner: 'unit', clock: 'resubmission' },
  'personnel.plan_submitted': {
    kind: 'personnel_plan.approval',
    owner: 'superior',
    clock: 'superiorDecision',
  },
  'personnel.plan_returned': { kind: 'personnel_plan.resubmission', owner: 'unit', clock: 'resubmission' },
  'review.pending': { kind: 'review.decision', owner: 'superior', clock: 'superiorDecision' },
  'review.returned': { kind: 'review.resubmission', owner: 'unit', clock: 'resubmission' },
  'convening.proposed': { kind: 'opening_date.approval', owner: 'superior', clock: 'superiorDecision' },
  'congress.paused': { kind: 'key_post.direction', owner: 'superior', clock: 'keyPostDirection' },
  'committee.appointment': { kind: 'committee.appointment', owner: 'superior', clock: 'superiorDecision' },
  report: { kind: 'report.due', owner: 'unit', clock: 'resultReport', from: 'congressClosedAt' },
  confirmation: { kind: 'confirmation.due', owner: 'superior', clock: 'confirmation' },
};

/** The whole procedure's step: open until the congress is held, due at the term's date for the level. */
export const CONGRESS_STEP = 'procedure';
/** A postponed unit owes only the new date. */
export const POSTPONED_STEP = 'postponed';
