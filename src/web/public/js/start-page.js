/**
 * Where a person starts after signing in, from `GET /me`: those who act on units (secretaries,
 * working groups, standing committees) on the work waiting on them, sorted by due date; readers
 * (inspection, auditors) and administrators on the progress of their scope. Shared by every way of
 * signing in (token, password, organisation).
 */

/** @typedef {{ token: string, root: string, work?: boolean }} SignIn */

const ACTING_ROLES = ['secretary', 'working_group', 'standing_committee'];

/**
 * The unit a scope begins at: its root, else (working groups) the first assigned unit.
 * @param {import('./schemas.js').Me} me
 */
export const startOf = (me) => me.startUnitId ?? me.assignedUnitIds?.[0] ?? null;

/**
 * Whether `me` starts on the work page rather than on its scope's progress.
 * @param {import('./schemas.js').Me} me
 */
export const startsOnWork = (me) => ACTING_ROLES.includes(me.principal.role);
