/**
 * A delegates list is recorded with the seats the superior's convening announcement allocated to the
 * unit (QĐ 24-QĐ/TW §11.1), read by the engine from the superior's snapshot; a list with other seats
 * is accepted and shows an irregularity on the unit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDistrict, principals } from '../support/builders.js';
import { drivePreparation, procedurePlan, sendPlanned } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const BASE = 'district-b0';
const [CELL0, CELL1] = [`${BASE}-c0`, `${BASE}-c1`];
const CANDIDATES = ['a-1', 'a-2', 'a-3'];

describe('delegate seats from the superior’s announcement', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('delegate-allocation');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 2 }));
  });
  afterEach(async () => f.cleanup());

  /** Drives `unitId` through its official session (held on `heldOn`), stopping before `stopBefore` when given. */
  async function driveUntil(unitId: string, heldOn: string, stopBefore: string) {
    const target = await drivePreparation(f.engine, unitId, heldOn);
    const steps = procedurePlan(target, heldOn).toHeld;
    for (const step of steps.slice(
      0,
      steps.findIndex((s) => s.type === stopBefore),
    )) {
      await sendPlanned(f.engine, target, step);
    }
    return steps.find((s) => s.type === stopBefore)!.at;
  }

  const listDelegates = (unitId: string, seats: number, at: string) =>
    f.engine.dispatch(
      unitId,
      {
        type: 'election.list_set',
        payload: {
          election: 'delegates',
          seats,
          candidates: CANDIDATES.slice(0, seats + 1),
          nominations: CANDIDATES.slice(0, seats + 1).map((candidateId) => ({
            candidateId,
            by: 'convening_committee',
          })),
        },
        at,
      },
      principals.secretaryOf(unitId),
    );

  it('when a cell lists more delegates than its base allocated, then the list stands, records the allocation and shows an irregularity; the allocated number shows none', async () => {
    // The base announces its congress of 16/6 with one delegate per cell.
    await driveUntil(BASE, '2020-06-16', 'congress.opened');
    const over = await driveUntil(CELL0, '2020-06-30', 'election.list_set');
    const exact = await driveUntil(CELL1, '2020-06-30', 'election.list_set');

    await listDelegates(CELL0, 2, over);
    await listDelegates(CELL1, 1, exact);

    const entry = (await f.engine.history(CELL0, {}, principals.admin)).entries.at(-1);
    expect(entry?.payload).toMatchObject({ election: 'delegates', seats: 2, allocatedSeats: 1 });
    const cell0 = await f.engine.getUnit(CELL0, principals.admin);
    expect(cell0.irregularities).toEqual([
      expect.objectContaining({
        rule: 'election.delegateSeats',
        message: "2 delegate seats listed; the superior's convening announcement allocated 1",
      }),
    ]);
    expect((await f.engine.getUnit(CELL1, principals.admin)).irregularities).toEqual([]);
  });

  it('when the base has announced nothing yet, then the list is recorded without an allocation', async () => {
    const at = await driveUntil(CELL0, '2020-06-30', 'election.list_set');
    await listDelegates(CELL0, 2, at);
    const entry = (await f.engine.history(CELL0, {}, principals.admin)).entries.at(-1);
    expect(entry?.payload).not.toHaveProperty('allocatedSeats');
    expect((await f.engine.getUnit(CELL0, principals.admin)).irregularities).toEqual([]);
  });
});
