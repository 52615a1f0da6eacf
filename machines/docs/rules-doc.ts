/**
 * The provenance tables of docs/rules.md, rendered from the rule sets themselves: every number and gate,
 * its value in each term, whether it refuses (national source) or flags (local policy), and where it
 * comes from. A test fails when the committed document differs, so the docs cannot drift from the data.
 */
import { RULE_SETS, type RuleSet } from '../rules/index.js';
import { describeProvenance, requiredRuleIds, type RuleId } from '../rules/provenance.js';

function valueOf(rules: RuleSet, id: RuleId): string {
  if (id.startsWith('gate.')) return 'gate';
  const path = id.split('.');
  if (id === 'election.surplus') {
    const { surplusMin, surplusMax, surplusCap } = rules.election;
    return `${surplusMin * 100}–${surplusMax * 100} %, cap ${surplusCap * 100} %`;
  }
  let value: unknown = rules;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toFixed(4).replace(/0+$/, '');
  return String(value);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function renderRuleSet(rules: RuleSet): string {
  const rows = requiredRuleIds(rules).map((id) => {
    const provenance = rules.provenance[id];
    const hardness = provenance && 'source' in provenance ? 'national: may refuse' : 'local: flags only';
    const where = provenance ? describeProvenance(provenance) : 'MISSING';
    const url =
      provenance && 'source' in provenance && provenance.source.url
        ? ` ([page](${provenance.source.url}))`
        : '';
    return `| \`${id}\` | ${escapeCell(valueOf(rules, id))} | ${hardness} | ${escapeCell(where)}${url} |`;
  });
  return [
    `### \`${rules.id}\` — ${rules.directive}, elections under ${rules.election.regulation}`,
    '',
    '| rule | value | kind | source or basis |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export const RULES_DOC_START = '<!-- generated from machines/rules by `npm run docs:rules`: do not edit -->';
export const RULES_DOC_END = '<!-- end of generated provenance -->';

/** The generated block: one provenance table per built-in rule set. */
export function renderRulesProvenance(): string {
  return [
    RULES_DOC_START,
    '',
    ...Object.values(RULE_SETS).flatMap((rules) => [renderRuleSet(rules), '']),
    RULES_DOC_END,
  ].join('\n');
}

/** `document` with its generated block replaced (or appended when it has none yet). */
export function withRulesProvenance(document: string): string {
  const start = document.indexOf(RULES_DOC_START);
  const end = document.indexOf(RULES_DOC_END);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${renderRulesProvenance()}\n`;
  return document.slice(0, start) + renderRulesProvenance() + document.slice(end + RULES_DOC_END.length);
}
