import type { JobKind } from '../../contract/job';
import type { Degree, DistrictCode } from '../../contract/reference';
import type { EnterpriseSeedKey } from '../enterprise/enterprise.service';

export interface JobSeed {
  seedKey: string;
  enterprise: EnterpriseSeedKey;
  kind: JobKind;
  title: string;
  description: string;
  /** 岗位职责 and 任职要求, which every posting states (contract/job-posting.ts). */
  duties: string;
  requirements: string;
  salaryMin: number;
  salaryMax: number;
  education: Degree;
  majors: string[];
  headcount: number;
  district: DistrictCode;
  address: string;
  tags: string[];
  /** Days after seeding until the deadline; hours before seeding it was published. */
  deadlineInDays: number;
  publishedHoursAgo: number;
}

/** Demo jobs, each offered by one of the demo enterprises. */
export const JOB_SEEDS: JobSeed[] = [
  {
    seedKey: 'demo-job-java',
    enterprise: 'demo-ent-software',
    kind: 'fulltime',
    title: 'Java 开发工程师（应届）',
    description: '参与政务与金融行业软件的后端开发；有导师带教，入职即缴纳五险一金。',
    duties: '负责政务与金融行业系统的后端接口开发、单元测试与上线维护。',
    requirements: '计算机相关专业本科及以上；熟悉 Java 与关系型数据库，了解 Spring 框架。',
    salaryMin: 7000,
    salaryMax: 11000,
    education: 'bachelor',
    majors: ['计算机科学与技术', '软件工程'],
    headcount: 5,
    district: 'hitech',
    address: '高新技术产业园区软件园',
    tags: ['五险一金', '导师带教'],
    deadlineInDays: 60,
    publishedHoursAgo: 2,
  },
  {
    seedKey: 'demo-job-test-trainee',
    enterprise: 'demo-ent-software',
    kind: 'traineeship',
    title: '软件测试见习生',
    description: '见习期6个月，参与自动化测试；见习期间按规定享受见习补贴，表现优秀者留用。',
    duties: '编写与执行测试用例，参与自动化测试脚本开发，记录并跟踪缺陷。',
    requirements: '计算机相关专业大专及以上；细心，愿意学习自动化测试工具。',
    salaryMin: 3000,
    salaryMax: 4000,
    education: 'associate',
    majors: ['软件技术', '计算机应用技术'],
    headcount: 8,
    district: 'hitech',
    address: '高新技术产业园区软件园',
    tags: ['见习补贴', '可留用'],
    deadlineInDays: 45,
    publishedHoursAgo: 6,
  },
  {
    seedKey: 'demo-job-frontend-intern',
    enterprise: 'demo-ent-software',
    kind: 'internship',
    title: '前端开发实习生',
    description: '参与小程序与 H5 页面开发，每周到岗不少于4天，实习满3个月可转正。',
    duties: '参与小程序与 H5 页面开发和联调，修复界面问题。',
    requirements: '软件工程、数字媒体等相关专业在校生；了解 HTML、CSS 与 JavaScript。',
    salaryMin: 2500,
    salaryMax: 3500,
    education: 'bachelor',
    majors: ['软件工程', '数字媒体技术'],
    headcount: 3,
    district: 'hitech',
    address: '高新技术产业园区软件园',
    tags: ['可转正'],
    deadlineInDays: 30,
    publishedHoursAgo: 20,
  },
  {
    seedKey: 'demo-job-mech-design',
    enterprise: 'demo-ent-equipment',
    kind: 'fulltime',
    title: '机械设计工程师',
    description: '负责港口装备结构设计与图纸绘制，熟悉 SolidWorks 或 CATIA 者优先。',
    duties: '负责港口装备结构设计、图纸绘制与技术文件编写，配合生产现场解决技术问题。',
    requirements: '机械类专业本科及以上；能使用 SolidWorks 或 CATIA 等三维设计软件。',
    salaryMin: 8000,
    salaryMax: 13000,
    education: 'master',
    majors: ['机械工程', '船舶与海洋工程'],
    headcount: 4,
    district: 'jinpu',
    address: '金普新区',
    tags: ['国企', '提供宿舍'],
    deadlineInDays: 50,
    publishedHoursAgo: 30,
  },
  {
    seedKey: 'demo-job-cnc',
    enterprise: 'demo-ent-equipment',
    kind: 'fulltime',
    title: '数控技术员',
    description: '负责数控设备编程与操作，公司提供系统培训和技能等级晋升通道。',
    duties: '负责数控设备的编程、操作与日常保养，保证加工质量。',
    requirements: '数控、机电等相关专业大专及以上；能看懂机械图纸。',
    salaryMin: 5500,
    salaryMax: 8000,
    education: 'associate',
    majors: ['数控技术', '机械制造及自动化'],
    headcount: 10,
    district: 'jinpu',
    address: '金普新区',
    tags: ['技能培训', '五险一金'],
    deadlineInDays: 40,
    publishedHoursAgo: 50,
  },
  {
    seedKey: 'demo-job-food-qa',
    enterprise: 'demo-ent-seafood',
    kind: 'fulltime',
    title: '食品质量检验员',
    description: '负责海产品原料与成品检验；在庄河市就业，可按规定申请“两市一县”学费补助标准。',
    duties: '负责海产品原料与成品的抽样检验、检验记录与质量追溯。',
    requirements: '食品科学、生物等相关专业大专及以上；了解食品安全国家标准。',
    salaryMin: 5000,
    salaryMax: 7000,
    education: 'bachelor',
    majors: ['食品科学与工程', '食品质量与安全'],
    headcount: 3,
    district: '210283',
    address: '庄河市',
    tags: ['两市一县', '包食宿'],
    deadlineInDays: 55,
    publishedHoursAgo: 70,
  },
  {
    seedKey: 'demo-job-marine-ra',
    enterprise: 'demo-ent-seafood',
    kind: 'research-assistant',
    title: '海洋生物资源研发助理',
    description: '依托企业研发中心项目，协助开展海洋生物资源综合利用研究。',
    duties: '协助开展海洋生物资源综合利用实验，整理实验数据与报告。',
    requirements: '海洋生物、食品科学等相关专业硕士及以上；有实验室工作经历。',
    salaryMin: 6000,
    salaryMax: 8500,
    education: 'master',
    majors: ['海洋科学', '生物工程'],
    headcount: 2,
    district: '210283',
    address: '庄河市',
    tags: ['研发项目'],
    deadlineInDays: 35,
    publishedHoursAgo: 100,
  },
];
