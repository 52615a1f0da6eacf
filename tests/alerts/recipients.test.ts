import { describe, expect, it } from 'vitest';
import type { EscalationRecipient } from '../../machines/domain.js';
import { recipientsFor } from '../../src/alerts/recipients.js';
import { buildLineage } from '../deadlines/support/builders.js';

const { cell, base, district, province } = buildLineage();
const cellLineage = { unit: cell, ancestors: [base, district, province] };
const rung = (recipient: EscalationRecipient, rungNo: number) =>
  ({ type: 'escalation', rung: rungNo, workingDaysAfter: 1, recipient }) as const;

describe('recipients', () => {
  it('when the unit owes the action, then reminders and overdue go to the unit and its working group', () => {
    expect(recipientsFor({ type: 'reminder', workingDaysBefore: 3 }, 'unit', cellLineage)).toEqual([
      'unit:cell-1',
      'wg:wg-base-1-a',
    ]);
    expect(recipientsFor({ type: 'overdue' }, 'unit', cellLineage)).toEqual([
      'unit:cell-1',
      'wg:wg-base-1-a',
    ]);
  });

  it('when the unit owes the action, then the ladder is its working group, the superior SC, the level above', () => {
    expect(recipientsFor(rung('working_group', 1), 'unit', cellLineage)).toEqual(['wg:wg-base-1-a']);
    expect(recipientsFor(rung('superior_standing_committee', 2), 'unit', cellLineage)).toEqual(['sc:base-1']);
    expect(recipientsFor(rung('level_above', 3), 'unit', cellLineage)).toEqual(['sc:district-1']);
  });

  it('when the superior owes the action, then reminders go to its SC and the ladder starts one level up', () => {
    expect(recipientsFor({ type: 'overdue' }, 'superior', cellLineage)).toEqual(['sc:base-1']);
    expect(recipientsFor(rung('working_group', 1), 'superior', cellLineage)).toEqual(['wg:wg-d-7']);
    expect(recipientsFor(rung('superior_standing_committee', 2), 'superior', cellLineage)).toEqual([
      'sc:district-1',
    ]);
    expect(recipientsFor(rung('level_above', 3), 'superior', cellLineage)).toEqual(['sc:province-1']);
  });

  it('when the owing unit has no working group, then rung 1 falls back to the superior standing committee', () => {
    const lineage = { unit: { ...cell, workingGroup: null }, ancestors: [base, district, province] };
    expect(recipientsFor(rung('working_group', 1), 'unit', lineage)).toEqual(['sc:base-1']);
    expect(recipientsFor({ type: 'overdue' }, 'unit', lineage)).toEqual(['unit:cell-1']);
  });

  it('when rungs would go above the root, then they have no recipient', () => {
    const lineage = { unit: district, ancestors: [province] };
    expect(recipientsFor(rung('level_above', 3), 'unit', lineage)).toEqual([]);
    expect(recipientsFor(rung('superior_standing_committee', 2), 'superior', lineage)).toEqual([]);
    expect(recipientsFor(rung('superior_standing_committee', 2), 'unit', lineage)).toEqual(['sc:province-1']);
  });
});
