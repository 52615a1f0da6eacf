/**
 * bench/results.json: what `npm run bench` measured, one entry per benchmark with the run that
 * measured it. It is committed; docs/benchmarks.md is rendered from it (render.ts), and read back
 * through zod, so a hand edit that breaks its shape stops the renderer with the path of the fault.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** The committed results file. */
export const RESULTS_PATH = new URL('../results.json', import.meta.url).pathname;

const figureSchema = z.object({
  id: z.string().regex(/^B\d+\.\d+$/),
  name: z.string().min(1),
  unit: z.string().min(1),
  value: z.number(),
  baselineName: z.string().optional(),
  baseline: z.number().optional(),
  target: z.string().optional(),
  met: z.boolean().optional(),
  headline: z.boolean().optional(),
});

const machineSchema = z.object({
  cpu: z.string(),
  cores: z.number().int().positive(),
  memoryGiB: z.number().positive(),
  node: z.string(),
  redis: z.string(),
});

/** The command a benchmark ran under and where. */
const runSchema = z.object({
  command: z.string().startsWith('npm run bench'),
  /** ISO time the command started. */
  startedAt: z.iso.datetime(),
  quick: z.boolean(),
  runs: z.number().int().min(3),
  machine: machineSchema,
});

const storedResultSchema = z.object({
  id: z.string().regex(/^B\d+$/),
  title: z.string().min(1),
  size: z.string().min(1),
  figures: z.array(figureSchema).min(1),
  notes: z.array(z.string()),
  run: runSchema,
  /** 1-minute load average as the benchmark started and as it ended (other work shares the host). */
  load: z.object({ start: z.number().nonnegative(), end: z.number().nonnegative() }),
  seconds: z.number().nonnegative(),
});

const resultsFileSchema = z.object({ results: z.array(storedResultSchema) });

/** One benchmark's result as stored. */
export type StoredResult = z.infer<typeof storedResultSchema>;
/** The run context stored with each result. */
export type RunContext = z.infer<typeof runSchema>;
/** The whole file. */
export type ResultsFile = z.infer<typeof resultsFileSchema>;

/** Parses the file's text; throws naming the first field that does not fit. */
export function parseResults(text: string): ResultsFile {
  return resultsFileSchema.parse(JSON.parse(text));
}

/** The committed results, or none when the file does not exist yet. */
export function readResults(path = RESULTS_PATH): ResultsFile {
  return existsSync(path) ? parseResults(readFileSync(path, 'utf8')) : { results: [] };
}

/**
 * `current` with `result` in place of the stored result of the same benchmark (the others are kept,
 * each with its own run), ordered B1, B2, ….
 */
export function withResult(current: ResultsFile, result: StoredResult): ResultsFile {
  const results = [...current.results.filter((r) => r.id !== result.id), result];
  results.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  return { results };
}

/** One result as JSON text: a line per field, and a line per figure and per note, so diffs stay readable. */
function resultText(result: StoredResult): string {
  const fields = Object.entries(result).map(([key, value]) => {
    const list = Array.isArray(value) && value.length > 0;
    const text = list
      ? `[\n${value.map((item) => `        ${JSON.stringify(item)}`).join(',\n')}\n      ]`
      : JSON.stringify(value);
    return `      ${JSON.stringify(key)}: ${text}`;
  });
  return `    {\n${fields.join(',\n')}\n    }`;
}

/** The file's text (valid JSON, compact enough to read and diff). */
export function formatResults(file: ResultsFile): string {
  return `{\n  "results": [\n${file.results.map(resultText).join(',\n')}\n  ]\n}\n`;
}

/** Writes `file` after reading its text back through the schema (a NaN would turn into null). */
export function writeResults(file: ResultsFile, path = RESULTS_PATH): void {
  const text = formatResults(file);
  parseResults(text);
  writeFileSync(path, text);
}
