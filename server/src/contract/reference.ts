/**
 * Reference data that both sides need at compile time. The server seeds the
 * editable copies (reference collection) from these lists.
 */
export const DISTRICTS = [
  { code: '210202', name: '中山区', kind: 'district' },
  { code: '210203', name: '西岗区', kind: 'district' },
  { code: '210204', name: '沙河口区', kind: 'district' },
  { code: '210211', name: '甘井子区', kind: 'district' },
  { code: '210212', name: '旅顺口区', kind: 'district' },
  { code: '210213', name: '金州区', kind: 'district' },
  { code: '210214', name: '普兰店区', kind: 'district' },
  { code: '210281', name: '瓦房店市', kind: 'county' },
  { code: '210283', name: '庄河市', kind: 'county' },
  { code: '210224', name: '长海县', kind: 'county' },
  { code: 'jinpu', name: '金普新区', kind: 'zone' },
  { code: 'hitech', name: '高新技术产业园区', kind: 'zone' },
  { code: 'changxing', name: '长兴岛经济技术开发区', kind: 'zone' },
] as const;
export type DistrictCode = (typeof DISTRICTS)[number]['code'];

/** 两市一县: graduates employed here get the higher tuition-subsidy standard (action 6). */
export const TWO_CITIES_ONE_COUNTY: readonly DistrictCode[] = ['210281', '210283', '210224'];

export const DEGREES = ['associate', 'bachelor', 'master', 'doctor'] as const;
export type Degree = (typeof DEGREES)[number];
export const DEGREE_LABELS: Record<Degree, string> = {
  associate: '专科',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};

/** Colleges in Dalian; `doubleFirstClass` marks 双一流 construction universities. */
export const COLLEGES = [
  { id: 'dlut', name: '大连理工大学', doubleFirstClass: true },
  { id: 'dlmu', name: '大连海事大学', doubleFirstClass: true },
  { id: 'dufe', name: '东北财经大学', doubleFirstClass: false },
  { id: 'lnnu', name: '辽宁师范大学', doubleFirstClass: false },
  { id: 'dlu', name: '大连大学', doubleFirstClass: false },
  { id: 'dmu', name: '大连医科大学', doubleFirstClass: false },
  { id: 'dlpu', name: '大连工业大学', doubleFirstClass: false },
  { id: 'djtu', name: '大连交通大学', doubleFirstClass: false },
  { id: 'dlufl', name: '大连外国语大学', doubleFirstClass: false },
  { id: 'dlnu', name: '大连民族大学', doubleFirstClass: false },
  { id: 'dlou', name: '大连海洋大学', doubleFirstClass: false },
  { id: 'neusoft', name: '大连东软信息学院', doubleFirstClass: false },
] as const;
export type CollegeId = (typeof COLLEGES)[number]['id'];

export const PROVINCES = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省',
  '上海市', '江苏省', '浙江省', '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省',
  '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市', '四川省', '贵州省', '云南省',
  '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
  '香港特别行政区', '澳门特别行政区', '台湾省',
] as const;
export type Province = (typeof PROVINCES)[number];

/**
 * Lists that bureau staff edit (stored in the database, seeded from the plan): the "15+N"
 * industry chains, the 老/原/新 enterprise categories, and industries. An item's `value` is what
 * enterprises store, so it never changes; retiring an item hides it from new registrations.
 */
export const REFERENCE_KINDS = ['chain', 'category', 'industry'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
export const REFERENCE_KIND_LABELS: Record<ReferenceKind, string> = {
  chain: '“15+N”产业链',
  category: '“老、原、新”企业类别',
  industry: '所属行业',
};

export interface ReferenceItem {
  id: string;
  kind: ReferenceKind;
  value: string;
  description: string;
  active: boolean;
  order: number;
}

export interface ReferenceItemInput {
  kind: ReferenceKind;
  value: string;
  description?: string;
  order?: number;
}

export interface ReferenceItemPatch {
  description?: string;
  active?: boolean;
  order?: number;
}

/** The active items of each editable list, in display order (part of GET /api/reference). */
export type EditableReferenceLists = Record<ReferenceKind, Array<Pick<ReferenceItem, 'value' | 'description'>>>;

/**
 * 最低工资标准 (monthly, yuan) that applies in Dalian from a date: data staff keep current, so a new
 * provincial notice is a new row, not a release. Job postings may not offer a base pay below it.
 */
export interface MinimumWage {
  id: string;
  /** The figure for the whole city, or for every area `areas` does not name. */
  amount: number;
  /** YYYY-MM-DD (Beijing) from which it applies. */
  effectiveFrom: string;
  /** The notice it comes from, as staff wrote it. */
  source: string;
  /**
   * Areas the notice puts in another tier (Liaoning sets tiers by area; a county-level city may sit in a
   * lower one than the urban districts). Empty: one figure for the city.
   */
  areas?: MinimumWageArea[];
}

export interface MinimumWageArea {
  district: DistrictCode;
  amount: number;
}

export type MinimumWageInput = Pick<MinimumWage, 'amount' | 'effectiveFrom' | 'source' | 'areas'>;

/** The figure a standard sets for a district (the city's figure where the notice names no tier for it). */
export function minimumWageIn(standard: Pick<MinimumWage, 'amount' | 'areas'>, district?: string): { amount: number; area?: string } {
  const tier = district ? standard.areas?.find(a => a.district === district) : undefined;
  if (!tier) return { amount: standard.amount };
  return { amount: tier.amount, area: DISTRICTS.find(d => d.code === tier.district)?.name };
}
