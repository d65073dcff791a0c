import type { ApplicationStatus, JobKind } from '../../contract/job';
import type { Degree, DistrictCode } from '../../contract/reference';
import type { EnterpriseSeedKey } from '../enterprise/enterprise.service';

/**
 * Demo history behind the responsiveness line: each demo enterprise had an earlier posting, now
 * closed, with applications over the past three months and the recruiter's steps on them. The
 * software company answers within a day or two; the equipment maker takes most of a week and lets a
 * few lapse as 未反馈; the seafood company has too few applications for the line to show.
 */
export interface HistoryJobSeed {
  seedKey: string;
  enterprise: EnterpriseSeedKey;
  kind: JobKind;
  title: string;
  description: string;
  salaryMin: number;
  salaryMax: number;
  education: Degree;
  majors: string[];
  district: DistrictCode;
  address: string;
  publishedDaysAgo: number;
  closedDaysAgo: number;
  applications: HistoryApplicationSeed[];
}

export interface HistoryApplicationSeed {
  /** Days before seeding the student applied. */
  appliedDaysAgo: number;
  /** The recruiter's steps, in hours after applying. */
  steps: ReadonlyArray<{ status: Exclude<ApplicationStatus, 'submitted'>; afterHours: number; note?: string }>;
}

/** Applicants of the demo history (fictional graduates of Dalian's colleges). */
export const HISTORY_APPLICANTS = [
  { name: '王思远', schoolName: '大连理工大学', degree: 'bachelor', major: '软件工程', graduationYear: 2026 },
  { name: '李雨桐', schoolName: '大连海事大学', degree: 'bachelor', major: '计算机科学与技术', graduationYear: 2026 },
  { name: '张浩然', schoolName: '辽宁师范大学', degree: 'bachelor', major: '计算机科学与技术', graduationYear: 2025 },
  { name: '刘欣怡', schoolName: '大连交通大学', degree: 'bachelor', major: '机械设计制造及其自动化', graduationYear: 2026 },
  { name: '陈子墨', schoolName: '大连工业大学', degree: 'bachelor', major: '食品科学与工程', graduationYear: 2026 },
  { name: '杨梓涵', schoolName: '大连大学', degree: 'bachelor', major: '软件工程', graduationYear: 2026 },
  { name: '赵一鸣', schoolName: '大连理工大学', degree: 'master', major: '机械工程', graduationYear: 2026 },
  { name: '黄诗琪', schoolName: '大连海洋大学', degree: 'bachelor', major: '海洋科学', graduationYear: 2025 },
  { name: '周俊杰', schoolName: '大连东软信息学院', degree: 'bachelor', major: '软件工程', graduationYear: 2026 },
  { name: '吴佳琪', schoolName: '大连民族大学', degree: 'bachelor', major: '计算机科学与技术', graduationYear: 2026 },
  { name: '徐天宇', schoolName: '大连交通大学', degree: 'bachelor', major: '车辆工程', graduationYear: 2026 },
  { name: '孙可欣', schoolName: '大连外国语大学', degree: 'bachelor', major: '软件工程', graduationYear: 2026 },
  { name: '马晨阳', schoolName: '大连职业技术学院', degree: 'associate', major: '数控技术', graduationYear: 2026 },
  { name: '朱雅婷', schoolName: '辽宁师范大学', degree: 'master', major: '计算机技术', graduationYear: 2026 },
] as const satisfies ReadonlyArray<{ degree: Degree } & Record<string, unknown>>;

const quick = (appliedDaysAgo: number, viewHours: number, decision: 'interview' | 'rejected', decideHours: number): HistoryApplicationSeed => ({
  appliedDaysAgo,
  steps: [
    { status: 'viewed', afterHours: viewHours },
    { status: decision, afterHours: decideHours, ...(decision === 'rejected' ? { note: '岗位方向与你的专业匹配度不高，感谢投递' } : { note: '线上初面，请留意短信' }) },
  ],
});

export const HISTORY_SEEDS: HistoryJobSeed[] = [
  {
    seedKey: 'demo-history-java-spring',
    enterprise: 'demo-ent-software',
    kind: 'fulltime',
    title: 'Java 开发工程师（春季招聘）',
    description: '参与政务软件后端开发，春季招聘批次，已招满。',
    salaryMin: 7000,
    salaryMax: 10000,
    education: 'bachelor',
    majors: ['计算机科学与技术', '软件工程'],
    district: 'hitech',
    address: '高新技术产业园区软件园',
    publishedDaysAgo: 80,
    closedDaysAgo: 20,
    applications: [
      quick(78, 20, 'interview', 40),
      quick(75, 30, 'rejected', 46),
      quick(71, 12, 'interview', 35),
      quick(66, 26, 'rejected', 50),
      quick(60, 40, 'interview', 60),
      quick(55, 18, 'rejected', 30),
      quick(49, 22, 'interview', 52),
      quick(44, 36, 'rejected', 70),
      quick(39, 15, 'interview', 44),
      quick(33, 28, 'rejected', 48),
      quick(29, 45, 'interview', 68),
      { appliedDaysAgo: 26, steps: [{ status: 'viewed', afterHours: 30 }, { status: 'interview', afterHours: 54 }, { status: 'hired', afterHours: 200, note: '欢迎加入，入职安排另行通知' }] },
      { appliedDaysAgo: 24, steps: [{ status: 'unanswered', afterHours: 14 * 24 }] },
    ],
  },
  {
    seedKey: 'demo-history-welder-tech',
    enterprise: 'demo-ent-equipment',
    kind: 'fulltime',
    title: '焊接工艺技术员',
    description: '负责船舶分段焊接工艺文件编制与现场指导，已停止招聘。',
    salaryMin: 5500,
    salaryMax: 8000,
    education: 'associate',
    majors: ['焊接技术与自动化', '机械设计制造及其自动化'],
    district: 'jinpu',
    address: '金普新区港湾装备产业园',
    publishedDaysAgo: 85,
    closedDaysAgo: 30,
    applications: [
      quick(84, 120, 'interview', 170),
      quick(80, 150, 'rejected', 200),
      quick(76, 100, 'interview', 190),
      { appliedDaysAgo: 72, steps: [{ status: 'unanswered', afterHours: 14 * 24 }] },
      quick(68, 140, 'rejected', 220),
      quick(63, 96, 'interview', 160),
      { appliedDaysAgo: 58, steps: [{ status: 'viewed', afterHours: 130 }, { status: 'unanswered', afterHours: 130 + 14 * 24 }] },
      quick(52, 160, 'rejected', 240),
      { appliedDaysAgo: 47, steps: [{ status: 'unanswered', afterHours: 14 * 24 }] },
      quick(43, 110, 'interview', 180),
      quick(38, 144, 'rejected', 210),
      { appliedDaysAgo: 35, steps: [{ status: 'unanswered', afterHours: 14 * 24 }] },
    ],
  },
  {
    seedKey: 'demo-history-lab-assistant',
    enterprise: 'demo-ent-seafood',
    kind: 'internship',
    title: '实验室检测实习生',
    description: '协助完成水产品微生物与理化检测，实习期三个月，已招满。',
    salaryMin: 2500,
    salaryMax: 3000,
    education: 'associate',
    majors: ['食品科学与工程', '食品检测技术'],
    district: '210283',
    address: '庄河市海洋食品产业园',
    publishedDaysAgo: 60,
    closedDaysAgo: 40,
    applications: [quick(58, 48, 'interview', 72), quick(55, 30, 'rejected', 50), quick(50, 60, 'interview', 90)],
  },
];
