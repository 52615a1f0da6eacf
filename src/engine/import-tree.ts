/**
 * importTree: parse and validate the whole file first (any error → nothing written), then create,
 * update or leave each unit, fix the roll-ups, chain the organisation history and tell existing
 * parents about subordinate changes through their own logs.
 */
import { parseOrgTree } from '../org/parse-tree.js';
import { checkAgainstStore, isClosing } from '../org/store-checks.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import {
  appendOrgRecords,
  deadlineSetSchema,
  dropDeadlineSets,
  incrementRollups,
  readChildUnits,
  readOrgHead,
  readUnits,
  readUnitsWithSnaps,
  writeNewUnits,
  writeUnitUpdates,
  type StoredSnap,
  type StoredUnit,
} from '../store/index.js';
import { assertAdmin } from './access.js';
import { SYSTEM_PRINCIPAL } from '../domain/index.js';
import type { EngineContext } from './context.js';
import type { dispatch as dispatchFn } from './dispatch.js';
import type { ImportReport } from './engine.types.js';
import type { ImportRowError, OrgUnit, Principal } from '../domain/index.js';
import { canonicalJson, sha256Hex } from './hash-chain.js';
import { planImport, type ImportPlan, type OrgChange } from './import-plan.js';

type Dispatch = typeof dispatchFn;
const BATCH = 500;

type ImportFile = { format: 'csv' | 'json'; content: string };
type Existing = Map<string, { unit: StoredUnit; snap: StoredSnap }>;

function rejectRows(errors: readonly ImportRowError[]): never {
  const issues = errors.map((e) => ({ path: `line ${e.line}: ${e.field}`, message: e.reason }));
  throw new ValidationError(`import rejected: ${issues.length} invalid row(s), nothing was written`, issues);
}

function parseOrThrow(file: ImportFile) {
  const parsed = parseOrgTree(file);
  if (!parsed.ok) rejectRows(parsed.errors);
  return parsed;
}

/** Reads what the status checks need beyond the file's own units: merge targets and closing units' children. */
async function checkStatusesOrThrow(
  ctx: EngineContext,
  file: ImportFile,
  parsed: { units: OrgUnit[]; lines: Map<string, number> },
  existing: Existing,
) {
  const units = new Map([...existing].map(([id, row]) => [id, row.unit.unit]));
  const targets = parsed.units.flatMap((u) =>
    u.mergedInto && !units.has(u.mergedInto) ? [u.mergedInto] : [],
  );
  for (const target of await readUnits(ctx.redis, ctx.keys, [...new Set(targets)])) {
    if (target) units.set(target.unit.id, target.unit);
  }
  const closing = parsed.units.filter((u) => isClosing(u, units.get(u.id))).map((u) => u.id);
  const stored = await readChildUnits(ctx.redis, ctx.keys, closing);
  const children = new Map([...stored].map(([id, list]) => [id, list.map((c) => c.unit)]));
  const errors = checkAgainstStore(parsed.units, parsed.lines, file.format, { units, children });
  if (errors.length > 0) rejectRows(errors);
}

async function readExisting(ctx: EngineContext, ids: readonly string[]) {
  const existing: Existing = new Map();
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

/** Units leaving the tree keep their logs, but their open deadlines and queued jobs go. */
async function dropClosedDeadlines(ctx: EngineContext, plan: ImportPlan) {
  const previous = await dropDeadlineSets(ctx.redis, ctx.keys, [...plan.closed]);
  const scheduler = ctx.scheduler;
  if (!scheduler) return;
  for (const [unitId, json] of previous) {
    if (json === null) continue;
    await scheduler.sync(unitId, deadlineSetSchema.parse(json), []).catch((error: unknown) => {
      ctx.logger.warn({ err: error, unitId }, 'deadline cancellation failed after import');
    });
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
  file: ImportFile,
  principal: Principal,
): Promise<ImportReport> {
  assertAdmin(principal, 'import an organisation tree');
  const parsed = parseOrThrow(file);
  const existing = await readExisting(
    ctx,
    parsed.units.map((u) => u.id),
  );
  await checkStatusesOrThrow(ctx, file, parsed, existing);
  const now = ctx.clock.now().toISOString();
  const plan = planImport(ctx, parsed.units, existing, now);
  await writeNewUnits(ctx.redis, ctx.keys, plan.created);
  await writeUnitUpdates(ctx.redis, ctx.keys, plan.updates);
  await incrementRollups(ctx.redis, ctx.keys, plan.rollupDeltas);
  await dropClosedDeadlines(ctx, plan);
  await appendOrgHistory(ctx, plan.orgChanges, principal, now);
  await syncNewDeadlines(ctx, plan);
  await notifyParents(ctx, dispatch, plan, sha256Hex(file.content));
  return plan.report;
}
