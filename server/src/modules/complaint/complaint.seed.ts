import type { ComplaintCategory, ComplaintStatus } from '../../contract/complaint';
import type { DistrictCode } from '../../contract/reference';

/**
 * The plan asks the HR bureaus to publish rights-protection phone numbers but gives none. 12333 is the
 * public 人力资源和社会保障 service hotline, answered for Dalian by the city and taking labour-inspection
 * complaints for every district; so every row starts with it — a real number nobody needs to be warned
 * about — until the bureau enters a district's own published number on the hotlines page.
 */
const SERVICE_HOTLINE = '12333';
const SERVICE_HOURS = '以 12333 公布的服务时间为准';
const DISTRICT_LINES: ReadonlyArray<[DistrictCode, string]> = [
  ['210202', '中山区'],
  ['210203', '西岗区'],
  ['210204', '沙河口区'],
  ['210211', '甘井子区'],
  ['210212', '旅顺口区'],
  ['210213', '金州区'],
  ['210214', '普兰店区'],
  ['210281', '瓦房店市'],
  ['210283', '庄河市'],
  ['210224', '长海县'],
  ['jinpu', '金普新区'],
  ['hitech', '高新区'],
  ['changxing', '长兴岛经济区'],
];

export const HOTLINE_SEEDS: ReadonlyArray<{ district: DistrictCode | 'city'; name: string; phone: string; hours: string }> = [
  { district: 'city', name: '大连市人社服务热线（就业权益保护、劳动保障监察投诉）', phone: SERVICE_HOTLINE, hours: SERVICE_HOURS },
  ...DISTRICT_LINES.map(([district, name]) => ({ district, name: `${name}劳动保障监察投诉（经 12333 受理转办）`, phone: SERVICE_HOTLINE, hours: SERVICE_HOURS })),
];

interface ComplaintSeed {
  seedKey: string;
  complainant: string;
  category: ComplaintCategory;
  /** A demo job by seed key, or a named party with a district. */
  job?: string;
  partyName?: string;
  district?: DistrictCode;
  description: string;
  status: Extract<ComplaintStatus, 'submitted' | 'replied'>;
  daysAgo: number;
  handler?: string;
  reply?: string;
}

export const EXAMPLE_PHONE = '13800000000';

/** Example complaints so the staff queue is not empty: one waiting, one overdue, one answered. */
export const COMPLAINT_SEEDS: ComplaintSeed[] = [
  {
    seedKey: 'demo-complaint-training-loan',
    complainant: 'b-student-dlut',
    category: 'training-loan',
    partyName: '某职业技能培训学校（示例）',
    district: '210211',
    description: '（示例投诉）面试时对方称须先参加收费培训才能入职，并引导办理分期贷款支付培训费 19800 元，培训结束后未安排工作。',
    status: 'submitted',
    daysAgo: 0,
  },
  {
    seedKey: 'demo-complaint-black-agency',
    complainant: 'a-student-new',
    category: 'black-agency',
    partyName: '某人力资源咨询工作室（示例）',
    district: '210211',
    description: '（示例投诉）中介收取 2000 元“岗位推荐费”后失联，承诺的企业表示从未委托该中介招聘。',
    status: 'submitted',
    daysAgo: 5,
  },
  {
    seedKey: 'demo-complaint-unpaid-wages',
    complainant: 'b-student-dlut',
    category: 'unpaid-wages',
    job: 'demo-job-food-qa',
    description: '（示例投诉）试用期满离职后，单位以未转正为由拒绝支付最后一个月的试用期工资。',
    status: 'replied',
    daysAgo: 12,
    handler: 'f-bureau',
    reply: '（示例答复）经劳动保障监察大队调查核实，单位已于本周补发拖欠的试用期工资，请注意查收。如仍有异议，可拨打维权电话。',
  },
];
