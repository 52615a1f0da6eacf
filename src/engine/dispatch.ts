/**
 * dispatch: authorize, read the unit in one round trip, compute the transition purely, append with
 * one script call (idempotency + compare-and-set), then sync deadlines and cascade to the parent.
 */
import type { MachineEffect } from '../../machines/api.types.js';
import type { Deadline } from '../../machines/domain.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../shared/errors.js';
import {
  appendEvent,
  deadlineSetSchema,
  effectsSchema,
  readForDispatch,
  rememberWrittenSnap,
  type DispatchRead,
} from '../store/index.js';
import { actorFor, assertCanSend, assertOpen, eventRoleFor } from './access.js';
import { planAppend, type AppendPlan, type EventRequest } from './append-plan.js';
import { cascadeToParent } from './cascade.js';
import type { EngineContext } from './context.js';
import type { DispatchOptions, DispatchResult, Principal } from './engine.types.js';
import { requestBodyHash } from './hash-chain.js';

/** What one locked attempt produced: the result, the effects still to perform, the parent. */
interface Attempt {
  result: DispatchResult;
  effects: MachineEffect[];
  parentId: string | null;
  /** Set for a fresh append: the deadline sets to hand to the scheduler. */
  deadlines?: { previousJson: string | null; next: Deadline[] };
}

function validateRequest(request: EventRequest): void {
  const issues: FieldIssue[] = [];
  if (!Object.hasOwn(EVENT_CATALOGUE, request.type)) {
    issues.push({ path: 'type', message: `unknown event type "${request.type}"` });
  }
  if (typeof request.payload !== 'object' || request.payload === null || Array.isArray(request.payload)) {
    issues.push({ path: 'payload', message: 'payload must be an object' });
  }
  if (request.at !== undefined && Number.isNaN(Date.parse(request.at))) {
    issues.push({ path: 'at', message: 'at must be an ISO 8601 instant' });
  }
  if (issues.length > 0) throw new ValidationError(`invalid event ${request.type}`, issues);
}

function requireStored(read: DispatchRead, unitId: string) {
  if (!read.unit || !read.snap) throw new NotFoundError(`unit ${unitId} not found`);
  return { unit: read.unit, snap: read.snap };
}

function mismatch(unitId: string): ConflictError {
  return new ConflictError(
    `idempotency key already used on ${unitId} with a different request body`,
    'idempotency_mismatch',
  );
}

/** The stored result of an idempotency key, as a duplicate answer with its effects. */
function duplicateOf(unitId: string, record: NonNullable<DispatchRead['idempotency']>) {
  const result: DispatchResult = {
    unitId,
    duplicate: true,
    seq: record.seq,
    version: record.version,
    hash: record.hash,
    phase: record.phase as DispatchResult['phase'],
    cascaded: [],
  };
  return { result, effects: effectsSchema.parse(record.effectsJson) };
}

function checkExpectedVersion(unitId: string, current: number, options: DispatchOptions): void {
  if (options.expectedVersion === undefined || options.expectedVersion === current) return;
  throw new ConflictError(
    `unit ${unitId} is at version ${current}, not ${options.expectedVersion}`,
    'version_conflict',
    {
      currentVersion: current,
      expectedVersion: options.expectedVersion,
    },
  );
}

async function attempt(
  ctx: EngineContext,
  unitId: string,
  request: EventRequest,
  principal: Principal,
  options: DispatchOptions,
): Promise<Attempt> {
  const read = await readForDispatch(ctx.redis, ctx.keys, unitId, options.idempotencyKey);
  const stored = requireStored(read, unitId);
  const { unit, ancestorIds } = stored.unit;
  assertCanSend(principal, unit, ancestorIds, request.type);
  const bodyHash = options.idempotencyKey === undefined ? '' : requestBodyHash(request);
  if (read.idempotency) {
    if (read.idempotency.bodyHash !== bodyHash) throw mismatch(unitId);
    return { ...duplicateOf(unitId, read.idempotency), parentId: unit.parentId };
  }
  assertOpen(unit);
  checkExpectedVersion(unitId, stored.snap.version, options);
  const plan = planAppend(
    ctx,
    stored,
    request,
    actorFor(principal, eventRoleFor(principal, unit, ancestorIds)!),
  );
  const idempotency =
    options.idempotencyKey === undefined
      ? undefined
      : { key: options.idempotencyKey, bodyHash, ttlSeconds: ctx.idempotencyTtlSeconds };
  // An unchanged deadline set is not resent: fewer bytes on the hot path, and the scheduler is spared.
  const unchanged = plan.input.deadlinesJson === read.deadlinesJson;
  const input = { ...plan.input, idempotency, deadlinesJson: unchanged ? '=' : plan.input.deadlinesJson };
  const { effectsJson, ...appended } = await appendEvent(ctx.redis, ctx.keys, input);
  const result: DispatchResult = {
    unitId,
    ...appended,
    phase: appended.phase as DispatchResult['phase'],
    cascaded: [],
  };
  if (appended.duplicate)
    return { result, effects: effectsSchema.parse(effectsJson), parentId: unit.parentId };
  rememberWritten(ctx, unitId, plan, appended.version);
  if (unchanged) return { result, effects: plan.effects, parentId: unit.parentId };
  const deadlines = { previousJson: read.deadlinesJson, next: plan.nextDeadlines };
  return { result, effects: plan.effects, parentId: unit.parentId, deadlines };
}

/** Lets the next read of this unit reuse the snapshot just written instead of parsing it back. */
function rememberWritten(ctx: EngineContext, unitId: string, plan: AppendPlan, version: number): void {
  if (version !== plan.written.version) return;
  const { input } = plan;
  const fields = {
    v: String(version),
    h: input.hash,
    s: input.snapshotJson,
    p: input.phase,
    m: input.milestonesJson,
  };
  rememberWrittenSnap(ctx.keys, unitId, fields, plan.written);
}

function isRetryableConflict(error: unknown, options: DispatchOptions): boolean {
  return (
    error instanceof ConflictError &&
    error.reason === 'version_conflict' &&
    options.expectedVersion === undefined
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jittered exponential back-off so concurrent losers do not collide again in lockstep. */
function backoff(attempt: number): Promise<unknown> {
  return pause(Math.random() * Math.min(16, 2 ** attempt));
}

async function syncDeadlines(ctx: EngineContext, unitId: string, deadlines: Attempt['deadlines']) {
  if (!ctx.scheduler || !deadlines) return;
  try {
    const previous = deadlines.previousJson === null ? [] : deadlineSetSchema.parse(deadlines.previousJson);
    await ctx.scheduler.sync(unitId, previous, deadlines.next);
  } catch (error) {
    // The stored deadline set is the source of truth; the reconciler repairs missed jobs.
    ctx.logger.warn({ err: error, unitId }, 'deadline scheduling failed after append');
  }
}

/**
 * Appends `request` to unit `unitId` on behalf of `principal`. Without `expectedVersion`, a lost
 * compare-and-set is retried on fresh state (bounded); with it, the caller gets the conflict.
 * A duplicate (same idempotency key and body) re-runs the cascade, which is itself idempotent, so a
 * retry after a crash between the append and the cascade completes it.
 */
export async function dispatch(
  ctx: EngineContext,
  unitId: string,
  request: EventRequest,
  principal: Principal,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  validateRequest(request);
  for (let n = 0; ; n++) {
    try {
      const done = await ctx.locks.run(unitId, () => attempt(ctx, unitId, request, principal, options));
      await syncDeadlines(ctx, unitId, done.deadlines);
      const child = { unitId, parentId: done.parentId, seq: done.result.seq, effects: done.effects };
      return { ...done.result, cascaded: await cascadeToParent(ctx, dispatch, child) };
    } catch (error) {
      if (!isRetryableConflict(error, options) || n >= ctx.maxRetries) throw error;
      await backoff(n);
    }
  }
}
