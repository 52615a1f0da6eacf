/**
 * The export's `minutes` format over HTTP: every recorded round of the unit in log order, each its own
 * sheet with its ballot numbers; the export's access (a sibling refused, auditors allowed); a unit
 * without a round still answered; a bad format named with the allowed values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, startTestApp, type TestApp } from './api-harness.js';
import { recordTieThenDecidingRound } from '../support/election-rounds.js';

const EXPORT = '/api/v1/units/C1/export?format=minutes';

/** Each round's sheet of the document, in the order they appear. */
const sheets = (html: string) => html.split('<section class="sheet"').slice(1);

describe('GET /api/v1/units/:id/export?format=minutes', () => {
  let t: TestApp;
  let c2Secretary: string;
  beforeAll(async () => {
    t = await startTestApp();
    await recordTieThenDecidingRound(t.engine, 'C1', '2020-03-30');
    c2Secretary = (await t.tokens.create({ role: 'secretary', unitId: 'C2' })).token;
  });
  afterAll(async () => t.close());

  const get = (path: string, token: string) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  it('when a unit recorded a tie round and then the deciding round, then both are sheets of one HTML document, in log order, with their ballot numbers', async () => {
    const res = await get(EXPORT, t.token.secretary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-disposition']).toContain('filename="C1.minutes.html"');
    expect(res.text.match(/<html/g)).toHaveLength(1);
    const [tie, deciding, ...more] = sheets(res.text);
    expect(more).toEqual([]);
    expect(tie).toContain('data-round="committee-1"');
    for (const [field, value] of [
      ['issued', 10],
      ['collected', 10],
      ['valid', 9],
      ['invalid', 1],
    ] as const)
      expect(tie).toContain(`data-field="${field}">${value}<`);
    expect(tie).toContain('Có người bằng phiếu ở vị trí cuối');
    expect(tie).toContain('Trúng cử: Nguyễn Văn An, Trần Thị Bình.');
    expect(deciding).toContain('data-round="committee-2"');
    for (const [field, value] of [
      ['collected', 8],
      ['valid', 7],
    ] as const)
      expect(deciding).toContain(`data-field="${field}">${value}<`);
    expect(deciding).toContain('Trúng cử: Lê Văn Chí.');
  });

  it('when auditors or the superior export the minutes, then they get the same document; a sibling cell is refused and sees no name', async () => {
    const own = (await get(EXPORT, t.token.secretary)).text;
    for (const role of ['auditor', 'standing_committee', 'inspection'] as const) {
      const res = await get(EXPORT, t.token[role]);
      expect({ role, status: res.status, same: res.text === own }).toEqual({ role, status: 200, same: true });
    }
    const denied = await get(EXPORT, c2Secretary);
    expect([403, 404]).toContain(denied.status);
    expect(denied.text).not.toContain('Lê Văn Chí');
  });

  it('when a unit has recorded no round, then the answer is still 200: one sheet that says so in Vietnamese', async () => {
    const res = await get('/api/v1/units/C2/export?format=minutes', c2Secretary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="C2.minutes.html"');
    const [only, ...more] = sheets(res.text);
    expect(more).toEqual([]);
    expect(only).toContain('chưa ghi nhận lần bầu cử nào');
    expect(only).not.toContain('data-field');
  });

  it('when the format is not one the export knows, then 400 names the allowed values and nothing is written', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const res = await get('/api/v1/units/C1/export?format=pdf', t.token.secretary);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('format must be one of jsonl, csv, minutes');
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });
});
