import { REGISTRY_COLUMNS } from '../../../server/src/contract/registry';
import { headerProblems, looksLikeXlsx, parseDate, parseGraduateRow, validateRows } from '../../../server/src/modules/registry/registry.rules';
import { graduateRow, residentId } from './fixtures';

const today = new Date('2026-11-28T12:00:00Z');

describe('registry rules', () => {
  it('should accept the template header row and name each wrong or missing column', () => {
    expect(headerProblems(REGISTRY_COLUMNS)).toEqual([]);
    const wrong = headerProblems(['姓名', '身份证', '学历']);
    expect(wrong[0]).toMatchObject({ row: 1, column: '身份证号' });
    expect(wrong.length).toBe(REGISTRY_COLUMNS.length - 2);
  });

  it('should parse a complete row into a graduate with a destination', () => {
    const result = parseGraduateRow(2, graduateRow(1, { 困难类别: '低保家庭、残疾' }), today);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      degree: 'bachelor',
      graduationYear: 2026,
      hardship: ['low-income', 'disability'],
      destination: { kind: 'market-job', districtCode: '210211', date: '2026-07-01' },
    });
  });

  it('should reject an ID number with a wrong check digit', () => {
    const good = residentId(5);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const result = parseGraduateRow(3, graduateRow(5, { 身份证号: bad }), today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: '身份证号' })]);
  });

  it('should reject a destination dated in the future', () => {
    const result = parseGraduateRow(4, graduateRow(6, { 去向日期: '2026-12-01' }), today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ column: '去向日期', message: '去向日期不能晚于今天' });
  });

  it('should reject unknown degree, province, district and hardship labels, each with its column', () => {
    const result = parseGraduateRow(5, graduateRow(7, { 学历: '小学', 生源省份: '辽宁', 单位所在区市县: '沈阳市', 困难类别: '其他' }), today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(e => e.column).sort()).toEqual(['单位所在区市县', '困难类别', '学历', '生源省份'].sort());
  });

  it('should require an employer for a market job but not for further study or not-yet-employed', () => {
    expect(parseGraduateRow(2, graduateRow(8, { 单位名称: '' }), today).ok).toBe(false);
    expect(parseGraduateRow(2, graduateRow(8, { 去向: '升学', 单位名称: '' }), today).ok).toBe(true);
    expect(parseGraduateRow(2, graduateRow(8, { 去向: '暂未就业', 单位名称: '', 单位所在区市县: '' }), today).ok).toBe(true);
  });

  it('should leave the destination empty when the row has none', () => {
    const result = parseGraduateRow(2, graduateRow(9, { 去向: '', 单位名称: '', 单位所在区市县: '', 去向日期: '' }), today);
    expect(result.ok && result.value.destination).toBeUndefined();
  });

  it('should report a duplicate ID within one file on the later row', () => {
    const { rows, errors } = validateRows(
      [
        { row: 2, cells: graduateRow(10) },
        { row: 3, cells: graduateRow(11) },
        { row: 4, cells: graduateRow(10) },
      ],
      today,
    );
    expect(rows).toHaveLength(2);
    expect(errors).toEqual([expect.objectContaining({ row: 4, message: expect.stringContaining('第2行') })]);
  });

  it('should skip blank rows', () => {
    const { rows, errors } = validateRows([{ row: 2, cells: REGISTRY_COLUMNS.map(() => null) }], today);
    expect(rows).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('should read dates written as text, Excel dates and Chinese dates, and refuse impossible ones', () => {
    expect(parseDate('2026/7/1')).toBe('2026-07-01');
    expect(parseDate('2026年7月1日')).toBe('2026-07-01');
    expect(parseDate(new Date('2026-07-01T00:00:00Z'))).toBe('2026-07-01');
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('明天')).toBeNull();
  });

  it('should recognise a workbook by its ZIP signature only', () => {
    expect(looksLikeXlsx(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    expect(looksLikeXlsx(Buffer.from('姓名,身份证号'))).toBe(false);
  });
});
