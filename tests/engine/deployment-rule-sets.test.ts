import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineRuleSet, RULE_SETS } from '../../machines/rules/index.js';
import { loadRuleSetsFile } from '../../src/config/rule-sets-file.js';
import { buildUnit, principals } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

// A locally decreed day off (Monday 2020-01-06) inside the superior's 10-working-day decision clock.
const LOCAL = defineRuleSet(RULE_SETS['2020-2025']!, {
  id: 'engine-local-2020',
  calendar: { extraHolidays: ['2020-01-06'] },
});

describe('deployment rule sets in the engine', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('rules', { ruleSets: { [LOCAL.id]: LOCAL } });
    await f.importUnits([
      buildUnit({ id: 'builtin-base', level: 'base', memberCount: 40 }),
      buildUnit({ id: 'builtin-cell', parentId: 'builtin-base' }),
      buildUnit({ id: 'local-base', level: 'base', memberCount: 40, term: LOCAL.id }),
      buildUnit({ id: 'local-cell', parentId: 'local-base', term: LOCAL.id }),
    ]);
  });
  afterEach(async () => f.cleanup());

  it("when a unit runs on a deployment rule set, then its deadlines follow that rule set's calendar", async () => {
    // Submitted on Thursday 2/1/2020: the clock runs from when it occurred.
    const submit = {
      type: 'plan.submitted',
      payload: { reference: 'KH-01' },
      at: '2020-01-02T09:00:00+07:00',
    };
    await f.engine.dispatch('builtin-cell', submit, principals.secretaryOf('builtin-cell'));
    await f.engine.dispatch('local-cell', submit, principals.secretaryOf('local-cell'));

    const approvalDue = async (id: string) =>
      (await f.engine.getUnit(id, principals.admin)).deadlines.find((d) => d.owner === 'superior')?.dueAt;
    expect(await approvalDue('builtin-cell')).toBe('2020-01-16T10:00:00.000Z');
    expect(await approvalDue('local-cell')).toBe('2020-01-17T10:00:00.000Z');
  });

  it('when an import names a term nobody registered, then it is refused and nothing is written', async () => {
    const before = await namespaceDump(f.redis, f.prefix);
    await expect(
      f.engine.importTree(
        { format: 'json', content: JSON.stringify([buildUnit({ id: 'x', term: 'nowhere-2020' })]) },
        principals.admin,
      ),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: expect.stringMatching(/nowhere-2020/) })],
    });
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });
});

describe('rule sets file', () => {
  const write = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
    writeFileSync(path, content);
    return path;
  };

  it('when the file derives a term, then the rule set carries the overrides and the new id', () => {
    const path = write(
      JSON.stringify([{ id: 'file-2025-hn', base: '2025-2030', overrides: { clocks: { resultReport: 5 } } }]),
    );

    const [rules] = loadRuleSetsFile(path);

    expect(rules).toMatchObject({ id: 'file-2025-hn', clocks: { resultReport: 5, confirmation: 15 } });
  });

  it('when the file is invalid, then the error names the file and the field', () => {
    const unknownBase = write(JSON.stringify([{ id: 'x', base: '1990-1995' }]));
    const badField = write(
      JSON.stringify([{ id: 'y', base: '2025-2030', overrides: { subordinateThreshold: 2 } }]),
    );

    expect(() => loadRuleSetsFile(unknownBase)).toThrow(
      new RegExp(`${unknownBase}.*Unknown rule set "1990-1995"`),
    );
    expect(() => loadRuleSetsFile(badField)).toThrow(/subordinateThreshold/);
    expect(() => loadRuleSetsFile(write('{ not json'))).toThrow(/Invalid rule sets file/);
  });
});
