import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveDemoToReportDay } from '../../src/demo/report-day.js';
import { summarizeByLevel } from '../../src/engine/index.js';
import type { ProgressRow } from '../../src/engine/engine.types.js';
import { buildDongDaDistrict } from '../../src/org/demo-district.js';
import { ConflictError } from '../../src/shared/errors.js';
import { principals } from '../support/builders.js';
import { driveFromReviewToHeld, driveTarget } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const units = buildDongDaDistrict();
const fraction = (rows: ProgressRow[]) => rows.map((r) => `${r.level}|${r.block} ${r.done}/${r.total}`);
const actors = {
  reader: principals.admin,
  secretaryOf: principals.secretaryOf,
  committeeOf: principals.committeeOf,
};

describe('Đống Đa district on 16/6/2020 (DOMAIN.md §7), as the demo loads it', () => {
  let f: EngineFixture;
  let straggler: string;
  beforeAll(async () => {
    f = await openEngineFixture('dongda');
    await f.importUnits(units);
    ({ straggler } = await driveDemoToReportDay(f.engine, units, actors));
  }, 120_000);
  afterAll(async () => f.cleanup());

  it('when the report is read, then cells are 834/834, base 81/82 (98.78%), wards 21/21 and other blocks 60/61', async () => {
    const rows = await f.engine.progress('dong-da', principals.committeeOf('hanoi'));

    expect(fraction(summarizeByLevel(rows))).toEqual(['base|* 81/82', 'cell|* 834/834']);
    expect(summarizeByLevel(rows)[0]!.percent).toBe(98.78);
    const baseRows = rows.filter((r) => r.level === 'base');
    expect(fraction(baseRows.filter((r) => r.block === 'ward'))).toEqual(['base|ward 21/21']);
    expect(fraction(summarizeByLevel(baseRows.filter((r) => r.block !== 'ward')))).toEqual(['base|* 60/61']);
    expect(summarizeByLevel(rows).map((r) => r.onTime)).toEqual([81, 834]);
    expect(summarizeByLevel(baseRows)[0]!.atRisk).toBe(1);
  });

  it('when the roll-ups are recounted from the snapshots, then they match the incremental counters', async () => {
    expect(await f.engine.rebuildRollups()).toEqual({ units: 918, matches: true });
  });

  it('when the straggler is looked at, then it is preparing, flagged difficult, with its congress deadline open', async () => {
    const view = await f.engine.getUnit(straggler, principals.admin);

    expect(view.phase).toBe('preparation');
    expect(view.flags).toMatchObject({ difficult: true, congressHeld: false });
    expect(view.deadlines.map((d) => d.kind)).toEqual(['congress.held']);
  });

  it('when every demo log is walked, then each is backfilled, no event occurs after 16/6/2020, and neither time goes backwards', async () => {
    const last = Date.parse('2020-06-16T23:59:59+07:00');
    const problems: string[] = [];
    for (const unit of units) {
      const { entries } = await f.engine.history(unit.id, { limit: 1000 }, principals.admin);
      entries.forEach((e, i) => {
        const previous = entries[i - 1];
        if (!e.backfilled || e.late) problems.push(`${unit.id}#${e.seq} not backfilled or late`);
        if (Date.parse(e.occurredAt) > last) problems.push(`${unit.id}#${e.seq} after the report day`);
        if (previous && Date.parse(e.occurredAt) < Date.parse(previous.occurredAt))
          problems.push(`${unit.id}#${e.seq} occurredAt goes back`);
        if (previous && Date.parse(e.recordedAt!) < Date.parse(previous.recordedAt!))
          problems.push(`${unit.id}#${e.seq} recordedAt goes back`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('when the district is replayed as of 16/6/2020, then it is where the report leaves it: drafts under consultation, personnel approved, waiting for the straggler', async () => {
    const asOf = await f.engine.replay(
      'dong-da',
      { at: '2020-06-16T23:59:59+07:00' },
      principals.auditorOf('dong-da'),
    );
    const now = await f.engine.getUnit('dong-da', principals.admin);

    expect(asOf.phase).toBe('preparation');
    expect(asOf.snapshot.value).toEqual({
      procedure: { preparation: { documents: 'consulting', personnel: 'approved', subordinates: 'waiting' } },
    });
    expect(asOf.seq).toBe(now.version);
    const context = asOf.snapshot.context as { consultation: { replied: string[] }; held: string[] };
    expect(context.consultation.replied).toHaveLength(81);
    expect(context.held).toHaveLength(81);
  });

  it('when the district goes on, then review is refused while the straggler blocks it, until the superior waives it', async () => {
    const city = principals.committeeOf('hanoi');
    const district = await driveTarget(f.engine, 'dong-da');
    const send = (type: string, payload: Record<string, unknown>, who = district.secretary) =>
      f.engine.dispatch('dong-da', { type, payload, at: '2020-06-17T09:00:00+07:00' }, who);
    // 81 of 82 units discussed the district's draft: the city closes the consultation, on the record.
    await expect(send('documents.submitted', {})).rejects.toThrow(/81\/82 subordinate units replied/);
    await send('consultation.closed_early', { reason: 'Đủ ý kiến của 81/82 đơn vị' }, city);
    await send('documents.submitted', {});
    await send('documents.approved', {}, city);

    const refusal = await send('review.submitted', {}).catch((e: unknown) => e);

    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).message).toMatch(/81\/82 subordinate congresses held/);
    await send(
      'gate.waiver_recorded',
      { unitIds: [straggler], reason: 'Đảng bộ đang kiện toàn cấp uỷ' },
      city,
    );
    // Unblocked on 17/6, the district can still give 45 working days' review before a congress within
    // its deadline (31/8/2020): 25/8, reviewed on 22/6.
    const held = await driveFromReviewToHeld(f.engine, district, '2020-08-25');
    expect(held.phase).toBe('first_meeting');
    expect(held.cascaded).toEqual([{ unitId: 'hanoi', type: 'subordinate.congress_held', seq: 1 }]);
  });
});
