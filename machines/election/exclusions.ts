/**
 * Who leaves the majority base (QĐ 244 Art. 32 §2–3, kept by QĐ 190): only the regulation's
 * categories, each an explicit count. Free text is a note, never a category.
 */
import type { CongressKind } from '../rules/election-kinds.js';

/** Member congress (đại hội đảng viên): the full members who leave the base. */
export const MEMBER_EXCLUSIONS = [
  /** Introduced to attend temporarily at another organisation. */
  'attached_elsewhere',
  /** Excused from Party work and activity, and absent (present, they count). */
  'excused_absent',
  /** Suspended, prosecuted or detained. */
  'suspended_prosecuted_detained',
  /** Absent throughout with a reason the convening committee accepted. */
  'absent_accepted_reason',
] as const;

/** Delegate congress (đại hội đại biểu): the official delegates who leave the base. */
export const DELEGATE_EXCLUSIONS = [
  /** Absent throughout with no alternate seated in their place. */
  'delegate_absent_no_alternate',
  /** Members of the convening committee absent throughout. */
  'convening_member_absent',
] as const;

export const EXCLUSION_CATEGORIES = [...MEMBER_EXCLUSIONS, ...DELEGATE_EXCLUSIONS] as const;
export type ExclusionCategory = (typeof EXCLUSION_CATEGORIES)[number];

/** Categories that exist only for someone absent, so together they cannot exceed those missing. */
export const ABSENCE_CATEGORIES: ReadonlySet<ExclusionCategory> = new Set([
  'excused_absent',
  'absent_accepted_reason',
  'delegate_absent_no_alternate',
  'convening_member_absent',
]);

export interface Exclusion {
  category: ExclusionCategory;
  count: number;
  note?: string | undefined;
}

/** The categories a congress of this kind may use; a committee meeting's base is its members summoned. */
export function categoriesFor(kind: CongressKind): readonly ExclusionCategory[] {
  if (kind === 'member') return MEMBER_EXCLUSIONS;
  if (kind === 'delegate') return DELEGATE_EXCLUSIONS;
  return [];
}

/** Why these exclusions cannot stand, or undefined. */
export function exclusionProblem(
  kind: CongressKind,
  exclusions: readonly Exclusion[],
  summoned: number,
  present: number,
): string | undefined {
  const allowed = categoriesFor(kind);
  const foreign = exclusions.find((e) => !allowed.includes(e.category));
  if (foreign) {
    const list = allowed.length > 0 ? allowed.join(', ') : 'none';
    return `${foreign.category} is not an exclusion at a ${kind} ${kind === 'conference' ? 'meeting' : 'congress'}; allowed: ${list}`;
  }
  const seen = new Set<string>();
  for (const e of exclusions) {
    if (seen.has(e.category)) return `${e.category} is listed twice: give one count per category`;
    seen.add(e.category);
  }
  const absent = exclusions
    .filter((e) => ABSENCE_CATEGORIES.has(e.category))
    .reduce((n, e) => n + e.count, 0);
  if (absent > summoned - present) {
    return `exclusions for absence (${absent}) exceed those absent (${summoned} summoned − ${present} present = ${summoned - present})`;
  }
  const total = exclusions.reduce((n, e) => n + e.count, 0);
  if (total >= summoned) return `exclusions (${total}) must be fewer than those summoned (${summoned})`;
  return undefined;
}
