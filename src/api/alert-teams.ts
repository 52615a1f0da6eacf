import type { Principal } from '../domain/index.js';

/**
 * The alert feeds a principal reads (team ids as the alerts layer names them): a secretary its unit's
 * feed, a working group its own, a standing committee, inspection delegation or auditor the feed of the
 * standing committee at the root of their subtree. Admins read every team (`null`).
 */
export function teamsOf(principal: Principal): string[] | null {
  switch (principal.role) {
    case 'admin':
    case 'system':
      return null;
    case 'secretary':
      return principal.unitId === undefined ? [] : [`unit:${principal.unitId}`];
    case 'working_group':
      return principal.workingGroup === undefined ? [] : [`wg:${principal.workingGroup}`];
    default:
      return principal.subtreeOf === undefined ? [] : [`sc:${principal.subtreeOf}`];
  }
}

/** Inspection delegations and auditors read alerts but, being read-only, do not acknowledge them. */
export function mayAcknowledge(principal: Principal): boolean {
  return principal.role !== 'inspection' && principal.role !== 'auditor';
}
