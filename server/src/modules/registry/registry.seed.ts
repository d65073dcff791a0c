import { COLLEGES, type Degree, type DistrictCode, type Province } from '../../contract/reference';
import type { DestinationKind, HardshipFlag } from '../../contract/registry';
import { beijingDay, startOfBeijingDay } from '../../contract/time';

/**
 * The demo city's registry (示例): a few thousand graduates of the year across the Dalian colleges and
 * some from elsewhere, with destinations as a college would report them — most placed, a share staying
 * in Dalian, some going on to study, some not yet placed. A deterministic generator (same rows every
 * run, so seeding again inserts nothing); the people are invented, and their ID numbers are demo keys
 * (`DEMO…`), never a resident ID anyone could hold.
 */
export interface CityGraduateSeed {
  /** Stable per row: the sealed and hashed "ID number" of the demo row. */
  demoKey: string;
  name: string;
  collegeId?: string;
  schoolName: string;
  doubleFirstClass: boolean;
  degree: Degree;
  major: string;
  graduationYear: number;
  originProvince: Province;
  originCity: string;
  destination?: { kind: DestinationKind; employer?: string; districtCode?: DistrictCode; date: Date };
  /** 困难家庭 as the college reported it (one in 23; the 免申即享 求职创业补贴 demo matches them). */
  hardship?: HardshipFlag[];
}

/** Share of the Dalian colleges' graduates, roughly by size. */
const COLLEGE_WEIGHTS: Record<(typeof COLLEGES)[number]['id'], number> = {
  dlut: 15, dlmu: 10, dufe: 9, lnnu: 10, dlu: 9, dmu: 5, dlpu: 8, djtu: 9, dlufl: 7, dlnu: 6, dlou: 6, neusoft: 6,
};
const MAJORS: Record<string, readonly string[]> = {
  dlut: ['机械工程', '软件工程', '化学工程与工艺', '土木工程', '电气工程及其自动化'],
  dlmu: ['航海技术', '轮机工程', '交通运输', '国际经济与贸易'],
  dufe: ['会计学', '金融学', '财务管理', '统计学'],
  lnnu: ['汉语言文学', '数学与应用数学', '心理学', '英语'],
  dlu: ['临床医学', '机械设计制造及其自动化', '计算机科学与技术'],
  dmu: ['临床医学', '护理学', '药学'],
  dlpu: ['食品科学与工程', '服装设计与工程', '轻化工程'],
  djtu: ['车辆工程', '交通运输', '材料成型及控制工程'],
  dlufl: ['日语', '英语', '俄语', '朝鲜语'],
  dlnu: ['电子信息工程', '生物工程', '社会工作'],
  dlou: ['水产养殖学', '海洋科学', '食品质量与安全'],
  neusoft: ['软件工程', '数字媒体技术', '电子商务'],
  elsewhere: ['计算机科学与技术', '机械设计制造及其自动化', '会计学', '土木工程'],
};
const ELSEWHERE: ReadonlyArray<{ name: string; dfc: boolean; province: Province }> = [
  { name: '东北大学', dfc: true, province: '辽宁省' },
  { name: '沈阳工业大学', dfc: false, province: '辽宁省' },
  { name: '辽宁大学', dfc: true, province: '辽宁省' },
  { name: '吉林大学', dfc: true, province: '吉林省' },
  { name: '哈尔滨工业大学', dfc: true, province: '黑龙江省' },
  { name: '山东大学', dfc: true, province: '山东省' },
  { name: '河北工业大学', dfc: true, province: '河北省' },
];
const PROVINCE_CITIES: ReadonlyArray<[Province, string]> = [
  ['辽宁省', '大连市'], ['辽宁省', '沈阳市'], ['辽宁省', '鞍山市'], ['辽宁省', '丹东市'], ['辽宁省', '锦州市'], ['辽宁省', '营口市'],
  ['吉林省', '长春市'], ['黑龙江省', '哈尔滨市'], ['山东省', '烟台市'], ['河北省', '石家庄市'], ['河南省', '郑州市'], ['内蒙古自治区', '赤峰市'],
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗于董曲姜';
const GIVEN = '子涵浩然欣怡宇轩思雨一鸣佳琪博文梓萱晨阳雅婷俊杰诗琪明轩雨桐天宇可馨志远若曦';
const EMPLOYERS: ReadonlyArray<[string, DistrictCode]> = [
  ['大连港集团有限公司', '210202'], ['大连华信计算机技术股份有限公司', 'hitech'], ['大连机床集团有限责任公司', 'jinpu'],
  ['大连船舶重工集团有限公司', '210203'], ['大连獐子岛渔业集团股份有限公司', '210224'], ['大连万达商业管理集团', '210204'],
  ['中国移动通信集团辽宁有限公司大连分公司', '210204'], ['大连东软信息股份有限公司', 'hitech'], ['恒力石化（大连）有限公司', 'changxing'],
  ['大连冰山集团有限公司', '210211'], ['瓦房店轴承集团有限责任公司', '210281'], ['庄河市第一中学', '210283'],
];
const ELSEWHERE_EMPLOYERS = ['沈阳某科技有限公司', '北京某互联网公司', '上海某金融服务公司', '深圳某电子有限公司'];

/** A small deterministic generator (mulberry32), so the demo is the same city every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<K extends string>(weights: Record<K, number>, r: number): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

/** `size` graduates of the Beijing year of `now`; destinations dated between 1 January and `now`. */
export function cityGraduates(size: number, now: Date): CityGraduateSeed[] {
  const year = Number(beijingDay(now).slice(0, 4));
  const yearStart = startOfBeijingDay(`${year}-01-01`).getTime();
  const span = Math.max(now.getTime() - yearStart, 1);
  const rnd = random(20220511 + year);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const rows: CityGraduateSeed[] = [];
  for (let i = 0; i < size; i++) {
    const elsewhere = rnd() < 0.14 ? pick(ELSEWHERE) : undefined;
    const collegeId = elsewhere ? undefined : weighted(COLLEGE_WEIGHTS, rnd());
    const college = COLLEGES.find(c => c.id === collegeId);
    const [province, city] = elsewhere ? [elsewhere.province, elsewhere.province === '辽宁省' ? '沈阳市' : '外省'] : rnd() < 0.58 ? pick(PROVINCE_CITIES.slice(0, 6)) : pick(PROVINCE_CITIES.slice(6));
    const degreeRoll = rnd();
    const degree: Degree = degreeRoll < 0.08 ? 'associate' : degreeRoll < 0.72 ? 'bachelor' : degreeRoll < 0.97 ? 'master' : 'doctor';
    const date = new Date(yearStart + Math.floor(rnd() * span));
    const roll = rnd();
    let destination: CityGraduateSeed['destination'];
    // Graduates from elsewhere are in the registry because they came to Dalian: all of them are placed here.
    if (elsewhere || roll < 0.46) {
      const [employer, districtCode] = pick(EMPLOYERS);
      const kind: DestinationKind = rnd() < 0.82 ? 'market-job' : pick(['public-sector', 'community-worker', 'grassroots', 'startup'] as const);
      destination = { kind, employer, districtCode, date };
    } else if (roll < 0.62) {
      destination = { kind: 'further-study', employer: college?.name ?? '', ...(rnd() < 0.6 ? { districtCode: '210211' as const } : {}), date };
    } else if (roll < 0.84) {
      destination = { kind: rnd() < 0.9 ? 'market-job' : 'flexible', employer: pick(ELSEWHERE_EMPLOYERS), date };
    } else if (roll < 0.92) {
      destination = { kind: 'unemployed', districtCode: pick(EMPLOYERS)[1], date };
    }
    rows.push({
      demoKey: `DEMO${year}${String(i).padStart(6, '0')}`,
      name: `${pick([...SURNAMES])}${pick([...GIVEN])}${rnd() < 0.7 ? pick([...GIVEN]) : ''}`,
      ...(collegeId ? { collegeId } : {}),
      schoolName: elsewhere?.name ?? college?.name ?? '',
      doubleFirstClass: elsewhere?.dfc ?? college?.doubleFirstClass ?? false,
      degree,
      major: pick(MAJORS[collegeId ?? 'elsewhere']),
      graduationYear: year,
      originProvince: province,
      originCity: city,
      ...(destination ? { destination } : {}),
      // By position, not by the generator: the rows the generator gives stay the same as before.
      ...(i % 23 === 7 ? { hardship: ['low-income' as const] } : {}),
    });
  }
  return rows;
}
