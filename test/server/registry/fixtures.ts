import ExcelJS from 'exceljs';
import { REGISTRY_COLUMNS } from '../../../server/src/contract/registry';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID with a correct check character: region 210202, the given birth date and sequence. */
export function residentId(seq: number, birth = '20030101'): string {
  const body = `210202${birth}${String(seq % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}

export type Row = Array<string | number | Date | null>;

export function graduateRow(seq: number, overrides: Partial<Record<(typeof REGISTRY_COLUMNS)[number], string | number | Date | null>> = {}): Row {
  const base: Record<(typeof REGISTRY_COLUMNS)[number], string | number | Date | null> = {
    姓名: `学生${seq}`,
    身份证号: residentId(seq % 1000, `2003${String(1 + Math.floor(seq / 1000) % 12).padStart(2, '0')}${String(1 + Math.floor(seq / 12000) % 28).padStart(2, '0')}`),
    学历: '本科',
    专业: '软件工程',
    毕业年份: 2026,
    生源省份: '辽宁省',
    生源城市: '大连市',
    困难类别: '',
    就业意向: '留连就业',
    去向: '市场化就业',
    单位名称: '大连示例科技有限公司',
    单位所在区市县: '甘井子区',
    去向日期: '2026-07-01',
    ...overrides,
  };
  return REGISTRY_COLUMNS.map(c => base[c]);
}

export async function workbook(rows: Row[], headers: readonly string[] = REGISTRY_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('毕业生名单');
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
