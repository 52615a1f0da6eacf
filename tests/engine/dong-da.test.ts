import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveDemoToReportDay } from '../../src/demo/report-day.js';
import { summarizeByLevel } from '../../src/engine/index.js';
import type { ProgressRow } from '../../src/engine/engine.types.js';
import { buildDongDaDistrict } from '../../src/org/demo-district.js';
import { ConflictError } from '../../src/shared/errors.js';
import { principals } from '../support/builders.js';
import { driveTarget } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const units = buildDongDaDistrict();
const fraction = (rows: ProgressRow[]) => rows.map((r) => `${r.level}|${r.block} ${r.done}/${r.total}`);
const actors = {
  reader: principals.admin,
  secretaryOf: principals.secretaryOf,
  committeeOf: principals.committeeOf,
};

const nominated = (ids: string[]) => ids.map((candidateId) => ({ candidateId, by: 'convening_committee' }));

/** A 5-seat committee list of 6, then one round in which the first five get `votes` of `present` valid ballots. */
function committeeElection(present: number, votes: number): [string, Record<string, unknown>][] {
  const candidates = Array.from({ length: 6 }, (_, i) => `uv-${i}`);
  const ballots = { issued: present, collected: present, valid: present, invalid: 0 };
  const tally = candidates.map((candidateId, i) => ({ candidateId, votes: i < 5 ? votes : 10 }));
  return [
    [
      'election.list_set',
      { election: 'committee', seats: 5, candidates, nominations: nominated(candidates) },
    ],
    ['election.recorded', { election: 'committee', round: 1, ballots, votes: tally }],
  ];
}

/** The new committee's first meeting elects its secretary, 5 of 5. */
function secretaryElection(): [string, Record<string, unknown>][] {
  const ballots = { issued: 5, collected: 5, valid: 5, invalid: 0 };
  return [
    [
      'election.list_set',
      { election: 'secretary', seats: 1, candidates: ['uv-0'], nominations: nominated(['uv-0']) },
    ],
    [
      'election.recorded',
      {
        election: 'secretary',
        round: 1,
        summoned: 5,
        present: 5,
        ballots,
        votes: [{ candidateId: 'uv-0', votes: 5 }],
      },
    ],
  ];
}

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

  it('when the district is replayed as of 16/6/2020, then it is where the report leaves it: drafts under consultation, personnel approved, convened for 21/7, waiting for the straggler', async () => {
    const asOf = await f.engine.replay(
      'dong-da',
      { at: '2020-06-16T23:59:59+07:00' },
      principals.auditorOf('dong-da'),
    );
    const now = await f.engine.getUnit('dong-da', principals.admin);

    expect(asOf.phase).toBe('preparation');
    expect(asOf.snapshot.value).toEqual({
      procedure: {
        preparation: {
          documents: 'consulting',
          personnel: 'approved',
          review: 'idle',
          convening: 'announced',
          subordinates: 'waiting',
        },
      },
    });
    expect(asOf.seq).toBe(now.version);
    const context = asOf.snapshot.context as {
      consultation: { replied: string[] };
      held: string[];
      personnelSteps: { reelection: number; firstTime: number };
      announcement: { openingDate: string; at: string; delegateAllocations: Record<string, number> };
      pilots: string[];
      pilotLessons: { at: string };
    };
    expect(context.consultation.replied).toHaveLength(81);
    expect(context.held).toHaveLength(81);
    expect(context.personnelSteps).toEqual({ reelection: 5, firstTime: 5 });
    expect(context.announcement.openingDate).toBe('2020-07-21');
    expect(Date.parse(context.announcement.at)).toBeLessThanOrEqual(Date.parse('2020-06-09T23:59:59+07:00'));
    expect(Object.keys(context.announcement.delegateAllocations)).toHaveLength(82);
    expect(context.pilots).toHaveLength(1);
    expect(Date.parse(context.pilotLessons.at)).toBeLessThan(Date.parse('2020-06-01T00:00:00+07:00'));
  });

  it('when the drafts discussed are counted, then 834/834 cells discussed the national drafts and 81 base units the district draft', async () => {
    const rows = summarizeByLevel(await f.engine.progress('dong-da', principals.committeeOf('hanoi')));
    expect(rows.map((r) => [r.level, r.draftsDiscussed])).toEqual([
      ['base', { national: 0, superior: 81 }],
      ['cell', { national: 834, superior: 0 }],
    ]);
  });

  it('when the district opens before the straggler is settled, then the refusal names it', async () => {
    const district = await driveTarget(f.engine, 'dong-da');
    const refusal = await f.engine
      .dispatch(
        'dong-da',
        { type: 'congress.opened', payload: {}, at: '2020-06-17T08:00:00+07:00' },
        district.secretary,
      )
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).message).toContain(`not yet held: ${straggler}.`);
  });

  it('when the straggler holds its congress by 20/7, then the district opens on 21/7, closes on 23/7, reports within 7 working days and is confirmed, with no waiver and no irregularity', async () => {
    const city = principals.committeeOf('hanoi');
    const district = await driveTarget(f.engine, 'dong-da');
    const send = (type: string, payload: Record<string, unknown>, at: string, who = district.secretary) =>
      f.engine.dispatch('dong-da', { type, payload, at }, who);
    // 81 of 82 units discussed the district's draft: the city closes the consultation, on the record.
    await send(
      'consultation.closed_early',
      { reason: 'Đủ ý kiến của 81/82 đơn vị' },
      '2020-06-17T09:00:00+07:00',
      city,
    );
    await send('documents.submitted', {}, '2020-06-17T10:00:00+07:00');
    await send('documents.approved', {}, '2020-06-18T09:00:00+07:00', city);
    await send('review.submitted', {}, '2020-06-18T10:00:00+07:00');
    await send('review.approved', {}, '2020-06-19T09:00:00+07:00', city);

    const target = await driveTarget(f.engine, straggler);
    const asStraggler = (
      type: string,
      payload: Record<string, unknown>,
      at: string,
      who = target.secretary,
    ) => f.engine.dispatch(straggler, { type, payload, at }, who);
    await asStraggler('review.submitted', {}, '2020-06-17T09:00:00+07:00');
    await asStraggler('review.approved', {}, '2020-06-18T09:00:00+07:00', target.superior);
    await asStraggler('congress.opened', {}, '2020-07-20T08:00:00+07:00');
    await asStraggler(
      'congress.official_session_opened',
      { congressKind: 'member', summoned: 40, present: 40 },
      '2020-07-20T09:00:00+07:00',
    );
    for (const [type, payload] of committeeElection(40, 30)) {
      await asStraggler(type, payload, '2020-07-20T10:00:00+07:00');
    }
    const closed = await asStraggler(
      'congress.closed',
      { resolution: 'Nghị quyết' },
      '2020-07-20T16:00:00+07:00',
    );
    expect(closed.cascaded).toEqual([
      expect.objectContaining({ unitId: 'dong-da', type: 'subordinate.congress_held' }),
    ]);

    await send('congress.opened', {}, '2020-07-21T08:00:00+07:00');
    await send(
      'congress.official_session_opened',
      { congressKind: 'delegate', summoned: 350, present: 340 },
      '2020-07-21T09:00:00+07:00',
    );
    for (const [type, payload] of committeeElection(340, 300)) {
      await send(type, payload, '2020-07-23T10:00:00+07:00');
    }
    await send('congress.closed', { resolution: 'Nghị quyết Đại hội' }, '2020-07-23T16:00:00+07:00');
    for (const [type, payload] of secretaryElection()) await send(type, payload, '2020-07-23T17:00:00+07:00');
    await send('committee.first_meeting_held', {}, '2020-07-23T17:00:00+07:00');
    await send('results.reported', {}, '2020-07-31T09:00:00+07:00');
    await send('results.confirmed', {}, '2020-08-05T09:00:00+07:00', city);

    const view = await f.engine.getUnit('dong-da', principals.admin);
    expect(view.phase).toBe('confirmation');
    expect(view.flags).toMatchObject({ congressHeld: true, resultsConfirmed: true, irregular: false });
    expect(view.irregularities).toEqual([]);
    expect(view.snapshot.context.waivers).toBeUndefined();
    const { entries } = await f.engine.history('dong-da', { limit: 1000 }, principals.admin);
    const opened = entries.find((e) => e.type === 'congress.opened');
    expect(opened?.payload).toEqual({});
  });
});

describe('Đống Đa, continued: the straggler does not hold its congress', () => {
  let f: EngineFixture;
  let straggler: string;
  beforeAll(async () => {
    f = await openEngineFixture('dongda-waiver');
    await f.importUnits(units);
    ({ straggler } = await driveDemoToReportDay(f.engine, units, actors));
  }, 180_000);
  afterAll(async () => f.cleanup());

  it('when the city records a waiver, then the district opens on 21/7 and the opening names that waiver', async () => {
    const city = principals.committeeOf('hanoi');
    const district = await driveTarget(f.engine, 'dong-da');
    const send = (type: string, payload: Record<string, unknown>, at: string, who = district.secretary) =>
      f.engine.dispatch('dong-da', { type, payload, at }, who);
    await send(
      'consultation.closed_early',
      { reason: 'Đủ ý kiến của 81/82 đơn vị' },
      '2020-06-17T09:00:00+07:00',
      city,
    );
    await send('documents.submitted', {}, '2020-06-17T10:00:00+07:00');
    await send('documents.approved', {}, '2020-06-18T09:00:00+07:00', city);
    await send('review.submitted', {}, '2020-06-18T10:00:00+07:00');
    await send('review.approved', {}, '2020-06-19T09:00:00+07:00', city);
    const waiver = await send(
      'gate.waiver_recorded',
      { unitIds: [straggler], reason: 'Đảng bộ đang kiện toàn cấp uỷ' },
      '2020-07-17T09:00:00+07:00',
      city,
    );

    const opened = await send('congress.opened', {}, '2020-07-21T08:00:00+07:00');

    expect(opened.phase).toBe('congress');
    const { entries } = await f.engine.history(
      'dong-da',
      { fromSeq: opened.seq, limit: 1 },
      principals.admin,
    );
    expect(entries[0]).toMatchObject({
      type: 'congress.opened',
      payload: { waivers: [{ seq: waiver.seq, unitIds: [straggler] }] },
    });
    expect((await f.engine.verify('dong-da', principals.admin)).every((r) => r.ok)).toBe(true);
  });
});
