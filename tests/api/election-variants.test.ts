/**
 * The 2025–2030 term through HTTP: a merged unit's 2-content congress elects nothing and its committee
 * is appointed by the superior; a committee list one candidate over the surplus cap is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, startTestApp, TREE, type TestApp } from './api-harness.js';
import { driveTarget, procedurePlan, sendPlanned, vnTime, type PlannedEvent } from '../support/drive.js';
import { principals } from '../support/builders.js';

const HELD_ON = '2025-06-20';

/** An upper-base committee of the new term with two base units newly formed by merger. */
const TREE_2025 = [
  ...TREE,
  { id: 'P25', name: 'Đảng bộ phường Hoàn Kiếm', level: 'district', parentId: null, workingGroup: null },
  { id: 'X25', name: 'Đảng bộ cơ sở hợp nhất 1', level: 'base', parentId: 'P25', workingGroup: 'wg25' },
  { id: 'X26', name: 'Đảng bộ cơ sở hợp nhất 2', level: 'base', parentId: 'P25', workingGroup: 'wg25' },
].map((unit) => ('term' in unit ? unit : { ...unit, block: 'ward', memberCount: 40, term: '2025-2030' }));

const list = (election: string, seats: number, count: number) => {
  const candidates = Array.from({ length: count }, (_, i) => `c${i}`);
  const nominations = candidates.map((candidateId) => ({ candidateId, by: 'convening_committee' }));
  return { election, seats, candidates, nominations };
};

describe('elections of the 2025–2030 term over HTTP', () => {
  let t: TestApp;
  let superior: string;
  const secretaries: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    await t.engine.importTree({ format: 'json', content: JSON.stringify(TREE_2025) }, principals.admin);
    superior = (await t.tokens.create({ role: 'standing_committee', subtreeOf: 'P25' })).token;
    for (const id of ['X25', 'X26'])
      secretaries[id] = (await t.tokens.create({ role: 'secretary', unitId: id })).token;
  });
  afterAll(async () => t.close());

  let seq = 0;
  const post = (unit: string, type: string, payload: unknown, at: string, token: string) =>
    t
      .http()
      .post(`/api/v1/units/${unit}/events`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', `v-${(seq += 1)}`)
      .send({ type, payload, occurredAt: at });
  const send = (unit: string, event: PlannedEvent) =>
    post(unit, event.type, event.payload, event.at, event.by === 'superior' ? superior : secretaries[unit]!);

  /** Preparation through the engine; from the review's approval on, every step over HTTP. */
  async function toOfficialSession(unit: string, form?: 'two_content'): Promise<void> {
    const target = await driveTarget(t.engine, unit);
    const { preparation, toHeld } = procedurePlan(target, HELD_ON);
    const approved = toHeld.findIndex((e) => e.type === 'review.approved');
    for (const event of [...preparation, ...toHeld.slice(0, approved + 1)])
      await sendPlanned(t.engine, target, event);
    if (form) {
      const reason = 'đảng bộ mới hợp nhất';
      const changed = await post(
        unit,
        'congress.form_changed',
        { form, reason },
        toHeld[approved]!.at,
        superior,
      );
      expect(changed.status).toBe(201);
    }
    const session = toHeld.findIndex((e) => e.type === 'congress.official_session_opened');
    for (const event of toHeld.slice(approved + 1, session + 1))
      expect({ type: event.type, status: (await send(unit, event)).status }).toEqual({
        type: event.type,
        status: 201,
      });
  }

  it('Directive 45-CT/TW (merged or new units hold a 2-content congress): when a merged unit holds one, then nothing is elected and the superior appoints the committee (chỉ định)', async () => {
    await toOfficialSession('X25', 'two_content');
    const before = await digestPrefix(t.redis, t.prefix);
    const listed = await post(
      'X25',
      'election.list_set',
      list('delegates', 5, 6),
      vnTime(HELD_ON, 10),
      secretaries.X25!,
    );
    const round = {
      election: 'committee',
      round: 1,
      ballots: { issued: 40, collected: 40, valid: 40, invalid: 0 },
      votes: [{ candidateId: 'c0', votes: 40 }],
    };
    const recorded = await post('X25', 'election.recorded', round, vnTime(HELD_ON, 10), secretaries.X25!);
    for (const refused of [listed, recorded]) {
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toContain('a 2-content congress elects nothing');
      expect(refused.body.detail).toContain('the superior appoints the committee');
      expect(refused.body.detail).toContain('(committee.appointed)');
    }
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);

    const closed = await post(
      'X25',
      'congress.closed',
      { resolution: 'Nghị quyết' },
      vnTime(HELD_ON, 16),
      secretaries.X25!,
    );
    expect(closed.status).toBe(201);
    const waiting = await t.http().get('/api/v1/units/X25').set('Authorization', `Bearer ${secretaries.X25}`);
    expect(waiting.body.state).toEqual({ procedure: { firstMeeting: 'appointment' } });
    const appointed = await post(
      'X25',
      'committee.appointed',
      { decision: 'QĐ 12-QĐ/ĐU' },
      vnTime(HELD_ON, 17),
      superior,
    );
    expect(appointed.status).toBe(201);

    const [unit, history, catalogue] = await Promise.all([
      t.http().get('/api/v1/units/X25').set('Authorization', `Bearer ${secretaries.X25}`),
      t.http().get('/api/v1/units/X25/history').set('Authorization', `Bearer ${secretaries.X25}`),
      t.http().get('/dashboard/catalogue.json'),
    ]);
    const types = (history.body.entries as { type: string }[]).map((e) => e.type);
    expect(types.slice(-3)).toEqual([
      'congress.official_session_opened',
      'congress.closed',
      'committee.appointed',
    ]);
    expect(types.filter((type) => type.startsWith('election.') || type.startsWith('results.'))).toEqual([]);
    // What the dashboard shows for the last entry.
    const events = (catalogue.body as { events: Record<string, { vi: string; en: string }> }).events;
    expect(events['committee.appointed']).toMatchObject({
      vi: 'Cấp trên chỉ định cấp uỷ',
      en: 'Committee appointed',
    });
    const offered = (unit.body.allowedEvents as { type: string; allowed: boolean }[]).filter(
      (e) => e.allowed,
    );
    expect(offered.map((e) => e.type)).not.toContain('results.confirmed');
    expect(JSON.stringify(unit.body)).not.toMatch(/results confirmed|Chuẩn y kết quả/i);

    // The appointed committee meets and the unit reports: to the records, never to a confirmation.
    for (const [type, hour] of [
      ['committee.first_meeting_held', 18],
      ['results.reported', 19],
    ] as const)
      expect((await post('X25', type, {}, vnTime(HELD_ON, hour), secretaries.X25!)).status).toBe(201);
    const confirmed = await post('X25', 'results.confirmed', {}, vnTime(HELD_ON, 20), superior);
    expect(confirmed.status).toBe(409);
    expect((await post('X25', 'records.archived', {}, vnTime(HELD_ON, 21), secretaries.X25!)).status).toBe(
      201,
    );
    const tail = await t
      .http()
      .get('/api/v1/units/X25/history')
      .set('Authorization', `Bearer ${secretaries.X25}`);
    const all = (tail.body.entries as { type: string }[]).map((e) => e.type);
    expect(all.slice(-4)).toEqual([
      'committee.appointed',
      'committee.first_meeting_held',
      'results.reported',
      'records.archived',
    ]);
    expect(all).not.toContain('results.confirmed');
  });

  it('QĐ 190 Art. 14 §1: when a committee of 10 seats lists 14 candidates (one over the 30% cap), then it is refused naming the rule and nothing is written; 13 stand', async () => {
    await toOfficialSession('X26');
    const before = await digestPrefix(t.redis, t.prefix);
    const over = await post(
      'X26',
      'election.list_set',
      list('committee', 10, 14),
      vnTime(HELD_ON, 10),
      secretaries.X26!,
    );
    expect(over.status).toBe(422);
    expect(over.body.detail).toContain('election.surplus');
    expect(over.body.detail).toContain('190-QĐ/TW');
    expect(over.body.detail).toContain('Art. 14');
    expect(over.body.detail).toContain('surplus 40% exceeds the cap of 30%');
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    const atCap = await post(
      'X26',
      'election.list_set',
      list('committee', 10, 13),
      vnTime(HELD_ON, 10),
      secretaries.X26!,
    );
    expect(atCap.status).toBe(201);
  });
});
