import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeByLevel } from '../../src/engine/index.js';
import type { ProgressRow } from '../../src/engine/engine.types.js';
import { buildDongDaDistrict } from '../../src/org/demo-district.js';
import { ConflictError } from '../../src/shared/errors.js';
import { principals } from '../support/builders.js';
import {
  driveFromReviewToHeld,
  drivePreparation,
  driveUnitToCongressHeld,
  mapLimit,
} from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const units = buildDongDaDistrict();
const cells = units.filter((u) => u.level === 'cell');
const bases = units.filter((u) => u.level === 'base');
/** The one base organisation still missing on 16/6/2020 (an agency with cells, all of them held). */
const STRAGGLER = bases.find((b) => b.block === 'agencies' && cells.some((c) => c.parentId === b.id))!.id;
const CELL_DAYS = [
  '2020-05-11',
  '2020-05-12',
  '2020-05-13',
  '2020-05-14',
  '2020-05-15',
  '2020-05-18',
  '2020-05-19',
  '2020-05-20',
];
const WARD_DAYS = ['2020-06-08', '2020-06-09', '2020-06-10', '2020-06-11', '2020-06-12', '2020-06-13'];
const OTHER_DAYS = ['2020-06-01', '2020-06-05', '2020-06-15', '2020-06-16'];

const fraction = (rows: ProgressRow[]) => rows.map((r) => `${r.level}|${r.block} ${r.done}/${r.total}`);

describe('Đống Đa district on 16/6/2020 (DOMAIN.md §7)', () => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await openEngineFixture('dongda');
    await f.importUnits(units);
    await mapLimit(cells, 32, (c) =>
      driveUnitToCongressHeld(f.engine, c.id, CELL_DAYS[cells.indexOf(c) % CELL_DAYS.length]!),
    );
    const held = bases.filter((b) => b.id !== STRAGGLER);
    await mapLimit(held, 16, (b) => {
      const days = b.block === 'ward' ? WARD_DAYS : OTHER_DAYS;
      return driveUnitToCongressHeld(f.engine, b.id, days[held.indexOf(b) % days.length]!);
    });
  }, 120_000);
  afterAll(async () => f.cleanup());

  it('when the report is read, then cells are 834/834, base 81/82 (98.78%), wards 21/21 and other blocks 60/61', async () => {
    const rows = await f.engine.progress('dong-da', principals.committeeOf('hanoi'));

    expect(fraction(summarizeByLevel(rows))).toEqual(['base|* 81/82', 'cell|* 834/834']);
    expect(summarizeByLevel(rows)[0]!.percent).toBe(98.78);
    const baseRows = rows.filter((r) => r.level === 'base');
    expect(fraction(baseRows.filter((r) => r.block === 'ward'))).toEqual(['base|ward 21/21']);
    expect(fraction(summarizeByLevel(baseRows.filter((r) => r.block !== 'ward')))).toEqual(['base|* 60/61']);
    expect(summarizeByLevel(baseRows)[0]!.onTime).toBe(81);
  });

  it('when the roll-ups are recounted from the snapshots, then they match the incremental counters', async () => {
    expect(await f.engine.rebuildRollups()).toEqual({ units: 918, matches: true });
  });

  it('when the district asks for review while the straggler is missing, then it is refused with the reason, until the superior waives it', async () => {
    const district = await drivePreparation(f.engine, 'dong-da', '2020-07-21');
    const submit = { type: 'review.submitted', payload: {} };

    const refusal = await f.engine.dispatch('dong-da', submit, district.secretary).catch((e: unknown) => e);

    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).message).toMatch(/81\/82 subordinate congresses held/);
    await f.engine.dispatch(
      'dong-da',
      {
        type: 'gate.waiver_recorded',
        payload: { unitIds: [STRAGGLER], reason: 'Đảng bộ đang kiện toàn cấp uỷ' },
      },
      principals.committeeOf('hanoi'),
    );
    const held = await driveFromReviewToHeld(f.engine, district, '2020-07-21');
    expect(held.phase).toBe('first_meeting');
    expect(held.cascaded).toEqual([{ unitId: 'hanoi', type: 'subordinate.congress_held', seq: 1 }]);
  });
});
