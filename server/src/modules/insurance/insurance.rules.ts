import { INSURANCE_COLUMNS, type InsuranceColumn, type InsuranceRowError } from '../../contract/insurance';
import { isValidResidentId, normaliseResidentId } from '../../contract/resident-id';
import { beijingDay } from '../../contract/time';
import { normaliseUscc, usccProblem } from '../../contract/uscc';
import type { CellValue } from '../../core/files/xlsx-import';

export interface ParsedInsuranceRow {
  row: number;
  idNumber: string;
  employerUscc: string;
  /** YYYY-MM */
  startMonth: string;
  monthsPaid: number;
}

function text(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** The header row must be the export's, in order; a different file is refused before any row is read. */
export function insuranceHeaderProblems(headers: readonly string[]): InsuranceRowError[] {
  const problems: InsuranceRowError[] = [];
  INSURANCE_COLUMNS.forEach((expected, i) => {
    const got = (headers[i] ?? '').trim();
    if (got !== expected) problems.push({ row: 1, column: expected, message: got ? `第${i + 1}列表头应为“${expected}”，实际为“${got}”` : `缺少“${expected}”列` });
  });
  return problems;
}

/** A month cell as YYYY-MM (a date cell, 2026-07, 2026/7, 2026.07, 202607, 2026年7月), or null. */
export function parseMonth(value: CellValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 7);
  const s = text(value);
  const m = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[3]);
  if (year < 1990 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Months from `start` (YYYY-MM) to `today`'s month in Beijing, both counted. */
export function monthsSince(start: string, today: Date): number {
  const [y, m] = start.split('-').map(Number);
  const [ty, tm] = beijingDay(today).split('-').map(Number);
  return (ty - y) * 12 + (tm - m) + 1;
}

/** One data row → a record, or the reasons it cannot be one. `today` is the import's date. */
export function parseInsuranceRow(
  row: number,
  cells: readonly CellValue[],
  today: Date,
): { ok: true; value: ParsedInsuranceRow } | { ok: false; errors: InsuranceRowError[] } {
  const errors: InsuranceRowError[] = [];
  const fail = (column: InsuranceColumn, message: string): void => {
    errors.push({ row, column, message });
  };
  const cell = (column: InsuranceColumn): CellValue => cells[INSURANCE_COLUMNS.indexOf(column)] ?? null;

  const idNumber = normaliseResidentId(text(cell('身份证号')));
  if (!idNumber) fail('身份证号', '身份证号不能为空');
  else if (!isValidResidentId(idNumber, today)) fail('身份证号', '身份证号不正确（位数、出生日期或校验位有误）');

  const employerUscc = normaliseUscc(text(cell('单位统一社会信用代码')));
  const usccError = usccProblem(employerUscc);
  if (usccError) fail('单位统一社会信用代码', usccError);

  const startMonth = parseMonth(cell('参保起始年月'));
  const thisMonth = beijingDay(today).slice(0, 7);
  if (!startMonth) fail('参保起始年月', '参保起始年月应为年月，如 2026-07');
  else if (startMonth > thisMonth) fail('参保起始年月', '参保起始年月不能晚于本月');

  const monthsText = text(cell('累计缴费月数'));
  const monthsPaid = Number(monthsText);
  if (!/^\d{1,3}$/.test(monthsText)) fail('累计缴费月数', '累计缴费月数应为 0 至 600 之间的整数');
  else if (monthsPaid > 600) fail('累计缴费月数', '累计缴费月数应为 0 至 600 之间的整数');
  else if (startMonth && startMonth <= thisMonth && monthsPaid > monthsSince(startMonth, today)) {
    fail('累计缴费月数', `累计缴费月数（${monthsPaid}）多于参保起始年月至今的月数（${monthsSince(startMonth, today)}）`);
  }

  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { row, idNumber, employerUscc, startMonth: startMonth as string, monthsPaid } };
}

/**
 * Validates every row of a file; rows are written only if the whole file is clean. The same person,
 * employer and start month twice in one file is an error on the later row.
 */
export function validateInsuranceRows(
  rows: ReadonlyArray<{ row: number; cells: readonly CellValue[] }>,
  today: Date,
): { rows: ParsedInsuranceRow[]; errors: InsuranceRowError[] } {
  const parsed: ParsedInsuranceRow[] = [];
  const errors: InsuranceRowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    if (cells.every(c => text(c) === '')) continue;
    const result = parseInsuranceRow(row, cells, today);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const key = `${result.value.idNumber}|${result.value.employerUscc}|${result.value.startMonth}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, column: '身份证号', message: `与第${first}行重复（同一身份证号、同一单位、同一起始年月）` });
      continue;
    }
    seen.set(key, row);
    parsed.push(result.value);
  }
  return { rows: parsed, errors };
}

/** The one-line summary of a refused file: how many problems on how many rows, every one listed below. */
export function insuranceFailureMessage(errors: ReadonlyArray<{ row: number }>): string {
  const rows = new Set(errors.map(e => e.row)).size;
  return `文件中有 ${errors.length} 处错误（共 ${rows} 行），未导入任何社保记录，请按报告逐行修改后重新上传`;
}

/** The record's single-field key: person (ID hash), employer and start month. */
export function insuranceRecordKey(idNumberHash: string, employerUscc: string, startMonth: string): string {
  return `${idNumberHash}:${employerUscc}:${startMonth}`;
}
