/** Regenerates the provenance tables in docs/rules.md from the rule sets (`npm run docs:rules`). */
import { writeFileSync } from 'node:fs';
import { RULES_DOC_PATH, formattedRulesDoc } from './rules-doc-file.js';

writeFileSync(RULES_DOC_PATH, await formattedRulesDoc());
console.log(`wrote ${RULES_DOC_PATH}`);
