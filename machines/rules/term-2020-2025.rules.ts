import type { RuleSet } from './rule-set.js';
import {
  COMMON_LEVEL_LABELS,
  SHARED_ALERTS,
  SHARED_CLOCKS,
  SHARED_MAX_CONGRESS_DAYS,
  SHARED_PERSONNEL,
} from './shared-rules.js';
import { sharedProvenance } from './shared-provenance.js';
import { ELECTION_2020_2025, ELECTION_PROVENANCE_2020_2025 } from './election-rules.js';
import {
  DIRECTIVE_35,
  DIRECTIVE_35_TEXT_URL,
  DIRECTIVE_35_TIMING_URL,
  QD_244,
  QD_29,
  national,
} from './sources.js';

const timing = (article: string) =>
  national(DIRECTIVE_35, `§5 (timing of congresses): ${article}`, DIRECTIVE_35_TIMING_URL);

/** Term 2020–2025 under Directive 35-CT/TW (30/5/2019): five levels, districts in place. */
export const TERM_2020_2025: RuleSet = {
  id: '2020-2025',
  directive: 'Chỉ thị 35-CT/TW (2019)',
  term: { from: '2020-01-01', to: '2025-12-31' },
  levels: ['central', 'province', 'district', 'base', 'cell'],
  levelLabels: {
    ...COMMON_LEVEL_LABELS,
    district: {
      vi: 'Đảng bộ quận, huyện, thị xã, thành phố thuộc tỉnh và tương đương',
      en: 'District (urban or rural) or other upper-base committee',
    },
  },
  congressDeadlines: {
    // Cells follow local plans; Hanoi's plan asked for the first quarter, kept here as the example.
    cell: '2020-03-31',
    base: '2020-06-30',
    district: '2020-08-31',
    province: '2020-10-31',
    // The directive expects the 13th National Congress "early in 2021" (đầu năm 2021), read as the end of
    // the first quarter; it sat 25/1–1/2/2021.
    central: '2021-03-31',
  },
  // No 45-working-day review lead: that number is one province's 2024 plan, not a rule of this term.
  clocks: SHARED_CLOCKS,
  maxCongressDays: SHARED_MAX_CONGRESS_DAYS,
  variants: { threeContent: true, twoContent: false },
  postponement: { cellMonths: 6, otherMonths: 12 },
  subordinateThreshold: 1,
  alerts: SHARED_ALERTS,
  election: ELECTION_2020_2025,
  personnel: SHARED_PERSONNEL,
  provenance: {
    ...ELECTION_PROVENANCE_2020_2025,
    ...sharedProvenance(QD_29),
    'congressDeadlines.base': timing('base congresses from 4/2020, finished by 30/6/2020'),
    'congressDeadlines.district': timing('district congresses finished by 31/8/2020'),
    'congressDeadlines.province': timing('provincial congresses finished by 31/10/2020'),
    'congressDeadlines.central': national(
      DIRECTIVE_35,
      'preamble: the 13th National Congress expected early in 2021 (read as by 31/3/2021)',
      DIRECTIVE_35_TEXT_URL,
    ),
    'maxCongressDays.base': timing('a base congress lasts at most two days'),
    'maxCongressDays.district': timing('a district congress lasts at most three days'),
    'maxCongressDays.province': timing('a provincial congress lasts at most four days'),
    'variants.twoContent': national(DIRECTIVE_35, 'no 2-content congress in this term'),
    'election.surplus': national(
      QD_244,
      'candidate surplus (số dư) for committee and standing-committee lists',
    ),
  },
};
