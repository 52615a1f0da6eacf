import type { ActorKind } from './history-entry.js';

/**
 * Roles a token or an account's assignment can carry. `auditor` and `inspection` read only; `admin`
 * imports and manages tokens and accounts; `account_admin` manages the accounts of its subtree and
 * reads it.
 */
export type PrincipalRole =
  | 'admin'
  | 'secretary'
  | 'working_group'
  | 'standing_committee'
  | 'inspection'
  | 'auditor'
  | 'account_admin'
  | 'system';

/**
 * Who is acting and over what. Scope by role: secretary → `unitId`; working group → `workingGroup`
 * (the units assigned to it); standing committee, inspection, auditor, account admin → `subtreeOf` (that unit's subtree);
 * admin and system → everything.
 */
export interface Principal {
  id: string;
  role: PrincipalRole;
  /** How it signed in; a token unless said otherwise (`system` for SYSTEM_PRINCIPAL). */
  kind?: ActorKind;
  /** For an account acting through one of its assignments: that assignment. */
  assignmentId?: string;
  unitId?: string;
  workingGroup?: string;
  subtreeOf?: string;
}

/**
 * The engine acting on its own authority: cascades to a parent, import side effects, deadline
 * alerts and digests. One id everywhere, so the log names one system actor.
 */
export const SYSTEM_PRINCIPAL: Principal = Object.freeze({ id: 'system', role: 'system', kind: 'system' });
