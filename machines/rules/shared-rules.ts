import type { RuleSet } from './rule-set.js';

/**
 * The numbers both terms use. Where each comes from is in each rule set's `provenance`
 * (shared-provenance.ts): the election regulation differs (QĐ 244 for 2020–2025, QĐ 190 from 2025).
 */
export const FIVE_STEPS: readonly string[] = [
  'standing_committee_review',
  'key_cadres_conference',
  'committee_ballot',
  'standing_committee_vote',
  'committee_final_vote',
];

export const SHARED_CLOCKS: RuleSet['clocks'] = {
  superiorDecision: 10,
  resubmission: 10,
  consultationReply: 10,
  convocationNotice: 30,
  resultReport: 7,
  confirmation: 15,
  keyPostDirection: 5,
  // Local policy chosen for this product (no national text sets them): they flag or route, never refuse.
  lateRecording: 3,
  correctionWindow: 5,
};

export const SHARED_MAX_CONGRESS_DAYS: RuleSet['maxCongressDays'] = {
  central: 10,
  province: 4,
  district: 3,
  base: 2,
  cell: 1,
};

/**
 * First-time candidates use the same step ids: the published text of their steps 3–5 was not found,
 * so a deployment overrides `tracks.firstTime` when its guidance says otherwise.
 */
export const SHARED_PERSONNEL: RuleSet['personnel'] = {
  keyCadresQuorum: 2 / 3,
  stepApproval: 0.5,
  tracks: { reelection: [...FIVE_STEPS], firstTime: [...FIVE_STEPS] },
};

export const SHARED_ALERTS: RuleSet['alerts'] = {
  remindersBefore: [7, 3, 1],
  escalationsAfter: [1, 3, 7],
};

export const COMMON_LEVEL_LABELS: NonNullable<RuleSet['levelLabels']> = {
  central: { vi: 'Trung ương', en: 'Central' },
  province: {
    vi: 'Đảng bộ tỉnh, thành phố và đảng bộ trực thuộc Trung ương',
    en: 'Province, centrally-run city or central bloc',
  },
  base: { vi: 'Tổ chức cơ sở đảng', en: 'Base organisation' },
  cell: { vi: 'Chi bộ trực thuộc', en: 'Cell' },
};
