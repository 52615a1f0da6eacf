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
import { ancestors, children, getUnit, history, me, progress } from './reads.js';
import { atRiskInSubtree, childrenPage, childrenWithStatus } from './children-status.js';
import { markDeadlineOverdue } from './overdue-marks.js';
import { myWork } from './my-work.js';
import { dispatchReadRows, MAX_BATCH_ROWS } from './batch.js';
import type { dispatchBatch } from './batch.js';
import { rowsFromCsv } from './batch-csv.js';
import { ValidationError } from '../shared/errors.js';
import { replay } from './replay.js';
import { subtreeIds, verify, verifyUnits } from './verify.js';

export type { EngineDeps, EngineLogger } from './context.js';
export { createEngineMetrics, type EngineMetrics } from './engine-metrics.js';
export type * from './engine.types.js';
export { canRead, canSend, eventRoleFor } from './access.js';
export { SYSTEM_PRINCIPAL } from '../domain/index.js';
export { percent, summarizeByLevel } from './rollup.js';
export { MAX_BATCH_ROWS } from './batch.js';
export { batchTemplate, payloadColumns } from './batch-csv.js';

/** A batch over the limit is refused whole, before any row is sent. */
function checkBatchSize(rows: number): void {
  if (rows > MAX_BATCH_ROWS)
    throw new ValidationError(
      `A batch holds at most ${MAX_BATCH_ROWS} rows; this one has ${rows}. Split it and send each part; nothing was written.`,
      [{ path: 'rows', message: `at most ${MAX_BATCH_ROWS} rows` }],
    );
  if (rows === 0)
    throw new ValidationError('The batch has no rows: add one row per unit.', [
      { path: 'rows', message: 'at least 1 row' },
    ]);
}

/** Builds the engine over one Redis client (key namespace `deps.prefix`, default `cg`). */
export function createEngine(deps: EngineDeps): Engine {
  const ctx = createContext(deps);
  const send: Parameters<typeof dispatchBatch>[0] = (unitId, event, principal, options) =>
    dispatch(ctx, unitId, event, principal, options);
  return {
    dispatchBatch: (rows, principal) => {
      checkBatchSize(rows.length);
      return dispatchReadRows(send, rows, principal);
    },
    dispatchCsvBatch: (csv, type, principal) => {
      const rows = rowsFromCsv(csv, type);
      checkBatchSize(rows.length);
      return dispatchReadRows(send, rows, principal);
    },
    importTree: (file, principal) => importTree(ctx, dispatch, file, principal),
    dispatch: (unitId, event, principal, options) => dispatch(ctx, unitId, event, principal, options),
    getUnit: (unitId, principal) => getUnit(ctx, unitId, principal),
    history: (unitId, page, principal) => history(ctx, unitId, page, principal),
    children: (unitId, principal) => children(ctx, unitId, principal),
    childrenWithStatus: (unitId, principal) => childrenWithStatus(ctx, unitId, principal),
    childrenPage: (unitId, query, principal) => childrenPage(ctx, unitId, query, principal),
    atRisk: (unitId, page, principal) => atRiskInSubtree(ctx, unitId, page, principal),
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
    myWork: (principal, page) => myWork(ctx, principal, page),
    markOverdue: (unitId, deadline) => markDeadlineOverdue(ctx, unitId, deadline),
  };
}
