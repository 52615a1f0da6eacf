/**
 * docs/rules.md as it is stored: the hand-written text with the provenance tables regenerated from the
 * rule sets, formatted with the repository's Prettier settings so `prettier --check` and the test agree.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { withRulesProvenance } from '../machines/docs/rules-doc.js';

/** Absolute path of docs/rules.md. */
export const RULES_DOC_PATH = fileURLToPath(new URL('../docs/rules.md', import.meta.url));

/** The exact text docs/rules.md should hold. */
export async function formattedRulesDoc(): Promise<string> {
  const options = (await resolveConfig(RULES_DOC_PATH)) ?? {};
  return format(withRulesProvenance(readFileSync(RULES_DOC_PATH, 'utf8')), {
    ...options,
    filepath: RULES_DOC_PATH,
  });
}
