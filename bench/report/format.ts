/** How figures print, in the document and on the terminal alike. */
import { formatNumber, type Figure } from '../harness.js';

function digitsFor(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n) || Math.abs(n) >= 100) return 0;
  return Math.abs(n) >= 1 ? 2 : 3;
}

/** A figure's number: no decimals from 100 up, two from 1, three below. */
export const num = (n: number): string => formatNumber(n, digitsFor(n));

/** value ÷ baseline as "0.23×" (or "1/36,011" when tiny); "—" without a baseline. */
export function ratio(f: Figure): string {
  if (f.baseline === undefined || f.baseline === 0) return '—';
  const r = f.value / f.baseline;
  if (r > 0 && r < 0.01) return `1/${formatNumber(1 / r)}`;
  return `${r.toFixed(r >= 10 ? 1 : 2)}×`;
}

/** "yes", "**no**" or "—" when the figure has no target. */
export function met(f: Figure): string {
  if (f.met === undefined) return '—';
  return f.met ? 'yes' : '**no**';
}

/** The baseline and what it is, or "—". */
export function baseline(f: Figure): string {
  return f.baseline === undefined ? '—' : `${num(f.baseline)} (${f.baselineName ?? 'baseline'})`;
}

/** "12 min 5 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Plain text of one result for the terminal, as each benchmark finishes. */
export function printResult(result: {
  id: string;
  title: string;
  size: string;
  figures: Figure[];
  notes: string[];
}): string {
  const lines = [`${result.id} ${result.title} (${result.size})`];
  for (const f of result.figures) {
    const verdict = f.met === undefined ? '' : f.met ? '  [met]' : '  [NOT met]';
    const base =
      f.baseline === undefined ? '' : `  vs ${num(f.baseline)} ${f.baselineName ?? ''} (${ratio(f)})`;
    lines.push(`  ${f.id} ${f.name}: ${num(f.value)} ${f.unit}${base}${verdict}`);
  }
  return lines.concat(result.notes.map((n) => `  - ${n}`)).join('\n');
}
