/**
 * Time limits of a subsidy application's stages, in working days, and the working-day calendar they
 * are counted on (China's public holidays and adjusted working weekends). Both are data the bureau edits.
 */
import type { OfferMode } from './subsidy-offer';

/** The review stages and the payment after them. */
export const LIMITED_STAGES = ['college', 'district', 'bureau', 'payment'] as const;
export type LimitedStage = (typeof LIMITED_STAGES)[number];

export const LIMITED_STAGE_LABELS: Record<LimitedStage, string> = {
  college: '高校核验',
  district: '区市县审核',
  bureau: '市人社局审批',
  payment: '资金发放',
};

export type StageLimits = Record<LimitedStage, number>;

/** What a program without its own limits uses. */
export const DEFAULT_STAGE_LIMITS: StageLimits = { college: 5, district: 10, bureau: 10, payment: 30 };

/** A limit is a whole number of working days in this range. */
export const STAGE_LIMIT_MAX = 120;

export interface StageLimitsInput {
  limits: StageLimits;
}

/** One year of the working-day calendar: days off on weekdays, and weekend days that are worked. */
export interface WorkingCalendarYearInput {
  /** Public holidays and the days off around them (`YYYY-MM-DD`, in this year). */
  holidays: string[];
  /** Adjusted working days (调休上班), usually a Saturday or Sunday. */
  workdays: string[];
  /** Where the days come from, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
  source: string;
}

export interface WorkingCalendarYear extends WorkingCalendarYearInput {
  year: number;
  updatedAt?: string;
  /**
   * Built in from the statutory holidays alone, before the State Council's notice for the year: its adjusted
   * working weekends and the make-up days for holidays falling on a weekend are missing until the bureau saves the
   * year from the notice (a saved year is never provisional).
   */
  provisional?: boolean;
}

/** When the bureau runs payment batches: these days of each month (a day off moves to the next working day). */
export interface BatchScheduleInput {
  daysOfMonth: number[];
  /** Working days the bank takes after a batch until the money is in the account. */
  bankWorkingDays: number;
  /** 公示期: working days a batch is published before it may be paid (default 5; kept when absent). */
  publicityWorkingDays?: number;
}

export interface BatchSchedule extends BatchScheduleInput {
  publicityWorkingDays: number;
  updatedAt?: string;
}

export interface StageSettingsView {
  schedule: BatchSchedule;
  calendars: WorkingCalendarYear[];
  programs: Array<{
    id: string;
    name: string;
    period: string;
    limits: StageLimits;
    custom: boolean;
    offerMode: OfferMode;
    /** Why the program cannot be 免申即享 (documents asked for, facts the records do not hold…); absent: it can. */
    offerModeBlocked?: string;
  }>;
}

/** Where an application stands against the time limits, as its applicant and reviewers see it. */
export interface StageProgress {
  stage: LimitedStage;
  /** When the application reached this stage (ISO instant). */
  since: string;
  /** Working days since that day, not counting the day itself. */
  workingDaysSpent: number;
  limit: number;
  /** The last working day of the limit (`YYYY-MM-DD`). */
  deadline: string;
  overdue: boolean;
  /** The day the money should have arrived by, if every remaining stage keeps its limit (`YYYY-MM-DD`). */
  expectedPaymentDay: string;
}

export interface OverdueCount {
  stage: LimitedStage;
  /** The unit the application waits at: a college, a district bureau, the city bureau. */
  unit: string;
  count: number;
}


/** Until the bureau sets its own: batches on the 10th and 25th, three working days at the bank. */
export const DEFAULT_BATCH_SCHEDULE: BatchScheduleInput = { daysOfMonth: [10, 25], bankWorkingDays: 3 };
