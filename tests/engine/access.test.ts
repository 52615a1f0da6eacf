import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRead, canSend } from '../../src/engine/access.js';
import type { Principal } from '../../src/domain/index.js';
import { ForbiddenError, NotFoundError } from '../../src/shared/errors.js';
import { buildDistrict, buildUnit, principals } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const cell = buildUnit({ id: 'c1', level: 'cell', parentId: 'b1', workingGroup: 'wg-7' });
const cellAncestors = ['b1', 'd1', 'p1'];

describe('canSend and canRead', () => {
  const sendCases: [string, Principal, string, boolean][] = [
    ['its secretary submits its plan', principals.secretaryOf('c1'), 'plan.submitted', true],
    ["another unit's secretary submits its plan", principals.secretaryOf('c2'), 'plan.submitted', false],
    ['its secretary approves its own plan', principals.secretaryOf('c1'), 'plan.approved', false],
    ['the standing committee of its parent approves', principals.committeeOf('b1'), 'plan.approved', true],
    ['a standing committee higher up approves', principals.committeeOf('d1'), 'plan.approved', true],
    ['its own standing committee approves itself', principals.committeeOf('c1'), 'plan.approved', false],
    [
      'a standing committee of another subtree approves',
      principals.committeeOf('b2'),
      'plan.approved',
      false,
    ],
    ['its working group flags it difficult', principals.workingGroup('wg-7'), 'unit.flagged_difficult', true],
    [
      'another working group flags it difficult',
      principals.workingGroup('wg-8'),
      'unit.flagged_difficult',
      false,
    ],
    [
      'inspection of its subtree flags it difficult',
      principals.inspectionOf('d1'),
      'unit.flagged_difficult',
      false,
    ],
    ['an auditor of its subtree submits', principals.auditorOf('d1'), 'plan.submitted', false],
    ['an admin submits', principals.admin, 'plan.submitted', false],
    ['the system records a held subordinate', principals.system, 'subordinate.congress_held', true],
    ['the system submits a plan', principals.system, 'plan.submitted', false],
    ['anyone sends an unknown event', principals.secretaryOf('c1'), 'plan.teleported', false],
  ];
  it.each(sendCases)('when %s, then canSend is %s', (_, principal, type, expected) => {
    expect(canSend(principal, cell, cellAncestors, type)).toBe(expected);
  });

  const readCases: [string, Principal, boolean][] = [
    ['its secretary', principals.secretaryOf('c1'), true],
    ['the secretary of its parent (subtree)', principals.secretaryOf('b1'), true],
    ['the secretary of a sibling', principals.secretaryOf('c2'), false],
    ['its working group', principals.workingGroup('wg-7'), true],
    ['another working group', principals.workingGroup('wg-8'), false],
    ['an auditor of its district', principals.auditorOf('d1'), true],
    ['an auditor of another district', principals.auditorOf('d2'), false],
    ['inspection of the unit itself', principals.inspectionOf('c1'), true],
    ['an admin', principals.admin, true],
  ];
  it.each(readCases)('when %s reads it, then canRead is %s', (_, principal, expected) => {
    expect(canRead(principal, cell, cellAncestors)).toBe(expected);
  });
});

describe('access through the engine', () => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await openEngineFixture('access');
    await f.importUnits(buildDistrict({ bases: 2, cellsPerBase: 1 }));
  });
  afterAll(async () => f.cleanup());

  const forbiddenSends: [string, Principal, string, string][] = [
    [
      "a secretary writes to another unit's log",
      principals.secretaryOf('district-b1-c0'),
      'district-b0-c0',
      'plan.submitted',
    ],
    ['an auditor sends an event', principals.auditorOf('district'), 'district-b0-c0', 'plan.submitted'],
    ['an admin sends a procedural event', principals.admin, 'district-b0-c0', 'plan.submitted'],
    [
      'a sibling standing committee approves',
      principals.committeeOf('district-b1'),
      'district-b0-c0',
      'plan.approved',
    ],
  ];
  it.each(forbiddenSends)(
    'when %s, then ForbiddenError and nothing is written',
    async (_, principal, unitId, type) => {
      const before = await namespaceDump(f.redis, f.prefix);

      const payload = type === 'plan.submitted' ? { reference: 'KH' } : {};
      await expect(f.engine.dispatch(unitId, { type, payload }, principal)).rejects.toBeInstanceOf(
        ForbiddenError,
      );

      expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
    },
  );

  it('when a principal reads outside its scope, then every read use case refuses', async () => {
    const outsider = principals.auditorOf('district-b1');
    const unitId = 'district-b0-c0';

    await expect(f.engine.getUnit(unitId, outsider)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(f.engine.history(unitId, {}, outsider)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(f.engine.children('district-b0', outsider)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(f.engine.progress('district', outsider)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(f.engine.replay(unitId, {}, outsider)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(f.engine.verify(unitId, outsider)).rejects.toBeInstanceOf(ForbiddenError);
    const exported = f.engine.exportHistory(unitId, 'jsonl', outsider)[Symbol.asyncIterator]();
    await expect(exported.next()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('when a scoped principal names a unit id that does not exist, then it is refused as outside its scope', async () => {
    const auditor = principals.auditorOf('district-b1');
    await expect(f.engine.getUnit('nowhere', auditor)).rejects.toThrow(
      new ForbiddenError(`auditor ${auditor.id} may not read unit nowhere`),
    );
    await expect(f.engine.verifyUnits(['nowhere'], auditor)).rejects.toBeInstanceOf(ForbiddenError);
    const committee = principals.committeeOf('district');
    await expect(
      f.engine.dispatch('nowhere', { type: 'plan.approved', payload: {} }, committee),
    ).rejects.toThrow(
      new ForbiddenError(`standing_committee ${committee.id} may not send plan.approved to unit nowhere`),
    );
    await expect(f.engine.getUnit('nowhere', principals.admin)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when a principal reads inside its scope, then it gets the unit', async () => {
    const view = await f.engine.getUnit('district-b1-c0', principals.auditorOf('district-b1'));

    expect(view.unit.id).toBe('district-b1-c0');
  });
});
