import type { Level } from '../../machines/domain.js';
import type { ProgressRow } from '../engine/engine.types.js';

const viPercent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "81/82 (98,78%)": the way Vietnamese reports write completion (DOMAIN.md §6). */
export function formatVi(done: number, total: number): string {
  const percent = total === 0 ? 0 : (done / total) * 100;
  return `${done}/${total} (${viPercent.format(percent)}%)`;
}

interface Totals {
  done: number;
  total: number;
  onTime: number;
  atRisk: number;
}

const add = (a: Totals, b: Totals): Totals => ({
  done: a.done + b.done,
  total: a.total + b.total,
  onTime: a.onTime + b.onTime,
  atRisk: a.atRisk + b.atRisk,
});

const withFormat = <T extends Totals>(t: T) => ({
  ...t,
  percent: t.total === 0 ? 0 : Math.round((t.done / t.total) * 10_000) / 100,
  formatted: formatVi(t.done, t.total),
  onTimeFormatted: formatVi(t.onTime, t.total),
});

/** The engine's level × block rows, plus per-level sums, each with its Vietnamese-formatted string. */
export function presentProgress(rows: ProgressRow[]) {
  const byLevel = new Map<Level, Totals>();
  for (const row of rows) {
    byLevel.set(row.level, add(byLevel.get(row.level) ?? { done: 0, total: 0, onTime: 0, atRisk: 0 }, row));
  }
  return {
    rows: rows.map((row) => ({ ...withFormat(row), percent: row.percent })),
    byLevel: [...byLevel].map(([level, totals]) => ({ level, ...withFormat(totals) })),
  };
}
