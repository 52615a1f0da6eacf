import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/shared/errors.js';
import { buildDistrict, principals, toCsv } from '../support/builders.js';
import { namespaceContent, patch, readOrgRecords, toStatusCsv } from '../org/org-closing.builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const CELL = 'district-b0-c1';
const flag = { type: 'unit.flagged_difficult', payload: { reason: 'complaints' } };

describe('importTree: dissolving a unit', () => {
  let f: EngineFixture;
  const tree = buildDistrict({ bases: 2, cellsPerBase: 3 });
  const dissolved = patch(tree, CELL, { status: 'dissolved' });
  const cellRow = async (unitId: string) =>
    (await f.engine.progress(unitId, principals.admin)).find((r) => r.level === 'cell');

  beforeEach(async () => {
    f = await openEngineFixture('import-dissolve');
    await f.engine.importTree({ format: 'csv', content: toCsv(tree) }, principals.admin);
    // At risk and in a log of its own, so the roll-ups have more than a total to lose.
    await f.engine.dispatch(CELL, flag, principals.committeeOf('district'));
  });
  afterEach(async () => f.cleanup());

  it('when a cell is dissolved, then its parent logs the removal and leaves it out of its gate', async () => {
    const report = await f.engine.importTree(toStatusCsv(dissolved), principals.admin);

    expect(report).toEqual({ created: 0, updated: 1, unchanged: 8 });
    const parent = await f.engine.history('district-b0', {}, principals.admin);
    expect(parent.entries.map((e) => [e.type, e.payload, e.actor.id])).toEqual([
      ['hierarchy.subordinates_changed', { added: [], removed: [CELL] }, 'system'],
    ]);
    const base = await f.engine.getUnit('district-b0', principals.admin);
    expect((base.snapshot.context as { subordinateIds: string[] }).subordinateIds).toEqual([
      'district-b0-c0',
      'district-b0-c2',
    ]);
    expect((await f.engine.children('district-b0', principals.admin)).map((u) => u.id)).toEqual([
      'district-b0-c0',
      'district-b0-c2',
    ]);
    const withStatus = await f.engine.childrenWithStatus('district-b0', principals.admin);
    expect(withStatus.map((u) => u.id)).toEqual(['district-b0-c0', 'district-b0-c2']);
  });

  it('when a cell is dissolved, then every ancestor drops it from its totals and a rebuild agrees', async () => {
    expect(await cellRow('district')).toMatchObject({ total: 6, atRisk: 1 });

    await f.engine.importTree(toStatusCsv(dissolved), principals.admin);

    expect(await cellRow('district-b0')).toMatchObject({ total: 2, atRisk: 0, byPhase: { plan: 2 } });
    expect(await cellRow('district')).toMatchObject({ total: 5, atRisk: 0, byPhase: { plan: 5 } });
    expect(await f.engine.rebuildRollups()).toEqual({ units: 9, matches: true });
    expect(await cellRow('district')).toMatchObject({ total: 5, atRisk: 0 });
  });

  it('when a cell is dissolved, then the chained org history records it and its open deadlines are dropped', async () => {
    const before = await readOrgRecords(f.redis, f.prefix);
    const deadlineUnits = async () => {
      const ids: string[] = [];
      for await (const set of f.engine.scanDeadlineSets()) ids.push(set.unitId);
      return ids;
    };
    expect(await deadlineUnits()).toContain(CELL);

    await f.engine.importTree(toStatusCsv(dissolved), principals.admin);

    const records = await readOrgRecords(f.redis, f.prefix);
    expect(records.slice(before.length)).toEqual([
      expect.objectContaining({
        seq: before.length + 1,
        type: 'org.unit_dissolved',
        unitId: CELL,
        changes: { status: { from: 'active', to: 'dissolved' } },
      }),
    ]);
    expect(await deadlineUnits()).not.toContain(CELL);
  });

  it('when an event is sent to a dissolved cell, then it is refused as not allowed and nothing is written', async () => {
    await f.engine.importTree(toStatusCsv(dissolved), principals.admin);
    const before = await namespaceContent(f.redis, f.prefix);

    const error = await f.engine
      .dispatch(CELL, { type: 'plan.submitted', payload: {} }, principals.secretaryOf(CELL))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: 'not_allowed', details: { allowed: [], status: 'dissolved' } });
    expect((error as Error).message).toMatch(/district-b0-c1 was dissolved/);
    expect(await namespaceContent(f.redis, f.prefix)).toEqual(before);
    // The append script itself refuses too, so a dispatch that read the unit before the import cannot append.
    expect(await f.redis.hget(`${f.prefix}:{${CELL}}:snap`, 'closed')).toBe('dissolved');
  });

  it('when a request accepted before the dissolution is retried with its idempotency key, then it gets the stored result', async () => {
    const difficult = principals.committeeOf('district');
    const cleared = { type: 'unit.difficulty_cleared', payload: { reason: 'resolved' } };
    const first = await f.engine.dispatch(CELL, cleared, difficult, { idempotencyKey: 'k-1' });
    await f.engine.importTree(toStatusCsv(dissolved), principals.admin);

    const retried = await f.engine.dispatch(CELL, cleared, difficult, { idempotencyKey: 'k-1' });

    expect(retried).toMatchObject({ duplicate: true, seq: first.seq, hash: first.hash });
  });

  it('when a cell is dissolved, then its own history, replay and verification still work for auditors', async () => {
    await f.engine.importTree(toStatusCsv(dissolved), principals.admin);
    const auditor = principals.auditorOf('district');

    const view = await f.engine.getUnit(CELL, auditor);
    expect(view.unit).toMatchObject({ id: CELL, status: 'dissolved' });
    expect(view.allowedEvents).toEqual([]);
    expect((await f.engine.history(CELL, {}, auditor)).entries.map((e) => e.type)).toEqual([
      'unit.flagged_difficult',
    ]);
    expect((await f.engine.replay(CELL, { seq: 1 }, auditor)).seq).toBe(1);
    expect(await f.engine.verify(CELL, auditor)).toEqual([{ unitId: CELL, ok: true, events: 1 }]);
    const subtree = await f.engine.verify('district', auditor, { subtree: true });
    expect(subtree.find((r) => r.unitId === CELL)).toMatchObject({ ok: true, events: 1 });
  });

  it('when the same file is imported again, with or without the new columns, then nothing is written', async () => {
    await f.engine.importTree(toStatusCsv(dissolved), principals.admin);
    const before = await namespaceContent(f.redis, f.prefix);

    const again = await f.engine.importTree(toStatusCsv(dissolved), principals.admin);
    // An old-style file simply leaves the dissolved unit out.
    const oldStyle = toCsv(tree.filter((u) => u.id !== CELL));
    const without = await f.engine.importTree({ format: 'csv', content: oldStyle }, principals.admin);

    expect(again).toEqual({ created: 0, updated: 0, unchanged: 9 });
    expect(without).toEqual({ created: 0, updated: 0, unchanged: 8 });
    expect(await namespaceContent(f.redis, f.prefix)).toEqual(before);
  });
});
