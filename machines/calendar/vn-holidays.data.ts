/**
 * Vietnamese public holidays by year, 2019–2031 (Labour Code 2012 art. 115 to 2020, Labour Code 2019
 * art. 112 from 2021). Fixed-date holidays (1/1, 30/4, 1/5, 2/9) and their weekend compensation are
 * derived in code; what varies by year is data here.
 *
 * Lunar dates (Tết = 1/1 lunar, Hùng Kings = 10/3 lunar) are for the Vietnamese calendar (UTC+7).
 * Tết ranges for 2019–2025 are the breaks decreed for civil servants (every day in the range is off);
 * 2026–2031 are PROJECTED with the usual pattern — the eve (last day of the lunar year) and lunar days
 * 1–4, with any of those five falling on a weekend compensated by the following weekdays — and must be
 * replaced by the decreed ranges (via `extraHolidays` / `extraWorkingDays` or an edit here) once published.
 */
export interface HolidayYear {
  /** Tết break, inclusive. */
  tet: { from: string; to: string; decreed: boolean };
  /** Giỗ Tổ Hùng Vương, 10/3 lunar. */
  hungKings: string;
  /**
   * From 2021 National Day is two days: 2/9 plus 1/9 or 3/9, chosen each year. Projected years take the
   * day that joins a weekend (3/9 when 2/9 is a Monday, Thursday or Sunday; otherwise 1/9).
   */
  nationalDayExtra?: string;
  /** Weekdays given off in exchange for a working Saturday (hoán đổi ngày làm việc). */
  swappedDaysOff: string[];
  /** Saturdays officially worked in exchange. */
  workingSaturdays: string[];
}

export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2031;

export const HOLIDAY_YEARS: Readonly<Record<number, HolidayYear>> = {
  // 31/12/2018 was swapped off against Saturday 5/1/2019; 29/4 against Saturday 4/5.
  2019: {
    tet: { from: '2019-02-02', to: '2019-02-10', decreed: true },
    hungKings: '2019-04-14',
    swappedDaysOff: ['2019-04-29'],
    workingSaturdays: ['2019-01-05', '2019-05-04'],
  },
  2020: {
    tet: { from: '2020-01-23', to: '2020-01-29', decreed: true },
    hungKings: '2020-04-02',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2021: {
    tet: { from: '2021-02-10', to: '2021-02-16', decreed: true },
    hungKings: '2021-04-21',
    nationalDayExtra: '2021-09-03',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2022: {
    tet: { from: '2022-01-29', to: '2022-02-06', decreed: true },
    hungKings: '2022-04-10',
    nationalDayExtra: '2022-09-01',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2023: {
    tet: { from: '2023-01-20', to: '2023-01-26', decreed: true },
    hungKings: '2023-04-29',
    nationalDayExtra: '2023-09-01',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2024: {
    tet: { from: '2024-02-08', to: '2024-02-14', decreed: true },
    hungKings: '2024-04-18',
    nationalDayExtra: '2024-09-03',
    swappedDaysOff: ['2024-04-29'],
    workingSaturdays: ['2024-05-04'],
  },
  2025: {
    tet: { from: '2025-01-25', to: '2025-02-02', decreed: true },
    hungKings: '2025-04-07',
    nationalDayExtra: '2025-09-01',
    swappedDaysOff: ['2025-05-02'],
    workingSaturdays: ['2025-04-26'],
  },
  // VPCP 12729/VPCP-KGVX (25/12/2025): 1–4/1/2026 off, Friday 2/1 swapped against Saturday 10/1/2026.
  2026: {
    tet: { from: '2026-02-16', to: '2026-02-20', decreed: false },
    hungKings: '2026-04-26',
    nationalDayExtra: '2026-09-01',
    swappedDaysOff: ['2026-01-02'],
    workingSaturdays: ['2026-01-10'],
  },
  2027: {
    tet: { from: '2027-02-05', to: '2027-02-11', decreed: false },
    hungKings: '2027-04-16',
    nationalDayExtra: '2027-09-03',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2028: {
    tet: { from: '2028-01-25', to: '2028-01-31', decreed: false },
    hungKings: '2028-04-04',
    nationalDayExtra: '2028-09-01',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2029: {
    tet: { from: '2029-02-12', to: '2029-02-16', decreed: false },
    hungKings: '2029-04-23',
    nationalDayExtra: '2029-09-03',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2030: {
    tet: { from: '2030-02-01', to: '2030-02-07', decreed: false },
    hungKings: '2030-04-12',
    nationalDayExtra: '2030-09-03',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
  2031: {
    tet: { from: '2031-01-22', to: '2031-01-28', decreed: false },
    hungKings: '2031-04-01',
    nationalDayExtra: '2031-09-01',
    swappedDaysOff: [],
    workingSaturdays: [],
  },
};
