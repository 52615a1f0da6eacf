/**
 * Many events in one request, each its own append: a row is accepted (with its seq) or refused (with
 * the reason), and a refused row writes nothing, since each dispatch is one atomic script call that
 * refuses before it writes. Rows of one unit run in their order; different units run side by side.
 */
import { AppError } from '../shared/errors.js';
import type { Principal } from '../domain/index.js';

/** Largest batch: a standing committee's whole subtree in one afternoon is a few of these. */
export const MAX_BATCH_ROWS = 1_000;

/** One row: exactly one event for one unit. */
export interface BatchRow {
  unitId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt?: string;
  idempotencyKey: string;
}

export type BatchRowResult =
  | { row: number; unitId: string; status: 'accepted'; seq: number; version: number; duplicate: boolean }
  | {
      row: number;
      unitId: string;
      status: 'refused';
      httpStatus: number;
      code: string;
      reason: string;
      details?: Record<string, unknown>;
    };

type Dispatch = (
  unitId: string,
  event: { type: string; payload: Record<string, unknown>; at?: string },
  principal: Principal,
  options: { idempotencyKey: string },
) => Promise<{ seq: number; version: number; duplicate: boolean }>;

/** Units handled at once: enough to overlap round trips, few enough to leave room for other requests. */
const PARALLEL_UNITS = 8;

async function runRow(
  dispatch: Dispatch,
  row: BatchRow,
  index: number,
  principal: Principal,
): Promise<BatchRowResult> {
  const base = { row: index + 1, unitId: row.unitId };
  try {
    const event = { type: row.type, payload: row.payload, ...(row.occurredAt ? { at: row.occurredAt } : {}) };
    const r = await dispatch(row.unitId, event, principal, { idempotencyKey: row.idempotencyKey });
    return { ...base, status: 'accepted', seq: r.seq, version: r.version, duplicate: r.duplicate };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = Object.keys(error.details).length > 0 ? { details: error.details } : {};
    return {
      ...base,
      status: 'refused',
      httpStatus: error.status,
      code: error.code,
      reason: error.message,
      ...details,
    };
  }
}

/**
 * Dispatches every row as `principal`; answers in row order (row numbers from 1). An error that is
 * not a refusal (Redis down) propagates: the caller cannot know which rows were written, and resends
 * the batch, which the idempotency keys make safe.
 */
export async function dispatchBatch(
  dispatch: Dispatch,
  rows: readonly BatchRow[],
  principal: Principal,
): Promise<BatchRowResult[]> {
  const results: BatchRowResult[] = new Array<BatchRowResult>(rows.length);
  const byUnit = new Map<string, number[]>();
  rows.forEach((row, i) => byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), i]));
  const queues = [...byUnit.values()];
  const worker = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) {
      for (const i of queue) results[i] = await runRow(dispatch, rows[i]!, i, principal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UNITS, queues.length) }, worker));
  return results;
}

/** A row as read from a request or a file: ready to send, or refused before sending with why. */
export type ReadRow =
  { ok: true; row: BatchRow } | { ok: false; unitId: string; code: string; reason: string };

/** Rows read from a request or a file, some already refused: sends the others, answers every row in order. */
export async function dispatchReadRows(
  dispatch: Dispatch,
  read: readonly ReadRow[],
  principal: Principal,
): Promise<BatchRowResult[]> {
  const sendable = read.flatMap((r, i) => (r.ok ? [{ row: r.row, i }] : []));
  const sent = await dispatchBatch(
    dispatch,
    sendable.map((s) => s.row),
    principal,
  );
  const results: BatchRowResult[] = read.map((r, i) =>
    r.ok
      ? (undefined as unknown as BatchRowResult)
      : { row: i + 1, unitId: r.unitId, status: 'refused', httpStatus: 422, code: r.code, reason: r.reason },
  );
  sendable.forEach((s, n) => (results[s.i] = { ...sent[n]!, row: s.i + 1 }));
  return results;
}
