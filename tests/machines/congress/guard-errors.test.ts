import { describe, expect, it } from 'vitest';
import { defineRuleSet } from '../../../machines/rules/define-rule-set.js';
import { registerRuleSets } from '../../../machines/rules/index.js';
import { TERM_2025_2030 } from '../../../machines/rules/term-2025-2030.rules.js';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildUnit } from './support/unit-driver.js';

// The calendar has holiday data for 2019–2031: a 400-working-day notice counted from 2030 runs past
// it, so the notice guard throws. That is a gap in data, not a rule of the procedure.
registerRuleSets([defineRuleSet(TERM_2025_2030, { id: 'long-notice', clocks: { convocationNotice: 400 } })]);

function announcedIn2030(): UnitDriver {
  const d = new UnitDriver(buildUnit({ ruleSetId: 'long-notice', openedAt: '2030-06-03T02:00:00.000Z' }));
  return walkTo(d, 'convening.announced');
}

describe('guards that throw', () => {
  it('when a guard throws, then the event is refused with its message and marked internal with the guard name', () => {
    const d = announcedIn2030();
    const before = structuredClone(d.snapshot);

    const outcome = d.try('congress.opened', {}, { at: '2030-12-20T01:00:00.000Z' });

    expect(outcome).toMatchObject({ ok: false, code: 'not_allowed' });
    if (outcome.ok) return;
    expect(outcome.message).toContain('outside the holiday data (2019–2031)');
    expect(outcome.internal).toEqual([
      { guard: 'openingGate', message: expect.stringContaining('2032') as string },
    ]);
    expect(d.snapshot).toEqual(before);
  });

  it('when a rule refuses, then the refusal carries no internal marker', () => {
    const d = walkTo(new UnitDriver(), 'convening.announced');

    const outcome = d.try('congress.opened', {}, { at: d.at });

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.internal).toBeUndefined();
  });
});
