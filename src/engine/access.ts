/**
 * Who may send which event to which unit, and who may read what. Pure functions, so every edge
 * (HTTP, CLI, workers) gets the same answer and the API's access-matrix test can enumerate them.
 */
import { EVENT_CATALOGUE } from '../../machines/index.js';
import type { EventRole } from '../../machines/domain.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { OrgUnit, Principal, RecordActor } from '../domain/index.js';
import { scopeFor } from '../domain/actor-scope.js';

/** Unit ids above `unit`, nearest first (only the ids are needed to decide scope). */
export type AncestorIds = readonly string[];

function isBelow(subtreeOf: string | undefined, ancestorIds: AncestorIds): boolean {
  return subtreeOf !== undefined && ancestorIds.includes(subtreeOf);
}

/**
 * The event role `principal` holds towards `unit`, or null when it holds none. A standing
 * committee with `subtreeOf: X` acts as the superior standing committee of units strictly below X.
 * Inspection, auditors and admins never send procedural events.
 */
export function eventRoleFor(
  principal: Principal,
  unit: OrgUnit,
  ancestorIds: AncestorIds,
): EventRole | null {
  switch (principal.role) {
    case 'secretary':
      return principal.unitId === unit.id ? 'secretary' : null;
    case 'working_group':
      return principal.workingGroup !== undefined && principal.workingGroup === unit.workingGroup
        ? 'working_group'
        : null;
    case 'standing_committee':
      return isBelow(principal.subtreeOf, ancestorIds) ? 'standing_committee' : null;
    case 'system':
      return 'system';
    default:
      return null;
  }
}

/** True when `principal` may send `eventType` to `unit` (unknown event types: false). */
export function canSend(
  principal: Principal,
  unit: OrgUnit,
  ancestorIds: AncestorIds,
  eventType: string,
): boolean {
  const role = eventRoleFor(principal, unit, ancestorIds);
  const definition = EVENT_CATALOGUE[eventType];
  return role !== null && definition !== undefined && definition.roles.includes(role);
}

/**
 * True when `principal` may read `unit`: secretaries their unit and its subtree, working groups
 * their assigned units, standing committee / inspection / auditor their subtree, admin and system all.
 */
export function canRead(principal: Principal, unit: OrgUnit, ancestorIds: AncestorIds): boolean {
  switch (principal.role) {
    case 'admin':
    case 'system':
      return true;
    case 'secretary':
      return principal.unitId === unit.id || isBelow(principal.unitId, ancestorIds);
    case 'working_group':
      return principal.workingGroup !== undefined && principal.workingGroup === unit.workingGroup;
    default:
      return principal.subtreeOf === unit.id || isBelow(principal.subtreeOf, ancestorIds);
  }
}

const sendRefusal = (principal: Principal, unitId: string, eventType: string) =>
  new ForbiddenError(`${principal.role} ${principal.id} may not send ${eventType} to unit ${unitId}`);

const readRefusal = (principal: Principal, unitId: string) =>
  new ForbiddenError(`${principal.role} ${principal.id} may not read unit ${unitId}`);

/** Throws ForbiddenError unless `canSend`. */
export function assertCanSend(
  principal: Principal,
  unit: OrgUnit,
  ancestorIds: AncestorIds,
  eventType: string,
): void {
  if (!canSend(principal, unit, ancestorIds, eventType)) throw sendRefusal(principal, unit.id, eventType);
}

/** Throws ForbiddenError unless `canRead`. */
export function assertCanRead(principal: Principal, unit: OrgUnit, ancestorIds: AncestorIds): void {
  if (!canRead(principal, unit, ancestorIds)) throw readRefusal(principal, unit.id);
}

/**
 * The error for a unit id that names no unit. Only admins (and the system) learn that it is missing
 * (NotFoundError); anyone else gets exactly the refusal a unit outside their scope gets, since a
 * missing unit is in no one's scope and a different answer would let any token probe which ids exist.
 * `eventType` is given when the caller was sending an event rather than reading.
 */
export function unknownUnit(principal: Principal, unitId: string, eventType?: string): Error {
  if (principal.role === 'admin' || principal.role === 'system')
    return new NotFoundError(`unit ${unitId} not found`);
  return eventType === undefined ? readRefusal(principal, unitId) : sendRefusal(principal, unitId, eventType);
}

/** Throws ForbiddenError unless the principal is an admin (imports, tokens, global maintenance). */
export function assertAdmin(principal: Principal, action: string): void {
  if (principal.role !== 'admin') throw new ForbiddenError(`only an admin may ${action}`);
}

/** The scope id a role acts over for `principal`: its unit, working group or subtree root. */
function scopeIdOf(principal: Principal, role: EventRole): string | undefined {
  if (role === 'secretary') return principal.unitId;
  if (role === 'working_group') return principal.workingGroup;
  return principal.subtreeOf;
}

/**
 * The actor recorded on an event: how the principal signed in, who it is, the role it acted in and
 * that role's scope (and, for an account, the assignment it acted through).
 */
export function actorFor(principal: Principal, role: EventRole): RecordActor {
  const kind = principal.kind ?? (principal.role === 'system' ? 'system' : 'token');
  return {
    kind,
    principalId: principal.id,
    role,
    scope: scopeFor(role, scopeIdOf(principal, role)),
    ...(principal.assignmentId === undefined ? {} : { assignmentId: principal.assignmentId }),
  };
}

/**
 * Refuses events to a dissolved or merged unit with 409 `not_allowed` (no event is allowed in its
 * state; the request itself is valid, so not 422). Its history stays readable.
 */
export function assertOpen(unit: OrgUnit): void {
  if (unit.status === undefined) return;
  const into = unit.mergedInto === undefined ? '' : ` into ${unit.mergedInto}`;
  throw new ConflictError(
    `unit ${unit.id} was ${unit.status}${into}: it accepts no events, its history stays readable`,
    'not_allowed',
    {
      allowed: [],
      status: unit.status,
      ...(unit.mergedInto === undefined ? {} : { mergedInto: unit.mergedInto }),
    },
  );
}
