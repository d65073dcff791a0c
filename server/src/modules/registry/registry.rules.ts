import type { JobKind } from '../../contract/job';
import { DEGREE_LABELS, DEGREES, DISTRICTS, PROVINCES, type Degree, type DistrictCode, type Province } from '../../contract/reference';
import {
  DESTINATION_KINDS,
  DESTINATION_LABELS,
  HARDSHIP_FLAGS,
  HARDSHIP_LABELS,
  REGISTRY_COLUMNS,
  type DestinationKind,
  type GraduateDestination,
  type HardshipFlag,
  type ImportRowError,
} from '../../contract/registry';
import { isValidResidentId, normaliseResidentId } from '../../contract/resident-id';
import type { CellValue } from '../../core/files/xlsx-import';

export type { CellValue };

export interface ParsedGraduateRow {
  row: number;
  name: string;
  idNumber: string;
  degree: Degree;
  major: string;
  graduationYear: number;
  originProvince: Province;
  originCity: string;
  hardship: HardshipFlag[];
  intention: string;
  destination?: { kind: DestinationKind; employer?: string; districtCode?: DistrictCode; date: string };
}

/** What a refused file's report says in one line: how many problems on how many rows, every one listed below it. */
export function importFailureMessage(errors: ReadonlyArray<{ row: number }>): string {
  const rows = new Set(errors.map(e => e.row)).size;
  return `文件中有 ${errors.length} 处错误（共 ${rows} 行），未导入任何数据，请按报告逐行修改后重新上传`;
}

function text(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

function byLabel<K extends string>(labels: Record<K, string>, value: string): K | undefined {
  const entry = (Object.entries(labels) as Array<[K, string]>).find(([code, label]) => label === value || code === value);
  return entry?.[0];
}

/** The header row must be the template's, in order; a different file is refused before any row is read. */
export function headerProblems(headers: readonly string[]): ImportRowError[] {
  const problems: ImportRowError[] = [];
  REGISTRY_COLUMNS.forEach((expected, i) => {
    const got = (headers[i] ?? '').trim();
    if (got !== expected) {
      problems.push({ row: 1, column: expected, message: got ? `第${i + 1}列表头应为“${expected}”，实际为“${got}”` : `缺少“${expected}”列` });
    }
  });
  return problems;
}

/** A date cell as YYYY-MM-DD, or null when it is not a real date. */
export function parseDate(value: CellValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const s = text(value).replace(/[./年月]/g, '-').replace(/日$/, '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** One data row → a graduate, or the reasons it cannot be one. `today` is the import's date. */
export function parseGraduateRow(
  row: number,
  cells: readonly CellValue[],
  today: Date,
): { ok: true; value: ParsedGraduateRow } | { ok: false; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (column: (typeof REGISTRY_COLUMNS)[number], message: string): void => {
    errors.push({ row, column, message });
  };
  const cell = (column: (typeof REGISTRY_COLUMNS)[number]): string => text(cells[REGISTRY_COLUMNS.indexOf(column)] ?? null);

  const name = cell('姓名');
  if (!name) fail('姓名', '姓名不能为空');
  else if (name.length > 50) fail('姓名', '姓名过长');

  const idNumber = normaliseResidentId(cell('身份证号'));
  if (!idNumber) fail('身份证号', '身份证号不能为空');
  else if (!isValidResidentId(idNumber, today)) fail('身份证号', '身份证号不正确（位数、出生日期或校验位有误）');

  const degree = byLabel(DEGREE_LABELS, cell('学历'));
  if (!degree || !DEGREES.includes(degree)) fail('学历', `学历应为：${DEGREES.map(d => DEGREE_LABELS[d]).join('、')}`);

  const major = cell('专业');
  if (!major) fail('专业', '专业不能为空');

  const yearText = cell('毕业年份');
  const graduationYear = Number(yearText);
  const thisYear = today.getUTCFullYear();
  if (!/^\d{4}$/.test(yearText) || graduationYear < 2000 || graduationYear > thisYear + 1) {
    fail('毕业年份', `毕业年份应为 2000 至 ${thisYear + 1} 之间的四位年份`);
  }

  const provinceText = cell('生源省份');
  const originProvince = PROVINCES.find(p => p === provinceText);
  if (!originProvince) fail('生源省份', '生源省份应为省级行政区全称，如“辽宁省”');
  const originCity = cell('生源城市');
  if (!originCity) fail('生源城市', '生源城市不能为空');

  const hardship: HardshipFlag[] = [];
  for (const part of cell('困难类别').split(/[、,，;；\s]+/).filter(Boolean)) {
    const flag = byLabel(HARDSHIP_LABELS, part);
    if (!flag || !HARDSHIP_FLAGS.includes(flag)) fail('困难类别', `未知的困难类别“${part}”`);
    else if (!hardship.includes(flag)) hardship.push(flag);
  }

  const intention = cell('就业意向').slice(0, 200);

  let destination: ParsedGraduateRow['destination'];
  const kindText = cell('去向');
  if (kindText) {
    const kind = byLabel(DESTINATION_LABELS, kindText);
    if (!kind || !DESTINATION_KINDS.includes(kind)) {
      fail('去向', `去向应为：${DESTINATION_KINDS.map(k => DESTINATION_LABELS[k]).join('、')}`);
    } else {
      const employer = cell('单位名称') || undefined;
      const districtText = cell('单位所在区市县');
      const district = DISTRICTS.find(d => d.name === districtText || d.code === districtText);
      if (districtText && !district) fail('单位所在区市县', `“${districtText}”不是大连市的区市县，大连以外请留空`);
      const rawDate = cells[REGISTRY_COLUMNS.indexOf('去向日期')] ?? null;
      const date = parseDate(rawDate);
      if (!date) fail('去向日期', '去向日期应为有效日期，如 2026-07-01');
      else if (date > today.toISOString().slice(0, 10)) fail('去向日期', '去向日期不能晚于今天');
      if (kind !== 'unemployed' && kind !== 'military' && kind !== 'further-study' && !employer) {
        fail('单位名称', '该去向须填写单位名称');
      }
      if (date) destination = { kind, employer, districtCode: district?.code, date };
    }
  } else if (cell('单位名称') || cell('去向日期')) {
    fail('去向', '填写了单位或日期时须选择去向');
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      row,
      name,
      idNumber,
      degree: degree as Degree,
      major,
      graduationYear,
      originProvince: originProvince as Province,
      originCity,
      hardship,
      intention,
      destination,
    },
  };
}

/**
 * Validates every row of a file; rows are accepted only if the whole file is clean.
 * The same ID twice in one file is an error on the later row (which one is right is the college's call).
 */
export function validateRows(
  rows: ReadonlyArray<{ row: number; cells: readonly CellValue[] }>,
  today: Date,
): { rows: ParsedGraduateRow[]; errors: ImportRowError[] } {
  const parsed: ParsedGraduateRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    if (cells.every(c => text(c) === '')) continue;
    const result = parseGraduateRow(row, cells, today);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const key = `${result.value.idNumber}|${result.value.graduationYear}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, column: '身份证号', message: `与第${first}行重复（同一身份证号、同一毕业年份）` });
      continue;
    }
    seen.set(key, row);
    parsed.push(result.value);
  }
  return { rows: parsed, errors };
}

export { looksLikeXlsx } from '../../core/files/xlsx-import';

/** A value as a comparison sees it: dates as instants, ids as hex, objects key by key. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (value && typeof value === 'object' && 'toHexString' in value && typeof value.toHexString === 'function') return value.toHexString();
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, comparable(v)]),
    );
  }
  return value;
}

/** The fields of `next` that differ from `stored` (undefined when none does): an unchanged row is not written again. */
export function recordChanges<T extends Record<string, unknown>>(stored: Record<string, unknown>, next: T): Partial<T> | undefined {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value !== undefined && JSON.stringify(comparable(stored[key])) !== JSON.stringify(comparable(value))) changes[key] = value;
  }
  return Object.keys(changes).length ? (changes as Partial<T>) : undefined;
}

// ---------------------------------------------------------------------------
// Destinations that flow in from the platform (a hire, an approved subsidy)
// ---------------------------------------------------------------------------

/** A hire on a job of this kind is a destination; traineeships and internships are not employment. */
export function destinationOfJobKind(kind: JobKind): DestinationKind | undefined {
  switch (kind) {
    case 'fulltime':
    case 'research-assistant':
      return 'market-job';
    case 'public-sector':
      return 'public-sector';
    case 'community':
      return 'community-worker';
    case 'grassroots':
      return 'grassroots';
    default:
      return undefined;
  }
}

/** What an approved subsidy application says about employment; undefined when it proves none. */
export function destinationOfSubsidy(app: {
  businessRegistered?: boolean;
  employmentDistrict?: string;
  employerName?: string;
  socialInsuranceMonths?: number;
}): { kind: DestinationKind; employer?: string; districtCode?: DistrictCode } | undefined {
  const districtCode = DISTRICTS.some(d => d.code === app.employmentDistrict) ? (app.employmentDistrict as DistrictCode) : undefined;
  if (app.businessRegistered) return { kind: 'startup', employer: app.employerName || undefined, districtCode };
  const employed = Boolean(app.employerName) || (app.socialInsuranceMonths ?? 0) > 0;
  if (districtCode && employed) return { kind: 'market-job', employer: app.employerName || undefined, districtCode };
  return undefined;
}

type StoredDestination = Omit<GraduateDestination, 'date'> & { date: Date };

/**
 * Whether a destination learnt from the platform replaces the stored one: not when it is the same
 * fact again (a retried hire or approval), and not when the stored one is more recent.
 */
export function shouldReplaceDestination(current: StoredDestination | undefined, next: StoredDestination): boolean {
  if (!current) return true;
  const same =
    current.kind === next.kind &&
    (current.employer ?? '') === (next.employer ?? '') &&
    (current.districtCode ?? '') === (next.districtCode ?? '') &&
    current.source === next.source &&
    current.date.toISOString().slice(0, 10) === next.date.toISOString().slice(0, 10);
  if (same) return false;
  return current.date.getTime() <= next.date.getTime();
}

// ---------------------------------------------------------------------------
// Staff search and staff-written destinations
// ---------------------------------------------------------------------------

export type RegistrySearchKey =
  | { by: 'id'; idNumber: string }
  | { by: 'masked'; masked: string }
  | { by: 'name'; prefix: string }
  | { by: 'invalid-id' };

/**
 * What a staff search box holds: a full ID (18 characters, matched by hash), a masked ID as the
 * lists show it (any number of stars between the first four and last four), or the start of a name.
 * Something shaped like an ID that fails its check digit is reported, not searched as a name.
 */
export function registrySearchKey(raw: string, today: Date = new Date()): RegistrySearchKey {
  const q = raw.trim();
  const compact = normaliseResidentId(q);
  const masked = /^([1-9]\d{3})\*+(\d{3}[\dX])$/.exec(compact);
  if (masked) return { by: 'masked', masked: `${masked[1]}${'*'.repeat(10)}${masked[2]}` };
  if (/^\d{17}[\dX]$/.test(compact)) return isValidResidentId(compact, today) ? { by: 'id', idNumber: compact } : { by: 'invalid-id' };
  if (/^\d{15,}/.test(compact)) return { by: 'invalid-id' };
  return { by: 'name', prefix: q };
}

/** Regex source matching names that start with `prefix` (metacharacters escaped). */
export function namePrefixPattern(prefix: string): string {
  return `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
}

/**
 * What a district sees of the registry: graduates whose destination is in the district (a job
 * there, or 暂未就业 registered for help there), and 暂未就业 graduates no district has taken yet
 * (a college import does not say where an unemployed leaver lives), so someone follows them up.
 */
export function districtRegistryScope(districtCode: string): Array<Record<string, unknown>> {
  return [{ 'destination.districtCode': districtCode }, { 'destination.kind': 'unemployed', 'destination.districtCode': { $exists: false } }];
}

/**
 * Staff mark a graduate 暂未就业 since a date: `same` when the record already says so (a retry),
 * `newer-placement` when the record holds a placement dated after it (someone must check which is
 * true), else `replace`.
 */
export function unemployedMark(current: StoredDestination | undefined, next: StoredDestination): 'same' | 'replace' | 'newer-placement' {
  if (!current) return 'replace';
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (current.kind === 'unemployed' && (current.districtCode ?? '') === (next.districtCode ?? '') && day(current.date) === day(next.date)) return 'same';
  if (current.kind !== 'unemployed' && day(current.date) > day(next.date)) return 'newer-placement';
  return 'replace';
}
