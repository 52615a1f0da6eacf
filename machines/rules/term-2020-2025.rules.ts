import type { RuleSet } from './rule-set.js';
import {
  COMMON_LEVEL_LABELS,
  SHARED_ALERTS,
  SHARED_CLOCKS,
  SHARED_MAX_CONGRESS_DAYS,
  SHARED_PERSONNEL,
} from './shared-rules.js';
import { ELECTION_2020_2025 } from './election-rules.js';

/** Term 2020–2025 under Directive 35-CT/TW (30/5/2019): five levels, districts in place. */
export const TERM_2020_2025: RuleSet = {
  id: '2020-2025',
  directive: 'Chỉ thị 35-CT/TW (2019)',
  term: { from: '2020-01-01', to: '2025-12-31' },
  levels: ['central', 'province', 'district', 'base', 'cell'],
  levelLabels: {
    ...COMMON_LEVEL_LABELS,
    district: {
      vi: 'Quận uỷ, huyện uỷ, thị uỷ, thành uỷ thuộc tỉnh và đảng bộ cấp trên cơ sở',
      en: 'District (urban or rural) or other upper-base committee',
    },
  },
  congressDeadlines: {
    // Cells follow local plans; Hanoi's plan asked for the first quarter, kept here as the example.
    cell: '2020-03-31',
    base: '2020-06-30',
    district: '2020-08-31',
    province: '2020-10-31',
    // The 13th National Congress sat 25/1–1/2/2021.
    central: '2021-01-31',
  },
  clocks: SHARED_CLOCKS,
  maxCongressDays: SHARED_MAX_CONGRESS_DAYS,
  variants: { threeContent: true, twoContent: false },
  postponement: { cellMonths: 6, otherMonths: 12 },
  subordinateThreshold: 1,
  alerts: SHARED_ALERTS,
  election: ELECTION_2020_2025,
  personnel: SHARED_PERSONNEL,
};
