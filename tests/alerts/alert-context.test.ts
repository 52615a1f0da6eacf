import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createManualClock } from '../../src/shared/clock.js';
import { readAlertContext, readWorkingGroups } from '../../src/alerts/alert-context.js';
import { createKeySpace, type KeySpace } from '../../src/store/keys.js';
import { principals } from '../support/builders.js';
import { buildChain, openPipeline, type Pipeline } from '../workers/support/harness.js';

let pipeline: Pipeline;
let keys: KeySpace;

beforeEach(async () => {
  pipeline = await openPipeline('alert-context', createManualClock('2020-03-02T02:00:00.000Z'));
  keys = createKeySpace(pipeline.prefix);
  await pipeline.importUnits(buildChain(1));
});
afterEach(async () => pipeline.cleanup());

describe('alert context read', () => {
  it('when a unit exists, then its working group, ancestors, version and open deadlines match the unit view', async () => {
    await pipeline.engine.dispatch(
      'cell-1',
      { type: 'plan.submitted', payload: { reference: 'KH-1' } },
      principals.secretaryOf('cell-1'),
    );
    const view = await pipeline.engine.getUnit('cell-1', principals.system);
    const context = await readAlertContext(pipeline.redis, keys, 'cell-1');
    expect(context).toEqual({
      unitId: 'cell-1',
      workingGroup: 'wg-c1',
      ancestorIds: ['base-1', 'district-1', 'province-1'],
      closed: false,
      version: view.version,
      deadlines: view.deadlines,
    });
    expect(context?.deadlines.some((d) => d.kind === 'plan.approval')).toBe(true);
  });

  it('when the unit is unknown, then the read is null', async () => {
    expect(await readAlertContext(pipeline.redis, keys, 'no-such-unit')).toBeNull();
  });

  it('when the root has no working group and no deadline set, then both read as empty', async () => {
    await pipeline.redis.del(keys.deadlines('province-1'));
    const context = await readAlertContext(pipeline.redis, keys, 'province-1');
    expect(context).toMatchObject({ workingGroup: null, ancestorIds: [], deadlines: [] });
  });

  it('when the stored deadline set or ancestor list is corrupted, then the read fails loudly', async () => {
    await pipeline.redis.set(keys.deadlines('cell-1'), '[{"kind":1}]');
    await expect(readAlertContext(pipeline.redis, keys, 'cell-1')).rejects.toBeInstanceOf(ZodError);
    await pipeline.redis.hset(keys.unit('base-1'), 'ancestors', 'not json');
    await expect(readAlertContext(pipeline.redis, keys, 'base-1')).rejects.toBeInstanceOf(ZodError);
  });

  it('when working groups are read for several units, then each is returned in order, null when unassigned or missing', async () => {
    expect(
      await readWorkingGroups(pipeline.redis, keys, ['base-1', 'province-1', 'no-such-unit', 'cell-1']),
    ).toEqual(['wg-b', null, null, 'wg-c1']);
  });
});
