import type { ProgressRow } from './engine.types.js';
import { summarizeByLevel } from './rollup.js';

const viPercent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "81/82 (98,78%)": the way Vietnamese reports write completion (DOMAIN.md §6). */
export function formatVi(done: number, total: number): string {
  const percent = total === 0 ? 0 : (done / total) * 100;
  return `${done}/${total} (${viPercent.format(percent)}%)`;
}

const withFormat = <T extends Pick<ProgressRow, 'done' | 'total' | 'onTime'>>(row: T) => ({
  ...row,
  formatted: formatVi(row.done, row.total),
  onTimeFormatted: formatVi(row.onTime, row.total),
});

/**
 * The engine's level × block rows, plus per-level sums, each with its Vietnamese-formatted string.
 * The sums come from `summarizeByLevel`, so users see the figures the roll-up tests check.
 */
export function presentProgress(rows: ProgressRow[]) {
  return {
    rows: rows.map(withFormat),
    byLevel: summarizeByLevel(rows).map(({ level, done, total, onTime, atRisk, percent, draftsDiscussed }) =>
      withFormat({ level, done, total, onTime, atRisk, percent, draftsDiscussed }),
    ),
  };
}
