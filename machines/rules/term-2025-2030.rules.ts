import type { RuleSet } from './rule-set.js';
import {
  COMMON_LEVEL_LABELS,
  SHARED_ALERTS,
  SHARED_CLOCKS,
  SHARED_MAX_CONGRESS_DAYS,
  SHARED_PERSONNEL,
} from './shared-rules.js';
import { ELECTION_2025_2030 } from './election-rules.js';

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
      vi: 'Đảng bộ cấp trên cơ sở: xã, phường, đặc khu và tương đương',
      en: 'Upper-base committee: commune/ward/special zone or equivalent',
    },
  },
  congressDeadlines: {
    cell: '2025-03-31',
    base: '2025-06-30',
    district: '2025-08-31',
    province: '2025-10-31',
    // The 14th National Congress was planned for the first quarter of 2026; adjust per deployment.
    central: '2026-01-31',
  },
  clocks: SHARED_CLOCKS,
  maxCongressDays: SHARED_MAX_CONGRESS_DAYS,
  variants: { threeContent: true, twoContent: true },
  postponement: { cellMonths: 6, otherMonths: 12 },
  subordinateThreshold: 1,
  alerts: SHARED_ALERTS,
  election: ELECTION_2025_2030,
  personnel: SHARED_PERSONNEL,
};
