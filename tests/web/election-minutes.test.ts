/**
 * The vote-count minutes of a recorded round: Vietnamese HTML with the ballot numbers, one A4 page when
 * Chromium prints it, and visible to the unit, its superiors, inspection and auditors but not to a
 * sibling unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { startTestApp, type TestApp } from '../api/api-harness.js';
import { driveTarget, procedurePlan, sendPlanned, vnTime } from '../support/drive.js';

const HELD_ON = '2020-03-30';
const MINUTES = '/api/v1/units/C1/elections/committee/rounds/1/minutes';

describe('vote-count minutes', () => {
  let t: TestApp;
  let sibling: string;
  beforeAll(async () => {
    t = await startTestApp();
    const target = await driveTarget(t.engine, 'C1');
    const { preparation, toHeld } = procedurePlan(target, HELD_ON);
    const opened = toHeld.findIndex((e) => e.type === 'congress.opened');
    for (const event of [...preparation, ...toHeld.slice(0, opened + 1)])
      await sendPlanned(t.engine, target, event);
    const at = (hour: number) => vnTime(HELD_ON, hour);
    const send = (type: string, payload: Record<string, unknown>, hour: number) =>
      t.engine.dispatch('C1', { type, payload, at: at(hour) }, target.secretary);
    await send('congress.official_session_opened', { congressKind: 'member', summoned: 11, present: 10 }, 9);
    const candidates = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Chí', 'Phạm Thị Dung'];
    const nominations = candidates.map((candidateId) => ({ candidateId, by: 'convening_committee' }));
    await send('election.list_set', { election: 'committee', seats: 3, candidates, nominations }, 9);
    await send(
      'election.recorded',
      {
        election: 'committee',
        round: 1,
        exclusions: [{ category: 'absent_accepted_reason', count: 1, note: 'ốm' }],
        ballots: { issued: 10, collected: 9, valid: 8, invalid: 1 },
        votes: [
          { candidateId: 'Nguyễn Văn An', votes: 8 },
          { candidateId: 'Trần Thị Bình', votes: 7 },
          { candidateId: 'Lê Văn Chí', votes: 6 },
          { candidateId: 'Phạm Thị Dung', votes: 2 },
        ],
      },
      10,
    );
    sibling = (await t.tokens.create({ role: 'secretary', unitId: 'C2' })).token;
  });
  afterAll(async () => t.close());

  const get = (path: string, token: string) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  it('when the unit reads the minutes of a round, then they are Vietnamese HTML with the ballot count, the base and who is elected', async () => {
    const res = await get(MINUTES, t.token.secretary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('BIÊN BẢN KIỂM PHIẾU');
    for (const [field, value] of [
      ['summoned', 11],
      ['present', 10],
      ['issued', 10],
      ['collected', 9],
      ['valid', 8],
      ['invalid', 1],
    ] as const) {
      expect(res.text).toContain(`data-field="${field}">${value}<`);
    }
    // 11 summoned − 1 absent with an accepted reason = 10: at least 6 votes.
    expect(res.text).toContain('Tổng số làm căn cứ tính kết quả: <strong>10</strong>');
    expect(res.text).toContain('ít nhất <strong>6</strong> phiếu');
    expect(res.text).toContain('Trúng cử: Nguyễn Văn An, Trần Thị Bình, Lê Văn Chí');
  });

  it('when superiors, inspection or auditors read the minutes, then they see names and votes; a sibling cell does not', async () => {
    for (const role of ['standing_committee', 'inspection', 'auditor'] as const) {
      const res = await get(MINUTES, t.token[role]);
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
      expect(res.text).toContain('Phạm Thị Dung');
    }
    const denied = await get(MINUTES, sibling);
    expect([403, 404]).toContain(denied.status);
    expect(denied.text).not.toContain('Phạm Thị Dung');
  });

  it('when a round was never recorded, then the answer is 404 saying which', async () => {
    const res = await get('/api/v1/units/C1/elections/committee/rounds/2/minutes', t.token.secretary);
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('no recorded round 2 of the committee election');
  });

  it('when Chromium prints the minutes, then they fit one A4 page that shows the ballot numbers', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        extraHTTPHeaders: { Authorization: `Bearer ${t.token.secretary}` },
      });
      const url = `http://127.0.0.1:${(t.server.address() as { port: number }).port}${MINUTES}`;
      await page.goto(url);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages).toHaveLength(1);
      const cells: string[] = [];
      for (const cell of await page.locator('[data-field]').all()) {
        cells.push(`${await cell.getAttribute('data-field')}=${await cell.textContent()}`);
      }
      expect(cells).toEqual([
        'summoned=11',
        'present=10',
        'issued=10',
        'collected=9',
        'valid=8',
        'invalid=1',
      ]);
    } finally {
      await browser.close();
    }
  });
});
