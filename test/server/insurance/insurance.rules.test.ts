import { INSURANCE_COLUMNS } from '../../../server/src/contract/insurance';
import {
  insuranceFailureMessage,
  insuranceHeaderProblems,
  monthsSince,
  parseInsuranceRow,
  parseMonth,
  validateInsuranceRows,
} from '../../../server/src/modules/insurance/insurance.rules';
import { residentId } from '../registry/fixtures';
import { EMPLOYER_A, EMPLOYER_B, insuranceRow } from './fixtures';

const today = new Date('2026-12-07T08:00:00Z');

describe('insurance import rules', () => {
  it('should accept the export header and name every column that differs', () => {
    expect(insuranceHeaderProblems([...INSURANCE_COLUMNS])).toEqual([]);
    expect(insuranceHeaderProblems(['身份证号', '单位名称', '参保起始年月'])).toEqual([
      { row: 1, column: '单位统一社会信用代码', message: '第2列表头应为“单位统一社会信用代码”，实际为“单位名称”' },
      { row: 1, column: '累计缴费月数', message: '缺少“累计缴费月数”列' },
    ]);
  });

  it('should read a month written the ways the export and people write it', () => {
    expect(parseMonth('2026-07')).toBe('2026-07');
    expect(parseMonth('2026/7')).toBe('2026-07');
    expect(parseMonth('2026.07')).toBe('2026-07');
    expect(parseMonth('202607')).toBe('2026-07');
    expect(parseMonth(202607)).toBe('2026-07');
    expect(parseMonth('2026年7月')).toBe('2026-07');
    expect(parseMonth(new Date('2026-07-15T00:00:00Z'))).toBe('2026-07');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('七月')).toBeNull();
    expect(parseMonth(null)).toBeNull();
  });

  it('should count the months from a start month to today, both counted', () => {
    expect(monthsSince('2026-12', today)).toBe(1);
    expect(monthsSince('2026-01', today)).toBe(12);
    expect(monthsSince('2025-12', today)).toBe(13);
  });

  it('should parse a clean row with the ID and credit code normalised', () => {
    const id = residentId(7);
    const result = parseInsuranceRow(2, [id.toLowerCase(), ` ${EMPLOYER_A.toLowerCase()} `, '2026-03', 9], today);
    expect(result).toEqual({ ok: true, value: { row: 2, idNumber: id, employerUscc: EMPLOYER_A, startMonth: '2026-03', monthsPaid: 9 } });
  });

  it('should name each bad cell of a row in words staff can act on', () => {
    const result = parseInsuranceRow(5, ['210202200301011230', '91210200MA0TEXT0X', '2027-01', 'abc'], today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(e => e.column)).toEqual(['身份证号', '单位统一社会信用代码', '参保起始年月', '累计缴费月数']);
    expect(result.errors.every(e => e.row === 5)).toBe(true);
    expect(result.errors[2].message).toBe('参保起始年月不能晚于本月');
    expect(result.errors[3].message).toBe('累计缴费月数应为 0 至 600 之间的整数');
  });

  it('should refuse more months paid than have passed since the start month', () => {
    const result = parseInsuranceRow(3, insuranceRow(1, { 参保起始年月: '2026-10', 累计缴费月数: 4 }), today);
    expect(result).toEqual({ ok: false, errors: [{ row: 3, column: '累计缴费月数', message: '累计缴费月数（4）多于参保起始年月至今的月数（3）' }] });
    expect(parseInsuranceRow(3, insuranceRow(1, { 参保起始年月: '2026-10', 累计缴费月数: 3 }), today).ok).toBe(true);
    expect(parseInsuranceRow(3, insuranceRow(1, { 累计缴费月数: -1 }), today).ok).toBe(false);
    expect(parseInsuranceRow(3, insuranceRow(1, { 累计缴费月数: 2.5 }), today).ok).toBe(false);
  });

  it('should report the same person, employer and start month twice on the later row, and skip empty rows', () => {
    const { rows, errors } = validateInsuranceRows(
      [
        { row: 2, cells: insuranceRow(1) },
        { row: 3, cells: [null, null, null, null] },
        { row: 4, cells: insuranceRow(1, { 单位统一社会信用代码: EMPLOYER_B }) },
        { row: 5, cells: insuranceRow(1, { 累计缴费月数: 5 }) },
      ],
      today,
    );
    expect(rows.map(r => r.row)).toEqual([2, 4]);
    expect(errors).toEqual([{ row: 5, column: '身份证号', message: '与第2行重复（同一身份证号、同一单位、同一起始年月）' }]);
  });

  it('should say how many problems on how many rows', () => {
    expect(insuranceFailureMessage([{ row: 2 }, { row: 2 }, { row: 9 }])).toBe('文件中有 3 处错误（共 2 行），未导入任何社保记录，请按报告逐行修改后重新上传');
  });
});
