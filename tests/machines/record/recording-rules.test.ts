import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../machines/calendar/vn-calendar.js';
import { isLateRecording, isWithinCorrectionWindow } from '../../../machines/record/recording-rules.js';

// Occurred on Monday 2/3/2020 in Hanoi; the working days after it are Tue 3, Wed 4, Thu 5, Fri 6, Mon 9.
const OCCURRED = '2020-03-02T09:00:00+07:00';

describe('late recording (clocks.lateRecording, local policy)', () => {
  it.each([
    ['on the 3rd working day after, late in the Vietnam evening', '2020-03-05T16:59:59Z', false],
    ['at the first instant of the 4th working day (Vietnam midnight)', '2020-03-05T17:00:00Z', true],
    ['on the 2nd working day after', '2020-03-04T10:00:00+07:00', false],
    ['the same day', '2020-03-02T18:00:00+07:00', false],
    ['after a weekend: Monday 9/3 is the 5th working day', '2020-03-09T08:00:00+07:00', true],
  ])('when recorded %s with a limit of 3 working days, then late is %s', (_label, recordedAt, late) => {
    expect(isLateRecording(OCCURRED, recordedAt, 3, defaultCalendar)).toBe(late);
  });

  it('when the weekend falls between, then Saturday and Sunday do not count', () => {
    // Occurred Friday 6/3; Saturday 7/3 and Sunday 8/3 are not working days, so Monday 9/3 is the 1st.
    expect(
      isLateRecording('2020-03-06T15:00:00+07:00', '2020-03-09T09:00:00+07:00', 0, defaultCalendar),
    ).toBe(true);
    expect(
      isLateRecording('2020-03-06T15:00:00+07:00', '2020-03-08T09:00:00+07:00', 0, defaultCalendar),
    ).toBe(false);
  });
});

describe('correction window (clocks.correctionWindow, local policy)', () => {
  it.each([
    ['on the 5th working day after recording', '2020-03-09T23:00:00+07:00', true],
    ['on the 6th working day', '2020-03-10T08:00:00+07:00', false],
    ['the day it was recorded', '2020-03-02T20:00:00+07:00', true],
  ])('when corrected %s with a window of 5, then within is %s', (_label, now, within) => {
    expect(isWithinCorrectionWindow(OCCURRED, now, 5, defaultCalendar)).toBe(within);
  });
});
