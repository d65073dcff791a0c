/** Social-insurance records the bureau imports from the 社保 export, and the answer to an import. */

/** The export's columns, in order: the header row must be exactly these. */
export const INSURANCE_COLUMNS = ['身份证号', '单位统一社会信用代码', '参保起始年月', '累计缴费月数'] as const;
export type InsuranceColumn = (typeof INSURANCE_COLUMNS)[number];

/** Most rows one file may hold (a district's monthly export fits). */
export const INSURANCE_MAX_ROWS = 20000;

export interface InsuranceRowError {
  /** Excel row number (the header is row 1). */
  row: number;
  column?: InsuranceColumn;
  message: string;
}

/** Either every row was written, or none and every bad row is named. */
export interface InsuranceImportReport {
  imported: boolean;
  /** Set when nothing was written: `INSURANCE_ROWS_INVALID` (sent with status 422). */
  code?: 'INSURANCE_ROWS_INVALID';
  message?: string;
  totalRows: number;
  created: number;
  updated: number;
  /** Rows with at least one error; `errors` lists every error of every row (never cut short). */
  badRows: number;
  errors: InsuranceRowError[];
  elapsedMs: number;
}

/** How many records the platform holds, and when the last file came in (shown on the import page). */
export interface InsuranceSummary {
  records: number;
  people: number;
  lastImportAt?: string;
}
