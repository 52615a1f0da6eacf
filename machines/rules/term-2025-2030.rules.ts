import type { RuleSet } from './rule-set.js';
import {
  COMMON_LEVEL_LABELS,
  SHARED_ALERTS,
  SHARED_CLOCKS,
  SHARED_MAX_CONGRESS_DAYS,
  SHARED_PERSONNEL,
} from './shared-rules.js';
import { sharedProvenance } from './shared-provenance.js';
import { ELECTION_2025_2030, ELECTION_PROVENANCE_2025_2030 } from './election-rules.js';
import {
  DIRECTIVE_45,
  DIRECTIVE_45_URL,
  QD_190,
  QD_24,
  SURPLUS_URL,
  localPolicy,
  national,
} from './sources.js';

const timing = (article: string) =>
  national(DIRECTIVE_45, `timing of congresses: ${article}`, DIRECTIVE_45_URL);

/**
 * Term 2025–2030 under Directive 45-CT/TW (14/4/2025). Districts were abolished for territorial units on
 * 1/7/2025; communes and wards now sit directly under the province as upper-base committees. The tree keeps
 * the `district` slot for them (and for the other upper-base committees), relabelled, so one level list and
 * one machine serve both terms.
 */
export const TERM_2025_2030: RuleSet = {
  id: '2025-2030',
  directive: 'Chỉ thị 45-CT/TW (2025)',
  term: { from: '2025-01-01', to: '2030-12-31' },
  levels: ['central', 'province', 'district', 'base', 'cell'],
  levelLabels: {
    ...COMMON_LEVEL_LABELS,
    district: {
      vi: 'Đảng bộ xã, phường, đặc khu và đảng bộ cấp trên trực tiếp cơ sở',
      en: 'Upper-base committee: commune/ward/special zone or equivalent',
    },
  },
  congressDeadlines: {
    cell: '2025-03-31',
    base: '2025-06-30',
    district: '2025-08-31',
    province: '2025-10-31',
    // The directive holds the 14th National Congress "early in 2026" (đầu năm 2026), read as the end of
    // the first quarter; it sat 19–23/1/2026.
    central: '2026-03-31',
  },
  // One province's 2024 plan under this directive asked for the superior's review 45 working days before
  // the opening: kept as local policy (it flags, never refuses, and never applies to cells).
  clocks: { ...SHARED_CLOCKS, superiorReviewBeforeOpening: 45 },
  // Communes, wards and the other upper-base committees hold congresses of at most two days.
  maxCongressDays: { ...SHARED_MAX_CONGRESS_DAYS, district: 2 },
  variants: { threeContent: true, twoContent: true },
  postponement: { cellMonths: 6, otherMonths: 12 },
  subordinateThreshold: 1,
  alerts: SHARED_ALERTS,
  election: ELECTION_2025_2030,
  personnel: SHARED_PERSONNEL,
  provenance: {
    ...ELECTION_PROVENANCE_2025_2030,
    ...sharedProvenance(QD_24),
    'clocks.superiorReviewBeforeOpening': localPolicy(
      'one province’s 2024 plan under Directive 45 (Hà Tĩnh)',
    ),
    'congressDeadlines.base': timing('base congresses finished by 30/6/2025'),
    'congressDeadlines.district': timing('commune and upper-base congresses finished by 31/8/2025'),
    'congressDeadlines.province': timing('provincial congresses finished by 31/10/2025'),
    'congressDeadlines.central': timing(
      'the 14th National Congress held early in 2026 (read as by 31/3/2026)',
    ),
    'maxCongressDays.base': timing('a base congress lasts at most two days'),
    'maxCongressDays.district': timing('a commune or upper-base congress lasts at most two days'),
    'maxCongressDays.province': localPolicy(
      'congress-engine default: four days as in 2020–2025; Directive 45’s provincial limit is not yet confirmed',
    ),
    'variants.twoContent': timing(
      'merged or new units hold a 2-content congress; the superior appoints the committee',
    ),
    'election.surplus': national(QD_190, 'Art. 14: candidate surplus (số dư)', SURPLUS_URL),
  },
};
