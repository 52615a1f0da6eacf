import type { Level } from '../../machines/domain.js';

/** One organisation in the tree. */
export interface OrgUnit {
  id: string;
  name: string;
  level: Level;
  block: string;
  parentId: string | null;
  /** Id of the superior's working group assigned to this unit (team `wg:<id>`). */
  workingGroup: string | null;
  memberCount: number;
  /** Full members (đảng viên chính thức), when the file gives them: the majority base of a member congress. */
  fullMemberCount?: number;
  /** Rule set (term) id, e.g. "2020-2025". */
  term: string;
  /** Absent while the unit is active; set once an import dissolves or merges it (its history stays readable). */
  status?: ClosedStatus;
  /** For a merged unit: the unit of the same level that absorbed it. */
  mergedInto?: string;
}

/** How a unit left the tree between terms. */
export type ClosedStatus = 'dissolved' | 'merged';

/** One refused row of an organisation-tree import, named by its line and field. */
export interface ImportRowError {
  line: number;
  field: string;
  reason: string;
}
