import { LEVELS } from '../domain.js';
import { ELECTION_RULE_IDS } from './election-rule-source.js';

/** Where a national rule was found: the document, its article, and a public page quoting it. */
export interface RuleSource {
  document: string;
  article: string;
  url?: string;
}

/**
 * A rule's provenance. A national source lets the rule refuse an event; a local-policy rule (a number
 * only a province's plan or this product chose) records an irregularity for supervisors and never blocks.
 */
export type Provenance = { source: RuleSource } | { basis: 'local-policy'; setBy: string };

/**
 * Every number and gate a rule set can carry, by id. A rule set must give provenance for each id whose
 * value it holds (`requiredRuleIds`); guards look the id up, so whether a rule refuses is data, not code.
 */
export const RULE_IDS = [
  ...LEVELS.map((level) => `congressDeadlines.${level}` as const),
  ...LEVELS.map((level) => `maxCongressDays.${level}` as const),
  'clocks.superiorDecision',
  'clocks.resubmission',
  'clocks.consultationReply',
  'clocks.superiorReviewBeforeOpening',
  'clocks.convocationNotice',
  'clocks.resultReport',
  'clocks.confirmation',
  'clocks.keyPostDirection',
  'clocks.lateRecording',
  'clocks.correctionWindow',
  'variants.threeContent',
  'variants.twoContent',
  'postponement.cellMonths',
  'postponement.otherMonths',
  'subordinateThreshold',
  'alerts.remindersBefore',
  'alerts.escalationsAfter',
  ...ELECTION_RULE_IDS,
  'personnel.keyCadresQuorum',
  'personnel.stepApproval',
  'personnel.tracks',
  /** The superior has approved the documents and the personnel plan before the opening. */
  'gate.reviewApproved',
  /** The congress opens on or after the date the convening committee announced. */
  'gate.openingNotBeforeAnnounced',
  /** Units steered by a superior that held pilot congresses open after its lessons conference. */
  'gate.pilotLessons',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
