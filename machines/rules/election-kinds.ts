/**
 * The elections of one congress and of the new committee's first meeting (Quy chế bầu cử trong Đảng):
 * each has its own list and its own result.
 */

/** Every election a unit may hold, at its congress or at the first meeting of its new committee. */
export const ELECTION_KINDS = [
  'committee',
  'delegates',
  'standing_committee',
  'secretary',
  'deputy_secretary',
  'inspection_committee',
  'inspection_chair',
  'direct_secretary',
] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];

/** Elected by the new committee at its first meeting (hội nghị lần thứ nhất). */
export const FIRST_MEETING_KINDS: readonly ElectionKind[] = [
  'standing_committee',
  'secretary',
  'deputy_secretary',
  'inspection_committee',
  'inspection_chair',
];

/**
 * Single posts whose intended holder, if not elected, pauses the election until the superior directs
 * (DOMAIN.md §2, key-post failure).
 */
export const KEY_POST_KINDS: readonly ElectionKind[] = ['secretary', 'direct_secretary', 'inspection_chair'];

/** Who votes: the full members (member congress), the official delegates, or the committee at its meeting. */
export const CONGRESS_KINDS = ['member', 'delegate', 'conference'] as const;
export type CongressKind = (typeof CONGRESS_KINDS)[number];

/** Vietnamese and English names of each election, for minutes and screens. */
export const ELECTION_LABELS: Record<ElectionKind, { vi: string; en: string }> = {
  committee: { vi: 'Bầu cử ban chấp hành (cấp uỷ)', en: 'Committee election' },
  delegates: { vi: 'Bầu đại biểu dự đại hội cấp trên', en: 'Delegates to the higher congress' },
  standing_committee: { vi: 'Bầu ban thường vụ', en: 'Standing committee election' },
  secretary: { vi: 'Bầu bí thư', en: 'Secretary election' },
  deputy_secretary: { vi: 'Bầu phó bí thư', en: 'Deputy secretary election' },
  inspection_committee: { vi: 'Bầu uỷ ban kiểm tra', en: 'Inspection committee election' },
  inspection_chair: { vi: 'Bầu chủ nhiệm uỷ ban kiểm tra', en: 'Inspection committee chair election' },
  direct_secretary: {
    vi: 'Bầu trực tiếp bí thư tại đại hội',
    en: 'Secretary elected directly by the congress',
  },
};
