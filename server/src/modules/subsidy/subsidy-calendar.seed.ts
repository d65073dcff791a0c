import { addDays } from '../../contract/time';
import type { WorkingCalendarYear } from '../../contract/subsidy-stages';

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
};

/**
 * Years the service knows before the bureau edits anything. 2026 is the State Council General Office's notice of
 * 4 November 2025 (国务院办公厅关于2026年部分节假日安排的通知, as Xinhua published it); later years are added by the bureau on
 * the 工作日历 page when the State Council publishes them (usually in November). A year in the database
 * replaces the built-in one.
 */
export const BUILT_IN_CALENDARS: ReadonlyArray<WorkingCalendarYear> = [
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
