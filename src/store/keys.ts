/**
 * The one place Redis key names are built. Every per-unit key carries the hash tag `{unitId}`, so a
 * unit's snapshot, log, idempotency records, deadline set and roll-up hash share one Cluster slot.
 */

/** Default namespace of all keys; tests pass a unique prefix and delete only that. */
export const DEFAULT_PREFIX = 'cg';

/** Key names of one namespace. */
export interface KeySpace {
  readonly prefix: string;
  /** Hash: snapshot JSON, version, head hash, phase, milestone flags. */
  snap(unitId: string): string;
  /** Stream: the unit's hash-chained event log, entry id `<seq>-0`. */
  log(unitId: string): string;
  /** Hash: one idempotency record (body hash and the result it produced). */
  idempotency(unitId: string, key: string): string;
  /** String: JSON of the unit's open deadline set. */
  deadlines(unitId: string): string;
  /** Hash: counters of the unit's strict subtree, fields `<level>|<block>|<counter>`. */
  rollup(unitId: string): string;
  /** Hash: the unit's organisation data, cached ancestor ids and creation input. */
  unit(unitId: string): string;
  /** Set: ids of the unit's direct subordinates. */
  children(unitId: string): string;
  /** Set: every unit id. */
  readonly allUnits: string;
  /** Set: ids of units whose stored deadline set is not empty. */
  readonly unitsWithDeadlines: string;
  /** Stream: hash-chained history of organisation changes (moves, renames, member counts). */
  readonly orgLog: string;
  /** Hash: version and head hash of the organisation history. */
  readonly orgHead: string;
  /** Stream: cascades the parent did not accept, for operators to follow up. */
  readonly cascadeFailures: string;
}

/** Builds the key names of namespace `prefix`. */
export function createKeySpace(prefix: string = DEFAULT_PREFIX): KeySpace {
  if (prefix.length === 0 || /[{}\s]/.test(prefix)) {
    throw new Error(`invalid key prefix "${prefix}": must be non-empty without braces or spaces`);
  }
  const u = (unitId: string) => `${prefix}:{${unitId}}`;
  return {
    prefix,
    snap: (id) => `${u(id)}:snap`,
    log: (id) => `${u(id)}:log`,
    idempotency: (id, key) => `${u(id)}:idem:${key}`,
    deadlines: (id) => `${u(id)}:deadlines`,
    rollup: (id) => `${u(id)}:rollup`,
    unit: (id) => `${u(id)}:unit`,
    children: (id) => `${u(id)}:children`,
    allUnits: `${prefix}:units`,
    unitsWithDeadlines: `${prefix}:units-with-deadlines`,
    orgLog: `${prefix}:org:log`,
    orgHead: `${prefix}:org:head`,
    cascadeFailures: `${prefix}:cascade:failures`,
  };
}
