/**
 * The counting committee's tools and the elections through HTTP: the evaluate route (pure, any
 * signed-in principal) answers the clause-by-clause cases, and the same rules hold when rounds are
 * recorded as events (422 naming the rule, nothing written).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, startTestApp, type RoleName, type TestApp } from './api-harness.js';
import { driveTarget, procedurePlan, sendPlanned, vnTime, type DriveTarget } from '../support/drive.js';

const HELD_ON = '2020-03-30';

function round(overrides: Record<string, unknown> = {}) {
  return {
    ruleSetId: '2020-2025',
    congressKind: 'member',
    election: 'committee',
    summoned: 11,
    present: 10,
    exclusions: [],
    ballots: { issued: 10, collected: 10, valid: 10, invalid: 0 },
    seats: 1,
    votes: [{ candidateId: 'an', votes: 6 }],
    ...overrides,
  };
}

const list = (election: string, seats: number, candidates: string[]) => ({
  election,
  seats,
  candidates,
  nominations: candidates.map((candidateId) => ({ candidateId, by: 'convening_committee' })),
});

describe('elections over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const as = (role: RoleName) => ({ Authorization: `Bearer ${t.token[role]}` });
  const evaluate = (body: unknown, role: RoleName = 'secretary') =>
    t
      .http()
      .post('/api/v1/elections/evaluate')
      .set(as(role))
      .send(body as object);
  let seq = 0;
  const post = (unit: string, type: string, payload: unknown, hour: number, role: RoleName) =>
    t
      .http()
      .post(`/api/v1/units/${unit}/events`)
      .set(as(role))
      .set('Idempotency-Key', `el-${(seq += 1)}`)
      .send({ type, payload, occurredAt: vnTime(HELD_ON, hour) });

  /** Drives a unit through its preparation to the opened congress, as the engine's test principals. */
  async function openCongress(unitId: string, form?: 'three_content'): Promise<DriveTarget> {
    const target = await driveTarget(t.engine, unitId);
    const { preparation, toHeld } = procedurePlan(target, HELD_ON);
    const opened = toHeld.findIndex((e) => e.type === 'congress.opened');
    for (const event of [...preparation, ...toHeld.slice(0, opened)])
      await sendPlanned(t.engine, target, event);
    if (form) {
      const at = toHeld[opened - 1]!.at;
      const payload = { form, reason: 'nhân sự chưa rõ' };
      await sendPlanned(t.engine, target, { type: 'congress.form_changed', payload, at, by: 'superior' });
    }
    await sendPlanned(t.engine, target, toHeld[opened]!);
    return target;
  }

  describe('POST /api/v1/elections/evaluate', () => {
    it('QĐ 244 Art. 32 §2: when 11 are summoned and 10 present, then 6 votes pass and 5 fail', async () => {
      const res = await evaluate(
        round({
          seats: 2,
          votes: [
            { candidateId: 'an', votes: 6 },
            { candidateId: 'binh', votes: 5 },
          ],
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ base: 11, votesNeeded: 6, elected: ['an'], notElected: ['binh'] });
      expect(res.body.thresholds).toContainEqual(
        expect.objectContaining({ id: 'election.majorityBase', value: 6 }),
      );
      expect(res.body.rules).toContainEqual({
        id: 'election.majorityBase',
        source: {
          source: expect.objectContaining({
            document: expect.stringContaining('QĐ 244'),
            article: 'Art. 32 §2–3',
          }),
        },
      });
    });

    it('QĐ 244 Art. 32 §2: when an excused member attends, then excluding them is refused with 422 naming the rule', async () => {
      const res = await evaluate(
        round({
          present: 11,
          ballots: { issued: 11, collected: 11, valid: 11, invalid: 0 },
          exclusions: [{ category: 'excused_absent', count: 1 }],
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { path: 'exclusions', message: expect.stringContaining('election.exclusions (QĐ 244') },
      ]);
    });

    it('QĐ 244 Art. 32 §3: when an official delegate is absent without an alternate, then they leave the base', async () => {
      const delegate = round({ congressKind: 'delegate', summoned: 12, present: 11 });
      expect((await evaluate(delegate)).body).toMatchObject({ base: 12, votesNeeded: 7, elected: [] });
      const excluded = { ...delegate, exclusions: [{ category: 'delegate_absent_no_alternate', count: 1 }] };
      expect((await evaluate(excluded)).body).toMatchObject({ base: 11, votesNeeded: 6, elected: ['an'] });
    });

    it('QĐ 244 Art. 32: when two tie for the last seat, then the answer is another round among them', async () => {
      const votes = [
        { candidateId: 'an', votes: 8 },
        { candidateId: 'binh', votes: 6 },
        { candidateId: 'chi', votes: 6 },
      ];
      const res = await evaluate(round({ seats: 2, votes }));
      expect(res.body).toMatchObject({ outcome: 'tie', elected: ['an'], tiedAtLastSeat: ['binh', 'chi'] });
    });

    it('QĐ 244 Art. 32 §1: when valid and invalid ballots do not add up, then 422 names the check', async () => {
      const res = await evaluate(round({ ballots: { issued: 10, collected: 10, valid: 8, invalid: 1 } }));
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('ballots.valid_plus_invalid');
    });

    it('when any signed-in role evaluates, then it is answered and nothing is written; without a token it is 401', async () => {
      const before = await digestPrefix(t.redis, t.prefix);
      for (const role of [
        'secretary',
        'auditor',
        'inspection',
        'working_group',
        'standing_committee',
      ] as const) {
        expect((await evaluate(round(), role)).status).toBe(200);
      }
      expect((await t.http().post('/api/v1/elections/evaluate').send(round())).status).toBe(401);
      expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    });
  });

  describe('rounds recorded as events', () => {
    it('QĐ 244 Art. 32 §1 and Art. 32: when a round is inconsistent it is refused with 422 and nothing written; a tie forces another round', async () => {
      await openCongress('C1');
      const session = await post(
        'C1',
        'congress.official_session_opened',
        { congressKind: 'member', summoned: 11, present: 10 },
        9,
        'secretary',
      );
      expect({ status: session.status, body: session.body as unknown }).toMatchObject({ status: 201 });
      const candidates = ['an', 'binh', 'chi', 'dung'];
      expect(
        (await post('C1', 'election.list_set', list('committee', 3, candidates), 9, 'secretary')).status,
      ).toBe(201);

      const before = await digestPrefix(t.redis, t.prefix);
      const fiveMadeUp = {
        election: 'committee',
        round: 1,
        exclusions: [{ category: 'absent_accepted_reason', count: 5, note: 'vắng' }],
        ballots: { issued: 10, collected: 10, valid: 10, invalid: 0 },
        votes: [{ candidateId: 'an', votes: 4 }],
      };
      const refused = await post('C1', 'election.recorded', fiveMadeUp, 10, 'secretary');
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain('election.exclusions');
      expect(await digestPrefix(t.redis, t.prefix)).toBe(before);

      const tie = {
        election: 'committee',
        round: 1,
        ballots: { issued: 10, collected: 10, valid: 10, invalid: 0 },
        votes: [
          { candidateId: 'an', votes: 9 },
          { candidateId: 'binh', votes: 7 },
          { candidateId: 'chi', votes: 6 },
          { candidateId: 'dung', votes: 6 },
        ],
      };
      expect((await post('C1', 'election.recorded', tie, 10, 'secretary')).status).toBe(201);
      const unit = await t.engine.getUnit('C1', { id: 'admin-1', role: 'admin' });
      expect((unit.snapshot.context.elections as Record<string, unknown>).committee).toMatchObject({
        tied: ['chi', 'dung'],
        seatsRemaining: 1,
        status: 'voting',
      });
      const outsider = { ...tie, round: 2, votes: [{ candidateId: 'an', votes: 1 }] };
      expect((await post('C1', 'election.recorded', outsider, 11, 'secretary')).status).toBe(422);
      const second = {
        ...tie,
        round: 2,
        votes: [
          { candidateId: 'chi', votes: 8 },
          { candidateId: 'dung', votes: 2 },
        ],
      };
      expect((await post('C1', 'election.recorded', second, 11, 'secretary')).status).toBe(201);
    });

    it('DOMAIN §2 (3-content congress): when it opens, then it elects its delegates but a committee list is refused', async () => {
      await openCongress('B2', 'three_content');
      const secretary = (await t.tokens.create({ role: 'secretary', unitId: 'B2' })).token;
      const send = (type: string, payload: unknown, hour: number) =>
        t
          .http()
          .post('/api/v1/units/B2/events')
          .set({ Authorization: `Bearer ${secretary}` })
          .set('Idempotency-Key', `b2-${(seq += 1)}`)
          .send({ type, payload, occurredAt: vnTime(HELD_ON, hour) });
      const session = await send(
        'congress.official_session_opened',
        { congressKind: 'delegate', summoned: 11, present: 11 },
        9,
      );
      expect(session.status).toBe(201);
      const tooMany = list(
        'delegates',
        10,
        Array.from({ length: 14 }, (_, i) => `c${i}`),
      );
      expect((await send('election.list_set', tooMany, 9)).status).toBe(201);
      const committee = await send(
        'election.list_set',
        list(
          'committee',
          10,
          Array.from({ length: 12 }, (_, i) => `c${i}`),
        ),
        9,
      );
      expect(committee.status).toBe(409);
      expect(committee.body.detail).toContain('a 3-content congress elects no committee');
      // 11 delegates present of 11: 6 votes elect; ten pass, the four others do not.
      const votes = tooMany.candidates.map((candidateId, i) => ({ candidateId, votes: i < 10 ? 8 : 5 }));
      const ballots = { issued: 11, collected: 11, valid: 11, invalid: 0 };
      const round = { election: 'delegates', round: 1, ballots, votes };
      expect((await send('election.recorded', round, 10)).status).toBe(201);
      const unit = await t.engine.getUnit('B2', { id: 'admin-1', role: 'admin' });
      expect((unit.snapshot.context.elections as Record<string, unknown>).delegates).toMatchObject({
        status: 'complete',
        elected: tooMany.candidates.slice(0, 10),
      });
    });
  });
});
