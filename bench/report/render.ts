/**
 * The one renderer of docs/benchmarks.md: the answer first (one row per benchmark's headline
 * figure), then the machine and the command, then why the targets read as they do, then each
 * benchmark's detail, all from bench/results.json. Deterministic: the same file renders the same
 * document, which tests/bench/benchmarks-doc.test.ts holds the committed document to.
 */
import { formatNumber, type Figure } from '../harness.js';
import { baseline, duration, met, num, ratio } from './format.js';
import { ANSWER_NOTE, DECISIONS, INTRO, KEPT_FINDINGS, QUICK_NOTE, reproducing } from './prose.js';
import type { ResultsFile, RunContext, StoredResult } from './results-file.js';

/** The rendered document. */
export const DOC_PATH = new URL('../../docs/benchmarks.md', import.meta.url).pathname;

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A headline's baseline is in the figure's own unit, so the answer prints it. */
function answerRow(result: StoredResult, f: Figure): string {
  const figure = `${f.id} ${f.name}: ${num(f.value)} ${f.unit}`;
  const base =
    f.baseline === undefined ? '—' : `${num(f.baseline)} ${f.unit} (${f.baselineName ?? 'baseline'})`;
  const cells = [`${result.id} ${result.title}`, figure, base, ratio(f), f.target ?? '—', met(f)];
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** The opening table; a benchmark without a headline figure is named as such, so none goes missing. */
function answerTable(results: StoredResult[]): string[] {
  const rows = results.flatMap((r) => {
    const headlines = r.figures.filter((f) => f.headline);
    if (headlines.length === 0) return [`| ${r.id} ${r.title} | — | — | — | — | — |`];
    return headlines.map((f) => answerRow(r, f));
  });
  return [
    '| benchmark | figure | same-run baseline | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

/** The targets of the detail that are not in the opening table, counted, with the ids of those missed. */
function otherTargets(results: StoredResult[]): string {
  const others = results.flatMap((r) => r.figures).filter((f) => f.met !== undefined && !f.headline);
  if (others.length === 0) return 'The detail has no other targets.';
  const missed = others.filter((f) => f.met === false).map((f) => f.id);
  const verdict = missed.length === 0 ? 'all met' : `not met: ${missed.join(', ')}`;
  return `Other targets in the detail: ${others.filter((f) => f.met).length} of ${others.length} met (${verdict}).`;
}

function machineLine(run: RunContext): string {
  const m = run.machine;
  return `${m.cores} cores (${m.cpu}), ${formatNumber(m.memoryGiB, 1)} GiB memory, Node ${m.node}, Redis ${m.redis} on the same host`;
}

function runLine(run: RunContext): string {
  const size = run.quick ? 'quick sizes (`--quick`)' : 'full sizes';
  return `\`${run.command}\`, started ${run.startedAt}: ${size}, median of ${run.runs} runs per figure after a warm-up`;
}

const runKey = (run: RunContext) => JSON.stringify(run);

/** Machine and command; one line per distinct run when a partial run replaced some results. */
function whereAndHow(results: StoredResult[]): string[] {
  const runs = new Map<string, { run: RunContext; ids: string[] }>();
  for (const r of results) {
    const entry = runs.get(runKey(r.run)) ?? { run: r.run, ids: [] };
    entry.ids.push(r.id);
    runs.set(runKey(r.run), entry);
  }
  const loads = results.flatMap((r) => [r.load.start, r.load.end]);
  const load = `Load average (1 min) between ${num(Math.min(...loads))} and ${num(Math.max(...loads))} as the benchmarks started and ended: the host is shared.`;
  const machines = [...new Set([...runs.values()].map((e) => machineLine(e.run)))];
  const lines = machines.length === 1 ? [`Machine: ${machines[0]}.`] : [];
  for (const { run, ids } of runs.values()) {
    const machine = machines.length === 1 ? '' : ` on ${machineLine(run)}`;
    const which = runs.size === 1 ? 'Command' : `${ids.join(', ')}`;
    lines.push(`${which}: ${runLine(run)}${machine}.`);
  }
  const quick = results.some((r) => r.run.quick) ? ['', QUICK_NOTE] : [];
  return [...lines.map((l) => `${l}  `), load, ...quick];
}

function detailRow(f: Figure): string {
  const cells = [
    `${f.id} ${f.name}`,
    `${num(f.value)} ${f.unit}`,
    baseline(f),
    ratio(f),
    f.target ?? '—',
    met(f),
  ];
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** One benchmark's section: size, run, table, notes. */
function detail(result: StoredResult): string[] {
  const lines = [
    `### ${result.id} — ${result.title}`,
    '',
    `Size: ${result.size}.  `,
    `Run: \`${result.run.command}\`, started ${result.run.startedAt}; took ${duration(result.seconds)}, load average ${num(result.load.start)} at its start and ${num(result.load.end)} at its end.`,
    '',
    '| figure | value | same-run baseline | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...result.figures.map(detailRow),
  ];
  if (result.notes.length > 0) lines.push('', ...result.notes.map((n) => `- ${n}`));
  return lines;
}

/** docs/benchmarks.md for `file`. */
export function renderDocument(file: ResultsFile): string {
  const { results } = file;
  if (results.length === 0) throw new Error('bench/results.json holds no results: run `npm run bench` first');
  const took = duration(results.reduce((sum, r) => sum + r.seconds, 0));
  const sections = [
    ['# Benchmarks', '', INTRO],
    ['## The answer', '', ...answerTable(results), '', ANSWER_NOTE, '', otherTargets(results)],
    whereAndHow(results),
    [DECISIONS],
    ['## This run in detail'],
    ...results.map(detail),
    [reproducing(took)],
    [KEPT_FINDINGS],
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
