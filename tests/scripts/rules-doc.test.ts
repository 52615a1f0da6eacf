import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesProvenance, withRulesProvenance } from '../../machines/docs/rules-doc.js';
import { RULES_DOC_PATH, formattedRulesDoc } from '../../scripts/rules-doc-file.js';

describe('docs/rules.md', () => {
  it('when a rule set changes, then the committed provenance tables must be regenerated', async () => {
    const committed = readFileSync(RULES_DOC_PATH, 'utf8');
    expect(
      committed === (await formattedRulesDoc()),
      'docs/rules.md is stale: run `npm run docs:rules`',
    ).toBe(true);
  });

  it('each rule says whether it refuses or flags, and where it comes from', () => {
    const block = renderRulesProvenance();
    expect(block).toMatch(/\| `clocks\.resultReport` \| 7 \| national: may refuse \| Quy định 29-QĐ\/TW/);
    expect(block).toMatch(
      /\| `clocks\.superiorReviewBeforeOpening` \| 45 \| local: flags only \| local policy \(one province/,
    );
    expect(block).toMatch(/\| `congressDeadlines\.cell` \| 2020-03-31 \| local: flags only \| local policy/);
  });

  it('regenerating replaces the block and keeps the hand-written text around it', () => {
    const once = withRulesProvenance('# Title\n\nprose\n');
    const twice = withRulesProvenance(`${once}\nmore prose\n`);
    expect(twice.match(/generated from machines\/rules/g)).toHaveLength(1);
    expect(twice).toContain('prose');
    expect(twice).toContain('more prose');
  });
});
