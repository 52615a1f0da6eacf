/**
 * The generated document as it is stored: rendered from the machine, then formatted with the
 * repository's Prettier settings so `prettier --check` and the staleness test agree.
 */
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { renderStatechartDoc } from '../machines/docs/statechart-doc.js';

/** Absolute path of docs/statechart.md. */
export const STATECHART_DOC_PATH = fileURLToPath(new URL('../docs/statechart.md', import.meta.url));

/** The exact text docs/statechart.md should hold. */
export async function formattedStatechartDoc(): Promise<string> {
  const options = (await resolveConfig(STATECHART_DOC_PATH)) ?? {};
  return format(renderStatechartDoc(), { ...options, filepath: STATECHART_DOC_PATH });
}
