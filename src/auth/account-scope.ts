import type { Principal } from '../domain/index.js';
import type { Account, AssignmentRequest } from './account.schema.js';

/** What deciding "inside an account admin's subtree" needs from the organisation tree. */
export interface ScopeOracle {
  /** True when `unitId` is `rootId` or below it (false for an unknown unit). */
  inSubtree(unitId: string, rootId: string): Promise<boolean>;
  /** True when the working group has units and all of them lie in `rootId`'s subtree. */
  workingGroupInSubtree(workingGroup: string, rootId: string): Promise<boolean>;
}

/** Why an administrator may not make a change: a sentence that says what to do instead. */
export type ScopeRefusal = string | null;

/**
 * Whether `actor` may give an assignment: an admin any; an account admin one inside its subtree and
 * never `admin` (DHIS2's rule that a user administrator only hands out what lies below them).
 */
export async function refuseAssignment(
  actor: Principal,
  assignment: AssignmentRequest,
  oracle: ScopeOracle,
): Promise<ScopeRefusal> {
  if (actor.role === 'admin') return null;
  const root = actor.role === 'account_admin' ? actor.subtreeOf : undefined;
  if (root === undefined) return 'Only an admin or an account admin manages accounts; ask one of them';
  if (assignment.role === 'admin') return 'Only an admin may give the admin role; ask an admin';
  const inside =
    assignment.workingGroup !== undefined
      ? await oracle.workingGroupInSubtree(assignment.workingGroup, root)
      : await oracle.inSubtree(assignment.unitId ?? assignment.subtreeOf ?? '', root);
  return inside
    ? null
    : `That scope lies outside your subtree ${root}; ask an admin of the wider organisation`;
}

/**
 * Whether `actor` may manage `account` (disable, enable, reset, assign, unassign): an admin any; an
 * account admin an account all of whose assignments lie inside its subtree (so it has at least one).
 */
export async function refuseAccount(
  actor: Principal,
  account: Account,
  oracle: ScopeOracle,
): Promise<ScopeRefusal> {
  if (actor.role === 'admin') return null;
  if (actor.role !== 'account_admin')
    return 'Only an admin or an account admin manages accounts; ask one of them';
  if (account.assignments.length === 0)
    return `Account ${account.username} has no assignment inside your subtree; ask an admin`;
  for (const assignment of account.assignments)
    if ((await refuseAssignment(actor, assignment, oracle)) !== null)
      return `Account ${account.username} also holds a role outside your subtree; ask an admin`;
  return null;
}
