/** Writes docs/statechart.md from the machine definition (`npm run docs:statechart`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { STATECHART_DOC_PATH, formattedStatechartDoc } from './statechart-doc-file.js';

mkdirSync(dirname(STATECHART_DOC_PATH), { recursive: true });
writeFileSync(STATECHART_DOC_PATH, await formattedStatechartDoc());
console.log(`wrote ${STATECHART_DOC_PATH}`);
