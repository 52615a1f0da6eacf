/** Renders docs/benchmarks.md from bench/results.json and writes it. */
import { writeFileSync } from 'node:fs';
import { DOC_PATH, renderDocument } from './render.js';
import { readResults } from './results-file.js';

/** Rewrites docs/benchmarks.md from the committed results. */
export function writeDocument(): void {
  writeFileSync(DOC_PATH, renderDocument(readResults()));
}
