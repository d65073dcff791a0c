import { addDays } from '../../contract/time';
import type { WorkingCalendarYear } from '../../contract/subsidy-stages';

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
};

/**
 * Years the service knows before the bureau edits anything. 2026 is the State Council General Office's notice of
 * 4 November 2025 (国务院办公厅关于2026年部分节假日安排的通知, as Xinhua published it). 2027 holds only the statutory
 * holidays of 《全国年节及纪念日放假办法》 (2024 revision: 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1,
 * 国庆 3 days) on the 2027 dates (除夕 5 Feb, 端午 9 Jun, 中秋 15 Sep by the lunar calendar; 清明 5 Apr): the notice
 * with its adjusted working weekends and the make-up days for holidays on a weekend (春节 6–7 Feb, 劳动节 1–2 May,
 * 国庆 2–3 Oct) was not out when this was written, so the year is marked provisional and the bureau completes it on
 * the 工作日历 page. A year in the database replaces the built-in one.
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
  {
    year: 2027,
    source: '《全国年节及纪念日放假办法》（2024年修订）法定节假日；调休与补假待国务院办公厅2027年放假安排发布后核对',
    holidays: [
      '2027-01-01',
      ...range('2027-02-05', '2027-02-08'),
      '2027-04-05',
      ...range('2027-05-01', '2027-05-02'),
      '2027-06-09',
      '2027-09-15',
      ...range('2027-10-01', '2027-10-03'),
    ],
    workdays: [],
    provisional: true,
  },
];
