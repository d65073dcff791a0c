import type { CollegeId, Degree, DistrictCode, Province } from './reference';

/** Where a graduate went (去向). `unemployed` is 暂未就业. */
export const DESTINATION_KINDS = [
  'market-job',
  'further-study',
  'public-sector',
  'community-worker',
  'grassroots',
  'military',
  'startup',
  'flexible',
  'unemployed',
] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const DESTINATION_LABELS: Record<DestinationKind, string> = {
  'market-job': '市场化就业',
  'further-study': '升学',
  'public-sector': '机关事业单位',
  'community-worker': '社区工作者',
  grassroots: '基层服务岗位',
  military: '应征入伍',
  startup: '自主创业',
  flexible: '灵活就业',
  unemployed: '暂未就业',
};

/** Kinds that mean the graduate has somewhere to be (all but 暂未就业). */
export const PLACED_KINDS: readonly DestinationKind[] = DESTINATION_KINDS.filter(k => k !== 'unemployed');

export const HARDSHIP_FLAGS = ['low-income', 'zero-employment', 'disability', 'poverty-relief', 'orphan'] as const;
export type HardshipFlag = (typeof HARDSHIP_FLAGS)[number];

export const HARDSHIP_LABELS: Record<HardshipFlag, string> = {
  'low-income': '低保家庭',
  'zero-employment': '零就业家庭',
  disability: '残疾',
  'poverty-relief': '脱贫家庭',
  orphan: '孤儿',
};

/** Who wrote a destination: a college import, a hire on the platform, an approved subsidy, staff by hand. */
export const DESTINATION_SOURCES = ['import', 'job-hire', 'subsidy', 'staff'] as const;
export type DestinationSource = (typeof DESTINATION_SOURCES)[number];

export interface GraduateDestination {
  kind: DestinationKind;
  employer?: string;
  /** Set when the destination is in Dalian. */
  districtCode?: DistrictCode;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  source: DestinationSource;
}

export interface GraduateRecordView {
  id: string;
  name: string;
  /** Masked, e.g. 2102**********123X. */
  idNumber: string;
  /** Absent for graduates of colleges outside Dalian who came through the platform. */
  collegeId?: CollegeId;
  schoolName: string;
  doubleFirstClass: boolean;
  degree: Degree;
  major: string;
  graduationYear: number;
  originProvince: Province;
  originCity: string;
  hardship: HardshipFlag[];
  intention: string;
  destination?: GraduateDestination;
  /** True when a student account on the platform is linked to this record. */
  linked: boolean;
  updatedAt: string;
}

/** The Excel template's columns, in order. */
export const REGISTRY_COLUMNS = [
  '姓名',
  '身份证号',
  '学历',
  '专业',
  '毕业年份',
  '生源省份',
  '生源城市',
  '困难类别',
  '就业意向',
  '去向',
  '单位名称',
  '单位所在区市县',
  '去向日期',
] as const;

export interface ImportRowError {
  /** Excel row number (the header is row 1). */
  row: number;
  column?: (typeof REGISTRY_COLUMNS)[number];
  message: string;
}

/** The answer to an import: either everything was written, or nothing and the reasons. */
export interface ImportReport {
  imported: boolean;
  /** Set when nothing was written: `REGISTRY_ROWS_INVALID` (sent with status 422). */
  code?: 'REGISTRY_ROWS_INVALID';
  message?: string;
  totalRows: number;
  created: number;
  updated: number;
  /** Rows with at least one error; `errors` lists every error of every row (never cut short). */
  badRows: number;
  errors: ImportRowError[];
  /** Students on the platform linked to their record by this import. */
  linked: number;
  elapsedMs: number;
}

export interface RegistryMine {
  record?: GraduateRecordView;
}

/**
 * Staff search of the whole registry (to register a leaver for help): `q` is the start of a name,
 * a masked ID as lists show it (2102**********123X), or a full ID number (matched by its hash).
 */
export interface RegistrySearchQuery {
  q: string;
  collegeId?: CollegeId;
  graduationYear?: number;
}

/** At most this many records answer a search: it finds a person, it does not list the registry. */
export const REGISTRY_SEARCH_LIMIT = 20;

/** A registry record written by staff for a graduate no college has imported. */
export interface GraduateRecordInput {
  name: string;
  /** Full resident ID; validated with its check digit, stored encrypted, answered masked. */
  idNumber: string;
  /** A Dalian college; otherwise `schoolName`. */
  collegeId?: CollegeId;
  schoolName?: string;
  degree: Degree;
  major: string;
  graduationYear: number;
  originProvince: Province;
  originCity: string;
}
