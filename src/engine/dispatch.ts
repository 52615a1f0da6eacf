/**
 * dispatch: authorize, read the unit in one round trip (or plan from what this engine last wrote to
 * it, see known-units.ts), compute the transition purely, append with one script call (idempotency,
 * compare-and-set on version and organisation revision), then sync deadlines and cascade to the parent.
 */
import type { MachineEffect } from '../../machines/api.types.js';
import type { Deadline } from '../../machines/domain.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  ValidationError,
  type FieldIssue,
} from '../shared/errors.js';
import {
  appendEvent,
  deadlineSetSchema,
  effectsSchema,
  readWholeLog,
  readForDispatch,
  readLastOccurredAt,
  rememberWrittenSnap,
  type DispatchRead,
  type StoredUnit,
} from '../store/index.js';
import { actorFor, assertCanSend, assertOpen, eventRoleFor, unknownUnit } from './access.js';
import { GuardErrorRefusal, planAppend, type AppendPlan, type EventRequest } from './append-plan.js';
import { cascadeToParent, cascadeToSubordinates } from './cascade.js';
import { withAllocatedSeats } from './delegate-allocation.js';
import type { EngineContext } from './context.js';
import type { DispatchOptions, DispatchResult } from './engine.types.js';
import type { Principal } from '../domain/index.js';
import { CORRECTION_TYPE } from './corrections.js';
import { planCorrection } from './correction-plan.js';
import { requestBodyHash } from './hash-chain.js';
import type { KnownUnit } from './known-units.js';

/** What one locked attempt produced: the result, the effects still to perform, the parent. */
interface Attempt {
  result: DispatchResult;
  effects: MachineEffect[];
  parentId: string | null;
  /** Set for a fresh append: the deadline sets to hand to the scheduler. */
  deadlines?: { previousJson: string | null; previous?: readonly Deadline[]; next: Deadline[] };
}

function validateRequest(request: EventRequest): void {
  const issues: FieldIssue[] = [];
  if (!Object.hasOwn(EVENT_CATALOGUE, request.type) && request.type !== CORRECTION_TYPE) {
    issues.push({ path: 'type', message: `unknown event type "${request.type}"` });
  }
  if (typeof request.payload !== 'object' || request.payload === null || Array.isArray(request.payload)) {
    issues.push({ path: 'payload', message: 'payload must be an object' });
  }
  if (request.at !== undefined && Number.isNaN(Date.parse(request.at))) {
    issues.push({ path: 'occurredAt', message: 'occurredAt must be an ISO 8601 instant' });
  }
  if (issues.length > 0) throw new ValidationError(`invalid event ${request.type}`, issues);
}

function requireStored(read: DispatchRead, unitId: string, principal: Principal, eventType: string) {
  if (!read.unit || !read.snap) throw unknownUnit(principal, unitId, eventType);
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

/** Plans `request` on `state` and appends it; the caller has handled a read idempotency record. */
async function appendOn(
  ctx: EngineContext,
  unitId: string,
  state: KnownUnit,
  request: EventRequest,
  principal: Principal,
  options: DispatchOptions,
  bodyHash: string,
): Promise<Attempt> {
  const { unit, ancestorIds } = state.unit;
  const correcting = request.type === CORRECTION_TYPE;
  const role = eventRoleFor(principal, unit, ancestorIds);
  if (!correcting) assertCanSend(principal, unit, ancestorIds, request.type);
  else if (role === null)
    throw new ForbiddenError(`${principal.role} ${principal.id} may not correct entries of unit ${unitId}`);
  assertOpen(unit);
  checkExpectedVersion(unitId, state.snap.version, options);
  const lastOccurredAt =
    state.snap.lastOccurredAt ??
    (state.snap.version === 0 ? undefined : await readLastOccurredAt(ctx.redis, ctx.keys, unitId));
  const recording = {
    actor: actorFor(principal, role!),
    backfilled: options.backfilled === true,
    lastOccurredAt,
  };
  const plan = correcting
    ? planCorrection(
        ctx,
        state,
        request,
        { ...recording, role },
        await readWholeLog(ctx.redis, ctx.keys, unitId),
      )
    : planAppend(ctx, state, await withAllocatedSeats(ctx, unitId, unit.parentId, request), recording);
  const idempotency =
    options.idempotencyKey === undefined
      ? undefined
      : { key: options.idempotencyKey, bodyHash, ttlSeconds: ctx.idempotencyTtlSeconds };
  // An unchanged deadline set is not resent: fewer bytes on the hot path, and the scheduler is spared.
  const unchanged = plan.input.deadlinesJson === state.deadlinesJson;
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
  rememberWritten(ctx, unitId, state.unit, plan, appended.version);
  if (unchanged) return { result, effects: plan.effects, parentId: unit.parentId };
  const deadlines = {
    previousJson: state.deadlinesJson,
    ...(state.deadlines ? { previous: state.deadlines } : {}),
    next: plan.nextDeadlines,
  };
  return { result, effects: plan.effects, parentId: unit.parentId, deadlines };
}

/**
 * Plans from what this engine last wrote to the unit when it can (no read); any refusal there may
 * come from that state being stale (another process wrote, an import moved the unit), so the
 * authoritative answer is then given by the read path. Only refusals fall back: a Redis error may
 * follow an append that happened, so it propagates.
 */
async function attempt(
  ctx: EngineContext,
  unitId: string,
  request: EventRequest,
  principal: Principal,
  options: DispatchOptions,
): Promise<Attempt> {
  const bodyHash = options.idempotencyKey === undefined ? '' : requestBodyHash(request);
  const known = ctx.known.get(unitId);
  if (known && (options.expectedVersion === undefined || options.expectedVersion === known.snap.version)) {
    try {
      return await appendOn(ctx, unitId, known, request, principal, options, bodyHash);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.known.forget(unitId);
    }
  }
  const read = await readForDispatch(ctx.redis, ctx.keys, unitId, options.idempotencyKey);
  const stored = requireStored(read, unitId, principal, request.type);
  const { unit, ancestorIds } = stored.unit;
  if (read.idempotency) {
    assertCanSend(principal, unit, ancestorIds, request.type);
    if (read.idempotency.bodyHash !== bodyHash) throw mismatch(unitId);
    return { ...duplicateOf(unitId, read.idempotency), parentId: unit.parentId };
  }
  return appendOn(
    ctx,
    unitId,
    { ...stored, deadlinesJson: read.deadlinesJson },
    request,
    principal,
    options,
    bodyHash,
  );
}

/**
 * Keeps what was just written: the next dispatch on this unit plans from it without a read, and the
 * next read of it skips parsing the snapshot back.
 */
function rememberWritten(
  ctx: EngineContext,
  unitId: string,
  unit: StoredUnit,
  plan: AppendPlan,
  version: number,
): void {
  if (version !== plan.written.version) return;
  const { input, written } = plan;
  ctx.known.set(unitId, {
    unit,
    snap: written,
    deadlinesJson: input.deadlinesJson,
    deadlines: plan.nextDeadlines,
  });
  rememberWrittenSnap(ctx.keys, input, version, written);
}

/**
 * A lost compare-and-set is retried when the caller gave no expected version; an organisation change
 * between the read and the append (a move, a new working group) always is, since the caller's
 * expectation is about the unit's procedure, not its place in the tree.
 */
function isRetryableConflict(error: unknown, options: DispatchOptions): boolean {
  if (!(error instanceof ConflictError)) return false;
  if (error.reason === 'organisation_changed') return true;
  return error.reason === 'version_conflict' && options.expectedVersion === undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jittered exponential back-off so concurrent losers do not collide again in lockstep. */
function backoff(attempt: number): Promise<unknown> {
  return pause(Math.random() * Math.min(16, 2 ** attempt));
}

async function syncDeadlines(ctx: EngineContext, unitId: string, deadlines: Attempt['deadlines']) {
  if (!ctx.scheduler || !deadlines) return;
  try {
    const previous =
      deadlines.previous ??
      (deadlines.previousJson === null ? [] : deadlineSetSchema.parse(deadlines.previousJson));
    await ctx.scheduler.sync(unitId, previous, deadlines.next);
  } catch (error) {
    // The stored deadline set is the source of truth; the reconciler repairs missed jobs.
    ctx.logger.warn({ err: error, unitId }, 'deadline scheduling failed after append');
  }
}

/**
 * Logs and counts the guards that threw in the refusal leaving dispatch. Only here: a refusal planned
 * from this engine's remembered state is re-decided on a fresh read, and must not count twice.
 */
function reported(ctx: EngineContext, unitId: string, type: string, error: unknown): unknown {
  if (!(error instanceof GuardErrorRefusal)) return error;
  for (const { guard, message } of error.guardErrors) {
    ctx.logger.error({ unitId, event: type, guard, error: message }, 'machine guard threw');
    ctx.metrics.guardErrors.inc({ guard });
  }
  return error;
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
      const child = {
        unitId,
        parentId: done.parentId,
        seq: done.result.seq,
        effects: done.effects,
        backfilled: options.backfilled === true,
      };
      const up = await cascadeToParent(ctx, dispatch, child);
      const down = await cascadeToSubordinates(ctx, dispatch, child);
      return { ...done.result, cascaded: [...up, ...down] };
    } catch (error) {
      if (!isRetryableConflict(error, options) || n >= ctx.maxRetries)
        throw reported(ctx, unitId, request.type, error);
      await backoff(n);
    }
  }
}
