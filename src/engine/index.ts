/**
 * The durable engine: use cases over the pure statecharts and the Redis store.
 * `createEngine(deps)` is the only constructor; everything it returns checks access.
 */
import { createContext, type EngineDeps } from './context.js';
import { dispatch } from './dispatch.js';
import type { Engine } from './engine.types.js';
import { exportHistory } from './export-history.js';
import { importTree } from './import-tree.js';
import { rebuildRollups, scanDeadlineSets } from './maintenance.js';
import { ancestors, children, childrenWithStatus, getUnit, history, me, progress } from './reads.js';
import { markDeadlineOverdue } from './overdue-marks.js';
import { replay } from './replay.js';
import { subtreeIds, verify, verifyUnits } from './verify.js';

export type { EngineDeps, EngineLogger } from './context.js';
export { createEngineMetrics, type EngineMetrics } from './engine-metrics.js';
export type * from './engine.types.js';
export { canRead, canSend, eventRoleFor } from './access.js';
export { SYSTEM_PRINCIPAL } from '../domain/index.js';
export { percent, summarizeByLevel } from './rollup.js';

/** Builds the engine over one Redis client (key namespace `deps.prefix`, default `cg`). */
export function createEngine(deps: EngineDeps): Engine {
  const ctx = createContext(deps);
  return {
    importTree: (file, principal) => importTree(ctx, dispatch, file, principal),
    dispatch: (unitId, event, principal, options) => dispatch(ctx, unitId, event, principal, options),
    getUnit: (unitId, principal) => getUnit(ctx, unitId, principal),
    history: (unitId, page, principal) => history(ctx, unitId, page, principal),
    children: (unitId, principal) => children(ctx, unitId, principal),
    childrenWithStatus: (unitId, principal) => childrenWithStatus(ctx, unitId, principal),
    me: (principal) => me(ctx, principal),
    ancestors: (unitId) => ancestors(ctx, unitId),
    progress: (unitId, principal) => progress(ctx, unitId, principal),
    replay: (unitId, at, principal) => replay(ctx, unitId, at, principal),
    verify: (unitId, principal, options) => verify(ctx, unitId, principal, options),
    verifyUnits: (unitIds, principal) => verifyUnits(ctx, unitIds, principal),
    subtreeIds: (unitId, principal) => subtreeIds(ctx, unitId, principal),
    exportHistory: (unitId, format, principal) => exportHistory(ctx, unitId, format, principal),
    rebuildRollups: () => rebuildRollups(ctx),
    scanDeadlineSets: () => scanDeadlineSets(ctx),
    markOverdue: (unitId, deadline) => markDeadlineOverdue(ctx, unitId, deadline),
  };
}
