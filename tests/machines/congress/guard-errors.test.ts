import { describe, expect, it } from 'vitest';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver } from './support/unit-driver.js';

// The calendar has holiday data for 2019–2031: counting working days back to 2018 throws inside the
// notice guard, which is a gap in data, not a rule of the procedure.
describe('guards that throw', () => {
  it('when a guard throws, then the event is refused with its message and marked internal with the guard name', () => {
    const d = walkTo(new UnitDriver(), 'review.approved');
    d.send('convening.date_proposed', { openingDate: '2018-12-03' });
    const before = structuredClone(d.snapshot);

    const outcome = d.try('convening.date_approved');

    expect(outcome).toMatchObject({ ok: false, code: 'not_allowed' });
    if (outcome.ok) return;
    expect(outcome.message).toContain('Date 2018-12-03 is outside the holiday data (2019–2031)');
    expect(outcome.internal).toEqual([
      { guard: 'openingDateAcceptable', message: expect.stringContaining('2018-12-03') as string },
    ]);
    expect(d.snapshot).toEqual(before);
  });

  it('when a rule refuses, then the refusal carries no internal marker', () => {
    const d = walkTo(new UnitDriver(), 'review.approved');
    d.send('convening.date_proposed', { openingDate: '2020-02-10' });

    const outcome = d.try('convening.date_approved');

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.internal).toBeUndefined();
  });
});
