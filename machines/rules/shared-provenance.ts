import type { RuleSet } from './rule-set.js';
import {
  CELL_COMMITTEE_URL,
  CELL_TERM_URL,
  CONVENING_URL,
  DIRECTIVE_35,
  DIRECTIVE_35_TIMING_URL,
  PRODUCT_DEFAULT,
  QD_29,
  localPolicy,
  national,
} from './sources.js';

type ProvenanceTable = RuleSet['provenance'];

/**
 * Provenance both terms share: the product's own clocks and alert offsets (local policy), the
 * Charter's cell rules and the five-step procedure. `convening` names the regulation on convening in
 * force for the term (QĐ 29-QĐ/TW in 2020, QĐ 24-QĐ/TW from 7/2021).
 */
export function sharedProvenance(convening: string): ProvenanceTable {
  return {
    'clocks.superiorDecision': PRODUCT_DEFAULT,
    'clocks.resubmission': PRODUCT_DEFAULT,
    'clocks.consultationReply': PRODUCT_DEFAULT,
    'clocks.keyPostDirection': PRODUCT_DEFAULT,
    'clocks.lateRecording': PRODUCT_DEFAULT,
    'clocks.correctionWindow': PRODUCT_DEFAULT,
    'alerts.remindersBefore': PRODUCT_DEFAULT,
    'alerts.escalationsAfter': PRODUCT_DEFAULT,
    'clocks.convocationNotice': national(
      convening,
      '§11.1: the opening date announced 30 working days ahead',
      CONVENING_URL,
    ),
    'clocks.resultReport': national(convening, '§16.1: result report within 7 working days of closing'),
    'clocks.confirmation': national(
      convening,
      '§16.1: confirmation within 15 working days of receipt, when there are no complaints',
    ),
    subordinateThreshold: national(
      convening,
      '§11.1: delegates are allocated to the subordinate organisations, whose congresses elect them',
      CONVENING_URL,
    ),
    'gate.openingNotBeforeAnnounced': national(
      convening,
      '§11.1: the convening committee decides and announces the opening',
      CONVENING_URL,
    ),
    'gate.reviewApproved': national(
      DIRECTIVE_35,
      'personnel work: the documents and personnel plan go to the direct superior before the congress',
    ),
    'gate.pilotLessons': national(
      DIRECTIVE_35,
      '§5 (timing): pilot congresses are held first, to draw lessons for the rest',
      DIRECTIVE_35_TIMING_URL,
    ),
    'postponement.cellMonths': national(
      'Điều lệ Đảng (2011)',
      'Điều 24 §3: a cell congress may be held up to six months early or late with the base committee’s consent',
      CELL_TERM_URL,
    ),
    'postponement.otherMonths': localPolicy(
      'congress-engine default: the Charter’s one-year limit for committees is reported, its article not yet confirmed',
    ),
    'election.cellCommitteeMinMembers': national(
      QD_29,
      '§24 (Điều lệ Điều 24 §4): a cell with 9 full members or more elects a cell committee',
      CELL_COMMITTEE_URL,
    ),
    'election.tieRule': localPolicy('congress-engine default: no Party text publishes a tie rule'),
    'personnel.keyCadresQuorum': national(
      DIRECTIVE_35,
      'appendix (five-step procedure): the key cadres conference is valid with at least 2/3 attending',
    ),
    'personnel.stepApproval': national(
      DIRECTIVE_35,
      'appendix (five-step procedure): more than 50% of those summoned at each step',
    ),
    'personnel.tracks': national(DIRECTIVE_35, 'appendix: the five steps for re-election candidates'),
    'variants.threeContent': localPolicy(
      'congress-engine: allowed with the superior’s consent in practice; the article is not yet confirmed',
    ),
    // Cells are held under local plans; the directive does not date them.
    'congressDeadlines.cell': localPolicy('local plans (the example is Hà Nội’s first quarter)'),
    'maxCongressDays.cell': localPolicy('congress-engine default: one day for a cell congress, as usual'),
    'maxCongressDays.central': localPolicy(
      'congress-engine default: the national congress sets its own agenda',
    ),
  };
}
