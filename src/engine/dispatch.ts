/**
 * dispatch: authorize, read the unit in one round trip, compute the transition purely, append with
 * one script call (idempotency + compare-and-set), then sync deadlines and cascade to the parent.
 */
import { EVENT_CATALOGUE } from '../../machines/index.js';
import type { Deadline } from '../../machines/domain.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { appendEvent, deadlineSetSchema, readForDispatch, type DispatchRead } from '../store/index.js';
import { actorFor, assertCanSend, eventRoleFor } from './access.js';
import { planAppend, type AppendPlan, type EventRequest } from './append-plan.js';
import { cascadeToParent } from './cascade.js';
import type { EngineContext } from './context.js';
import type { DispatchOptions, DispatchResult, Principal } from './engine.types.js';
import { requestBodyHash } from './hash-chain.js';

function validateRequest(request: EventRequest): void {
  const issues = [];
  if (!Object.hasOwn(EVENT_CATALOGUE, request.type))
    issues.push({ path: 'type', message: `unknown event type "${request.type}"` });
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

function duplicateOf(read: DispatchRead, unitId: string, bodyHash: string): DispatchResult | null {
  const idem = read.idempotency;
  if (!idem) return null;
  if (idem.bodyHash !== bodyHash) {
    throw new ConflictError(
      `idempotency key already used on ${unitId} with a different request body`,
      'idempotency_mismatch',
    );
  }
  const phase = idem.phase as DispatchResult['phase'];
  return {
    unitId,
    duplicate: true,
    seq: idem.seq,
    version: idem.version,
    hash: idem.hash,
    phase,
    cascaded: [],
  };
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

async function syncDeadlines(
  ctx: EngineContext,
  unitId: string,
  previousJson: string | null,
  next: Deadline[],
) {
  if (!ctx.scheduler) return;
  try {
    const previous = previousJson === null ? [] : deadlineSetSchema.parse(previousJson);
    await ctx.scheduler.sync(unitId, previous, next);
  } catch (error) {
    // The stored deadline set is the source of truth; the reconciler repairs missed jobs.
    ctx.logger.warn({ err: error, unitId }, 'deadline scheduling failed after append');
  }
}

async function attempt(
  ctx: EngineContext,
  unitId: string,
  request: EventRequest,
  principal: Principal,
  options: DispatchOptions,
): Promise<{ result: DispatchResult; plan?: AppendPlan; read: DispatchRead }> {
  const read = await readForDispatch(ctx.redis, ctx.keys, unitId, options.idempotencyKey);
  const stored = requireStored(read, unitId);
  assertCanSend(principal, stored.unit.unit, stored.unit.ancestorIds, request.type);
  const bodyHash = options.idempotencyKey === undefined ? '' : requestBodyHash(request);
  const duplicate = duplicateOf(read, unitId, bodyHash);
  if (duplicate) return { result: duplicate, read };
  if (options.expectedVersion !== undefined && options.expectedVersion !== stored.snap.version) {
    throw new ConflictError(
      `unit ${unitId} is at version ${stored.snap.version}, not ${options.expectedVersion}`,
      'version_conflict',
      {
        currentVersion: stored.snap.version,
        expectedVersion: options.expectedVersion,
      },
    );
  }
  const role = eventRoleFor(principal, stored.unit.unit, stored.unit.ancestorIds)!;
  const plan = planAppend(ctx, stored, request, actorFor(principal, role));
  const idempotency =
    options.idempotencyKey === undefined
      ? undefined
      : { key: options.idempotencyKey, bodyHash, ttlSeconds: ctx.idempotencyTtlSeconds };
  const appended = await appendEvent(ctx.redis, ctx.keys, { ...plan.input, idempotency });
  const result: DispatchResult = {
    unitId,
    ...appended,
    phase: appended.phase as DispatchResult['phase'],
    cascaded: [],
  };
  return appended.duplicate ? { result, read } : { result, plan, read };
}

/**
 * Appends `request` to unit `unitId` on behalf of `principal`. Without `expectedVersion`, a lost
 * compare-and-set is retried on fresh state (bounded); with it, the caller gets the conflict.
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
      const { result, plan, read } = await ctx.locks.run(unitId, () =>
        attempt(ctx, unitId, request, principal, options),
      );
      if (!plan) return result;
      await syncDeadlines(ctx, unitId, read.deadlinesJson, plan.nextDeadlines);
      const parentId = read.unit?.unit.parentId ?? null;
      const cascaded = await cascadeToParent(ctx, dispatch, {
        unitId,
        parentId,
        seq: result.seq,
        effects: plan.effects,
      });
      return { ...result, cascaded };
    } catch (error) {
      if (!isRetryableConflict(error, options) || n >= ctx.maxRetries) throw error;
      await backoff(n);
    }
  }
}
