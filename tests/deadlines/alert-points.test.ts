import { describe, expect, it } from 'vitest';
import {
  alertJobId,
  alertPointsOf,
  isPointOpen,
  schedulablePoints,
} from '../../src/deadlines/alert-points.js';
import { buildDeadline } from './support/builders.js';

describe('alert points', () => {
  it('when a deadline is expanded, then reminders, overdue and three escalations come out in time order', () => {
    const points = alertPointsOf('cell-1', buildDeadline());
    expect(points.map((p) => p.jobId.split('|').at(-1))).toEqual([
      'rem7',
      'rem3',
      'rem1',
      'due',
      'esc1',
      'esc2',
      'esc3',
    ]);
    const times = points.map((p) => Date.parse(p.fireAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(points[3]!.fireAt).toBe('2025-06-30T10:00:00.000Z');
    expect(points[5]!.point).toEqual({
      type: 'escalation',
      rung: 2,
      workingDaysAfter: 7,
      recipient: 'superior_standing_committee',
    });
  });

  it('when a job id is built, then it names unit, kind, step-entry seq, due time and point', () => {
    const d = buildDeadline();
    expect(alertJobId('cell-1', d, { type: 'overdue' })).toBe(
      `dl|cell-1|plan.approval|3|${Date.parse(d.dueAt)}|due`,
    );
  });

  it('when the step is re-entered or the deadline moves, then every job id changes', () => {
    const ids = (d = buildDeadline()) => alertPointsOf('cell-1', d).map((p) => p.jobId);
    const original = ids();
    const reentered = ids(buildDeadline({ enteredSeq: 9 }));
    const moved = ids(buildDeadline({ dueAt: '2025-07-15T10:00:00.000Z' }));
    for (const other of [reentered, moved]) expect(other.some((id) => original.includes(id))).toBe(false);
  });

  it('when unit id or kind contain ":" or "|", then they are encoded so BullMQ accepts the id and the separator holds', () => {
    const id = alertJobId('a:b|c', buildDeadline({ kind: 'x|y' }), { type: 'overdue' });
    expect(id).not.toContain(':');
    expect(id.split('|')).toHaveLength(6);
  });

  it('when a reminder is followed by a point already passed, then it is not scheduled, but overdue and escalations are', () => {
    const d = buildDeadline();
    const afterDue = new Date(Date.parse(d.dueAt) + 1000);
    const kinds = schedulablePoints('cell-1', d, afterDue).map((p) => p.point.type);
    expect(kinds).toEqual(['overdue', 'escalation', 'escalation', 'escalation']);
    const before = new Date(Date.parse(d.dueAt) - 10 * 24 * 3600 * 1000);
    expect(schedulablePoints('cell-1', d, before)).toHaveLength(7);
  });

  it('when the open set no longer has the same kind, entry seq and due time, then the point is not open', () => {
    const d = buildDeadline();
    const [point] = alertPointsOf('cell-1', d);
    expect(isPointOpen([d], point!)).toBe(true);
    expect(isPointOpen([], point!)).toBe(false);
    expect(isPointOpen([buildDeadline({ enteredSeq: 4 })], point!)).toBe(false);
    expect(isPointOpen([buildDeadline({ dueAt: '2025-07-01T10:00:00.000Z' })], point!)).toBe(false);
    expect(isPointOpen([buildDeadline({ reminders: [] })], point!)).toBe(false);
  });
});
