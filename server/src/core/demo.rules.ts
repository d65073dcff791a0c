import { beijingDay, beijingInstant } from '../contract/time';

/**
 * When a demo event happens, in the terms a person would schedule it: the `workday`-th working day
 * after today (1 = the next; negative = before today) at a Beijing clock time. Seeds never say "in 26
 * hours", which put a session at 03:54 when the demo was started at night.
 */
export interface DemoSlot {
  workday: number;
  /** `HH:mm`, Beijing. */
  at: string;
}

/** Working days around the day the demo is seeded (`YYYY-MM-DD`, Beijing, ascending), from the subsidy module's calendar. */
export interface DemoCalendar {
  today: string;
  workingDays: readonly string[];
}

/** The instant of a slot; throws when the calendar does not reach that far (a seed asking for more days than were read). */
export function demoInstant(slot: DemoSlot, calendar: DemoCalendar): Date {
  if (slot.workday === 0) throw new Error('a demo slot counts working days from 1 (next) or -1 (previous)');
  const days = slot.workday > 0 ? calendar.workingDays.filter(d => d > calendar.today) : calendar.workingDays.filter(d => d < calendar.today).reverse();
  const day = days[Math.abs(slot.workday) - 1];
  const at = day ? beijingInstant(day, slot.at) : undefined;
  if (!at) throw new Error(`demo calendar has no working day ${slot.workday} from ${calendar.today} (${slot.at})`);
  return at;
}

/** How many calendar days either side of today the seeder reads: enough for the seeds' furthest slot (24 working days, across a Spring Festival). */
export const DEMO_CALENDAR_SPAN_DAYS = 60;

/** Today as the demo calendar counts it. */
export function demoToday(now: Date): string {
  return beijingDay(now);
}
