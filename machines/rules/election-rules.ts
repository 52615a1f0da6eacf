/**
 * The election rules of each term, with where each was read. QĐ 190-QĐ/TW (10/10/2024) replaced
 * QĐ 244-QĐ/TW (2014) for 2025–2030 and kept its counting rules; its surplus article is Art. 14.
 */
import { ELECTION_RULE_IDS, type ElectionRuleId, type RuleSource } from './election-rule-source.js';
import type { RuleSet } from './rule-set.js';

const ART32_URL =
  'http://dangcongsan.vn/tien-toi-dai-hoi-dang-bo-cac-cap-va-dai-hoi-xiii-cua-dang/chuyen-muc-hoi-dap/cach-tinh-ket-qua-bau-cu-o-dai-hoi-cac-cap-dai-hoi-dang-vien-556421.html';
const ART14_URL =
  'https://baobackan.vn/quy-dinh-ve-so-du-danh-sach-va-phieu-bau-cu-theo-quyet-dinh-moi-ve-quy-che-bau-cu-trong-dang-post66998.html';
const ART20_URL = 'http://camau.dcs.vn/chi-tiet-hoi-dap-24';
const QD24_URL =
  'https://lawnet.vn/thong-tin-phap-luat/en/can-bo-cong-chuc-vien-chuc/convening-congresses-of-party-committees-within-the-communist-party-of-vietnam-102300.html';

const SMALL_BODY_URL =
  'https://baothainguyen.vn/dhd/hoi-dap/202503/so-du-doi-voi-nhung-noi-co-so-luong-ban-chap-hanh-ban-thuong-vu-tu-3-5-uy-vien-duoc-thuc-hien-nhu-the-nao-dca1127';

const QD244 = 'QĐ 244-QĐ/TW (2014), Quy chế bầu cử trong Đảng';
const QD190 = 'QĐ 190-QĐ/TW (2024), Quy chế bầu cử trong Đảng';
const PRODUCT = { basis: 'local-policy', setBy: 'congress-engine default' } as const;

/** A national source: the document, its article and a public page quoting it. */
const found = (document: string, article: string, url?: string): RuleSource => ({
  source: { document, article, ...(url === undefined ? {} : { url }) },
});

/** Rules read in QĐ 244 that QĐ 190 kept; cited as QĐ 244's articles, the numbering QĐ 190 keeps is unconfirmed. */
function countingSources(regulation: string): Partial<Record<ElectionRuleId, RuleSource>> {
  const kept = regulation === QD244 ? '' : ' (kept by QĐ 190-QĐ/TW)';
  return {
    'election.majorityBase': found(QD244, `Art. 32 §2–3${kept}`, ART32_URL),
    'election.exclusions': found(QD244, `Art. 32 §2–3${kept}`, ART32_URL),
    'election.ballots': found(QD244, `Art. 32 §1${kept}`, ART32_URL),
    'election.furtherRounds': found(QD244, `Art. 20 §2${kept}`, ART20_URL),
  };
}

const SHARED_SOURCES = {
  // Widely reported, but no published article was found: recorded and flagged, never refused.
  'election.quorum': PRODUCT,
  'election.smallBodySurplus': found(
    'Guidance on the surplus for committees of 3–5 members, as answered by Báo Thái Nguyên (3/2025)',
    'Q&A: at most 1 extra candidate',
    SMALL_BODY_URL,
  ),
  'election.roundLimit': PRODUCT,
  'election.delegateSeats': found(
    'QĐ 24-QĐ/TW (2021)',
    '§11.1 (the convening committee allocates delegates)',
    QD24_URL,
  ),
} as const satisfies Partial<Record<ElectionRuleId, RuleSource>>;

const COMMON = {
  smallBodyMaxSeats: 5,
  smallBodyMaxSurplus: 1,
  surplusMin: 0.1,
  surplusMax: 0.15,
  surplusCap: 0.3,
  surplusKinds: ['committee', 'standing_committee'],
  floorNominationSupport: 0.3,
  quorum: 2 / 3,
  roundsBeforeDecision: 2,
  maxRounds: 3,
  cellCommitteeMinMembers: 9,
  tieRule: 'another_round',
} as const;

/** 2020–2025 under QĐ 244-QĐ/TW. */
export const ELECTION_2020_2025: RuleSet['election'] = {
  ...COMMON,
  surplusKinds: [...COMMON.surplusKinds],
  regulation: 'QĐ 244-QĐ/TW (2014)',
  directSecretary: true,
};

/** 2025–2030 under QĐ 190-QĐ/TW. */
export const ELECTION_2025_2030: RuleSet['election'] = {
  ...COMMON,
  surplusKinds: [...COMMON.surplusKinds],
  regulation: 'QĐ 190-QĐ/TW (2024)',
  directSecretary: true,
};

/**
 * Provenance of the election rules each term adds; the surplus, the cell-committee threshold and the
 * tie rule are given by the shared provenance and the terms themselves.
 */
export const ELECTION_PROVENANCE_2020_2025 = {
  ...SHARED_SOURCES,
  ...countingSources(QD244),
  'election.floorNomination': found(QD244, 'list article (number not confirmed)'),
} satisfies Partial<Record<ElectionRuleId, RuleSource>>;

export const ELECTION_PROVENANCE_2025_2030 = {
  ...SHARED_SOURCES,
  ...countingSources(QD190),
  'election.floorNomination': found(QD190, 'Art. 14 §3', ART14_URL),
} satisfies Partial<Record<ElectionRuleId, RuleSource>>;

/** The election numbers of a rule set with the provenance of each election rule, as the counting reads them. */
export type ElectionRules = RuleSet['election'] & { sources: Record<ElectionRuleId, RuleSource> };

export function electionRules(rules: RuleSet): ElectionRules {
  const sources = Object.fromEntries(ELECTION_RULE_IDS.map((id) => [id, rules.provenance[id]])) as Record<
    ElectionRuleId,
    RuleSource
  >;
  return { ...rules.election, sources };
}
