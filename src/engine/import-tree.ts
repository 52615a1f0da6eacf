/**
 * importTree: parse and validate the whole file first (any error → nothing written), then create,
 * update or leave each unit, fix the roll-ups, chain the organisation history and tell existing
 * parents about subordinate changes through their own logs.
 */
import { parseOrgTree } from '../org/parse-tree.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import {
  appendOrgRecords,
  incrementRollups,
  readOrgHead,
  readUnitsWithSnaps,
  writeNewUnits,
  writeUnitUpdates,
  type StoredSnap,
  type StoredUnit,
} from '../store/index.js';
import { assertAdmin } from './access.js';
import { SYSTEM_PRINCIPAL } from './cascade.js';
import type { EngineContext } from './context.js';
import type { dispatch as dispatchFn } from './dispatch.js';
import type { ImportReport, OrgUnit, Principal } from './engine.types.js';
import { canonicalJson, sha256Hex } from './hash-chain.js';
import { planImport, type ImportPlan, type OrgChange } from './import-plan.js';

type Dispatch = typeof dispatchFn;
const BATCH = 500;

function parseOrThrow(ctx: EngineContext, file: { format: 'csv' | 'json'; content: string }): OrgUnit[] {
  const parsed = parseOrgTree(file);
  if (!parsed.ok) {
    const issues = parsed.errors.map((e) => ({ path: `line ${e.line}: ${e.field}`, message: e.reason }));
    throw new ValidationError(
      `import rejected: ${issues.length} invalid row(s), nothing was written`,
      issues,
    );
  }
  return parsed.units;
}

async function readExisting(ctx: EngineContext, ids: readonly string[]) {
  const existing = new Map<string, { unit: StoredUnit; snap: StoredSnap }>();
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const row of await readUnitsWithSnaps(ctx.redis, ctx.keys, ids.slice(i, i + BATCH))) {
      existing.set(row.unit.unit.id, row);
    }
  }
  return existing;
}

/** Chains `changes` onto the organisation history, a batch per script call, re-reading on conflict. */
async function appendOrgHistory(
  ctx: EngineContext,
  changes: readonly OrgChange[],
  principal: Principal,
  at: string,
) {
  for (let i = 0; i < changes.length;) {
    const batch = changes.slice(i, i + BATCH);
    const { version, head } = await readOrgHead(ctx.redis, ctx.keys);
    let prevHash = head;
    const recordJsons = batch.map((change, k) => {
      const record = {
        seq: version + k + 1,
        ...change,
        at,
        actor: { principalId: principal.id, role: principal.role },
        prevHash,
      };
      prevHash = sha256Hex(prevHash + canonicalJson(record));
      return JSON.stringify({ ...record, hash: prevHash });
    });
    try {
      await appendOrgRecords(ctx.redis, ctx.keys, {
        expectedVersion: version,
        headHash: prevHash,
        recordJsons,
      });
      i += batch.length;
    } catch (error) {
      // Another import moved the head: re-read it and chain this batch again.
      if (!(error instanceof ConflictError && error.reason === 'version_conflict')) throw error;
    }
  }
}

async function syncNewDeadlines(ctx: EngineContext, plan: ImportPlan) {
  const scheduler = ctx.scheduler;
  if (!scheduler) return;
  for (let i = 0; i < plan.newDeadlines.length; i += 50) {
    await Promise.all(
      plan.newDeadlines.slice(i, i + 50).map(({ unitId, deadlines }) =>
        scheduler.sync(unitId, [], deadlines).catch((error: unknown) => {
          ctx.logger.warn({ err: error, unitId }, 'deadline scheduling failed after import');
        }),
      ),
    );
  }
}

async function notifyParents(ctx: EngineContext, dispatch: Dispatch, plan: ImportPlan, fileHash: string) {
  for (const [parentId, payload] of plan.hierarchy) {
    const request = { type: 'hierarchy.subordinates_changed', payload };
    try {
      await dispatch(ctx, parentId, request, SYSTEM_PRINCIPAL, {
        idempotencyKey: `import:${fileHash}:${parentId}`,
      });
    } catch (error) {
      ctx.logger.warn({ err: error, parentId }, 'parent did not accept its subordinate change');
    }
  }
}

/** Imports an organisation tree file; admin only. */
export async function importTree(
  ctx: EngineContext,
  dispatch: Dispatch,
  file: { format: 'csv' | 'json'; content: string },
  principal: Principal,
): Promise<ImportReport> {
  assertAdmin(principal, 'import an organisation tree');
  const units = parseOrThrow(ctx, file);
  const existing = await readExisting(
    ctx,
    units.map((u) => u.id),
  );
  const now = ctx.clock.now().toISOString();
  const plan = planImport(ctx, units, existing, now);
  await writeNewUnits(ctx.redis, ctx.keys, plan.created);
  await writeUnitUpdates(ctx.redis, ctx.keys, plan.updates);
  await incrementRollups(ctx.redis, ctx.keys, plan.rollupDeltas);
  await appendOrgHistory(ctx, plan.orgChanges, principal, now);
  await syncNewDeadlines(ctx, plan);
  await notifyParents(ctx, dispatch, plan, sha256Hex(file.content));
  return plan.report;
}
