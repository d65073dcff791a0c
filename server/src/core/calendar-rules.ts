import { RuleType } from '@midwayjs/validate';
import { isCalendarDay } from '../contract/time';

const DAY_PREFIX = /^\d{4}-\d{2}-\d{2}/;
const MESSAGE = '{{#label}} 不是日历上存在的日期';

interface PrepareHelpers {
  error(code: string): unknown;
}

/**
 * Joi reads `2025-02-30` as 2 March and `new Date('2025-02-30')` agrees, so a date that does not exist
 * would be stored as another one. Every date field uses these rules instead: the day part must exist
 * on the calendar before anything converts it (422 naming the field).
 */
const calendar = RuleType.extend(
  {
    type: 'date',
    base: RuleType.date(),
    messages: { 'date.calendar': MESSAGE },
    prepare(value: unknown, helpers: PrepareHelpers) {
      if (typeof value === 'string' && DAY_PREFIX.test(value) && !isCalendarDay(value.slice(0, 10))) {
        return { errors: [helpers.error('date.calendar')] };
      }
      return { value };
    },
  },
  {
    type: 'calendarDay',
    base: RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD 格式的日期'),
    messages: { 'calendarDay.invalid': MESSAGE },
    validate(value: string, helpers: PrepareHelpers) {
      return isCalendarDay(value) ? { value } : { value, errors: [helpers.error('calendarDay.invalid')] };
    },
  },
);

/** An ISO 8601 date-time (converted to a Date) whose day exists: `2026-02-30T10:00:00+08:00` is refused. */
export function calendarInstant() {
  return calendar.date().iso();
}

/** A `YYYY-MM-DD` day that exists on the calendar (kept as the string). */
export function calendarDay() {
  return (calendar as unknown as { calendarDay(): ReturnType<typeof RuleType.string> }).calendarDay();
}
