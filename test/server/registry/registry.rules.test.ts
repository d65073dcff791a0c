import { Types } from 'mongoose';
import { REGISTRY_COLUMNS } from '../../../server/src/contract/registry';
import {
  districtRegistryScope,
  headerProblems,
  looksLikeXlsx,
  namePrefixPattern,
  parseDate,
  parseGraduateRow,
  recordChanges,
  registrySearchKey,
  unemployedMark,
  validateRows,
} from '../../../server/src/modules/registry/registry.rules';
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

describe('registry rules for staff search and staff-marked destinations', () => {
  it('should read a full ID, a masked ID or a name prefix from the search box', () => {
    const id = residentId(7);
    expect(registrySearchKey(` ${id.toLowerCase()} `, today)).toEqual({ by: 'id', idNumber: id.toUpperCase() });
    expect(registrySearchKey('2102**********123x', today)).toEqual({ by: 'masked', masked: '2102**********123X' });
    expect(registrySearchKey('2102***123X', today)).toEqual({ by: 'masked', masked: '2102**********123X' });
    expect(registrySearchKey('王', today)).toEqual({ by: 'name', prefix: '王' });
  });

  it('should report an ID-shaped query with a wrong check digit instead of searching names', () => {
    const id = residentId(7);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(registrySearchKey(wrong, today)).toEqual({ by: 'invalid-id' });
    expect(registrySearchKey('210202200301010', today)).toEqual({ by: 'invalid-id' });
  });

  it('should escape a name prefix so the query is taken as text', () => {
    expect(new RegExp(namePrefixPattern('.*')).test('王芳')).toBe(false);
    expect(new RegExp(namePrefixPattern('王')).test('王芳')).toBe(true);
  });

  it('should let a district see destinations in it and unemployed graduates no district has taken', () => {
    expect(districtRegistryScope('210211')).toEqual([
      { 'destination.districtCode': '210211' },
      { 'destination.kind': 'unemployed', 'destination.districtCode': { $exists: false } },
    ]);
  });

  it('should treat the same 暂未就业 mark as a retry and refuse one dated before a recorded placement', () => {
    const next = { kind: 'unemployed' as const, districtCode: '210211' as const, date: new Date('2026-08-01'), source: 'staff' as const };
    expect(unemployedMark(undefined, next)).toBe('replace');
    expect(unemployedMark({ ...next }, next)).toBe('same');
    expect(unemployedMark({ ...next, districtCode: '210202' }, next)).toBe('replace');
    expect(unemployedMark({ kind: 'unemployed', date: new Date('2026-07-01'), source: 'import' }, next)).toBe('replace');
    expect(unemployedMark({ kind: 'market-job', employer: 'x', date: new Date('2026-07-01'), source: 'import' }, next)).toBe('replace');
    expect(unemployedMark({ kind: 'market-job', employer: 'x', date: new Date('2026-09-01'), source: 'job-hire' }, next)).toBe('newer-placement');
  });
});

describe('recordChanges', () => {
  const stored = {
    name: '学生1',
    major: '软件工程',
    hardship: ['low-income'],
    userId: new Types.ObjectId('6b160f2e7505a506771b30ff'),
    destination: { kind: 'market-job', employer: '大连示例科技有限公司', date: new Date('2026-07-01T00:00:00Z'), source: 'import' },
  };

  it('should find nothing to write when a re-imported row says the same (dates, ids and key order aside)', () => {
    expect(
      recordChanges(stored, {
        major: '软件工程',
        hardship: ['low-income'],
        userId: new Types.ObjectId('6b160f2e7505a506771b30ff'),
        destination: { source: 'import', date: new Date('2026-07-01T00:00:00Z'), employer: '大连示例科技有限公司', kind: 'market-job', districtCode: undefined },
      }),
    ).toBeUndefined();
  });

  it('should return only the fields that differ, and leave out fields the row does not give', () => {
    expect(recordChanges(stored, { name: '学生1', major: '数据科学', intention: undefined })).toEqual({ major: '数据科学' });
    expect(recordChanges(stored, { destination: { ...stored.destination, date: new Date('2026-08-01T00:00:00Z') } })).toEqual({
      destination: expect.objectContaining({ date: new Date('2026-08-01T00:00:00Z') }),
    });
    expect(recordChanges(stored, { hardship: [] })).toEqual({ hardship: [] });
    expect(recordChanges({}, { collegeId: 'dlut' })).toEqual({ collegeId: 'dlut' });
  });
});
