import type { ComplaintCategory, ComplaintStatus } from '../../contract/complaint';
import type { DistrictCode } from '../../contract/reference';

/**
 * The plan asks the HR bureaus to publish rights-protection phone numbers but gives none. These rows
 * are examples: the numbers have a 0 after the area code, so they cannot reach anyone, and
 * `example: true` makes the app say so until the bureau enters the real number.
 */
export const HOTLINE_SEEDS: ReadonlyArray<{ district: DistrictCode | 'city'; name: string; phone: string; hours: string }> = [
  { district: 'city', name: '大连市人社局就业权益保护投诉（示例）', phone: '0411-00000000', hours: '工作日 8:30-17:00（示例）' },
  { district: '210202', name: '中山区人社局劳动保障监察（示例）', phone: '0411-00000001', hours: '工作日 8:30-17:00（示例）' },
  { district: '210203', name: '西岗区人社局劳动保障监察（示例）', phone: '0411-00000002', hours: '工作日 8:30-17:00（示例）' },
  { district: '210204', name: '沙河口区人社局劳动保障监察（示例）', phone: '0411-00000003', hours: '工作日 8:30-17:00（示例）' },
  { district: '210211', name: '甘井子区人社局劳动保障监察（示例）', phone: '0411-00000004', hours: '工作日 8:30-17:00（示例）' },
  { district: '210212', name: '旅顺口区人社局劳动保障监察（示例）', phone: '0411-00000005', hours: '工作日 8:30-17:00（示例）' },
  { district: '210213', name: '金州区人社局劳动保障监察（示例）', phone: '0411-00000006', hours: '工作日 8:30-17:00（示例）' },
  { district: '210214', name: '普兰店区人社局劳动保障监察（示例）', phone: '0411-00000007', hours: '工作日 8:30-17:00（示例）' },
  { district: '210281', name: '瓦房店市人社局劳动保障监察（示例）', phone: '0411-00000008', hours: '工作日 8:30-17:00（示例）' },
  { district: '210283', name: '庄河市人社局劳动保障监察（示例）', phone: '0411-00000009', hours: '工作日 8:30-17:00（示例）' },
  { district: '210224', name: '长海县人社局劳动保障监察（示例）', phone: '0411-00000010', hours: '工作日 8:30-17:00（示例）' },
  { district: 'jinpu', name: '金普新区人社局劳动保障监察（示例）', phone: '0411-00000011', hours: '工作日 8:30-17:00（示例）' },
  { district: 'hitech', name: '高新区人社局劳动保障监察（示例）', phone: '0411-00000012', hours: '工作日 8:30-17:00（示例）' },
  { district: 'changxing', name: '长兴岛人社局劳动保障监察（示例）', phone: '0411-00000013', hours: '工作日 8:30-17:00（示例）' },
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
