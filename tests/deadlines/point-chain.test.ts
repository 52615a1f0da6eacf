import { describe, expect, it } from 'vitest';
import { alertPointsOf } from '../../src/deadlines/alert-points.js';
import { firstPoint, nextPointAfter, possiblyQueuedPoints } from '../../src/deadlines/point-chain.js';
import { buildDeadline } from './support/builders.js';

const DAY = 24 * 3600 * 1000;
const deadline = buildDeadline();
const points = alertPointsOf('cell-1', deadline);
const ids = points.map((p) => p.jobId);
const at = (daysFromDue: number) => new Date(Date.parse(deadline.dueAt) + daysFromDue * DAY);
const suffix = (id: string | undefined) => id?.split('|').at(-1);

describe('point chain', () => {
  it('when a deadline opens early, then its chain starts at the first reminder', () => {
    expect(suffix(firstPoint('cell-1', deadline, at(-10))?.jobId)).toBe('rem7');
  });

  it('when a deadline opens after its reminders passed, then its chain starts at the overdue point', () => {
    expect(suffix(firstPoint('cell-1', deadline, at(0.5))?.jobId)).toBe('due');
    expect(suffix(firstPoint('cell-1', deadline, at(-2))?.jobId)).toBe('rem3');
  });

  it('when a point fires, then the next one in time order follows it, up to the last rung', () => {
    const followers = ids.map((id) => suffix(nextPointAfter('cell-1', deadline, id, at(-10))?.jobId));
    expect(followers).toEqual(['rem3', 'rem1', 'due', 'esc1', 'esc2', 'esc3', undefined]);
  });

  it('when a reminder fires late, then reminders already superseded are skipped', () => {
    expect(suffix(nextPointAfter('cell-1', deadline, ids[0]!, at(-0.5))?.jobId)).toBe('rem1');
    expect(suffix(nextPointAfter('cell-1', deadline, ids[0]!, at(1))?.jobId)).toBe('due');
  });

  it('when the fired id is not one of the deadline, then nothing follows', () => {
    expect(nextPointAfter('cell-1', deadline, 'dl|cell-1|other|1|0|due', at(-10))).toBeUndefined();
  });

  it('when asked which points may be queued, then it is every passed point and the first future one', () => {
    expect(possiblyQueuedPoints('cell-1', deadline, at(-10)).map((p) => p.jobId)).toEqual([ids[0]]);
    expect(possiblyQueuedPoints('cell-1', deadline, at(4)).map((p) => p.jobId)).toEqual(ids.slice(0, 6));
    expect(possiblyQueuedPoints('cell-1', deadline, at(30)).map((p) => p.jobId)).toEqual(ids);
  });
});
