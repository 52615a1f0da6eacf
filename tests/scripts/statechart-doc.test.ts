import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStatechartDoc } from '../../machines/docs/statechart-doc.js';
import { STATECHART_DOC_PATH, formattedStatechartDoc } from '../../scripts/statechart-doc-file.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';

describe('docs/statechart.md', () => {
  it('when the machine or the catalogue changes, then the committed drawing must be regenerated', async () => {
    const committed = readFileSync(STATECHART_DOC_PATH, 'utf8');
    const expected = await formattedStatechartDoc();
    expect(
      committed === expected,
      'docs/statechart.md is stale: run `npm run docs:statechart` and commit it',
    ).toBe(true);
  });

  it('when the document is rendered, then it draws nested and parallel states and lists every event', () => {
    const doc = renderStatechartDoc();
    expect(doc).toContain('stateDiagram-v2');
    expect(doc).toContain('state "preparation (parallel)" as procedure_preparation {');
    expect(doc).toMatch(/procedure_preparation_documents \{[\s\S]*?\n\s+--\n/);
    expect(doc).toContain('procedure_preparation --> procedure_congress: congress.opened [openingGate]');
    expect(doc).toContain('postponed --> procedure_history: congress.resumed');
    for (const type of Object.keys(EVENT_CATALOGUE)) expect(doc).toContain(`| \`${type}\` |`);
  });
});
