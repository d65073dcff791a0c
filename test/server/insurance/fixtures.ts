import ExcelJS from 'exceljs';
import { INSURANCE_COLUMNS, type InsuranceColumn } from '../../../server/src/contract/insurance';
import { residentId } from '../registry/fixtures';
import { uscc } from '../support/factories';

export type InsuranceRow = Array<string | number | Date | null>;

/** Employers of the fixtures, valid credit codes. */
export const EMPLOYER_A = uscc('91210200MA0TEXT01');
export const EMPLOYER_B = uscc('91210200MA0TEXT02');

/** Person `seq` (the registry fixtures' resident IDs) paying at employer A since 2026-01, 3 months. */
export function insuranceRow(seq: number, overrides: Partial<Record<InsuranceColumn, string | number | Date | null>> = {}): InsuranceRow {
  const base: Record<InsuranceColumn, string | number | Date | null> = {
    身份证号: residentId(seq % 1000, `2003${String(1 + (Math.floor(seq / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(seq / 12000) % 28)).padStart(2, '0')}`),
    单位统一社会信用代码: EMPLOYER_A,
    参保起始年月: '2026-01',
    累计缴费月数: 3,
    ...overrides,
  };
  return INSURANCE_COLUMNS.map(c => base[c]);
}

export async function insuranceWorkbook(rows: InsuranceRow[], headers: readonly string[] = INSURANCE_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('社保参保记录');
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
