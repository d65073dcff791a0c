import type { CourseFormat, CourseKind, CourseTopic, SlotKind, SlotMode } from '../../contract/growth';
import type { InstitutionInfo } from '../../contract/policy';
import type { DistrictCode } from '../../contract/reference';
import type { SubsidyProgramInput } from '../../contract/subsidy';

const PLAN = '《推进高校毕业生留连来连就业创业“十大行动”工作方案》（大就办发〔2022〕4号）';
/**
 * The plan names the platform kinds (创业孵化平台、科技企业孵化器、大学科技园、众创空间、创业街区) but
 * no particular ones: these entries are examples, and say so once, in their names (（示例）), not in their text.
 */
export const INCUBATOR_SEEDS: ReadonlyArray<{ seedKey: string; title: string; summary: string; tags: string[]; district: DistrictCode; institution: InstitutionInfo }> = [
  {
    seedKey: 'inst-incubator-example-hitech',
    title: '高新区大学生创业孵化基地（示例）',
    summary: '面向大学生创业团队的孵化平台，提供工作空间、网络空间、社交空间和资源共享空间，入驻团队可按规定申请创业孵化相关扶持（方案第三部分（五））。',
    tags: ['创业孵化'],
    district: 'hitech',
    institution: { type: 'incubator', address: '以机构公布为准', contact: '入驻服务台', phone: '以机构公布为准', district: 'hitech' },
  },
  {
    seedKey: 'inst-makerspace-example-ganjingzi',
    title: '甘井子区青年众创空间（示例）',
    summary: '为创业毕业生提供工位、注册地址和创业导师服务；经认定的创业平台可获资金补贴。',
    tags: ['众创空间'],
    district: '210211',
    institution: { type: 'incubator', address: '以机构公布为准', contact: '运营中心', phone: '以机构公布为准', district: '210211' },
  },
];

/** The training subsidy the plan promises (职业培训补贴); the amount is an example, as in subsidy.seed.ts. */
export const TRAINING_SUBSIDY_SEED: SubsidyProgramInput & { seedKey: string; policySeedKeys: string[] } = {
  policySeedKeys: ['plan-a2-training'],
  seedKey: 'training-2026',
  name: '职业培训补贴',
  legalBasis: `${PLAN} 行动二：参加定点机构培训的高校毕业生按规定给予职业培训补贴、生活费补贴`,
  applicantKind: 'graduate',
  period: '2026',
  opensAt: '2026-01-01',
  closesAt: '2026-12-31',
  requiredDocuments: ['idCard', 'diploma'],
  conditions: [{ field: 'graduationDate', op: 'withinYears', value: 2 }],
  amount: { kind: 'fixed', amount: 1200, label: '培训补贴' },
  workflow: ['district', 'bureau'],
  note: '须先在平台完成定点机构培训并由机构确认结业。',
  exampleAmounts: true,
  active: true,
};

interface CourseSeed {
  seedKey: string;
  kind: CourseKind;
  title: string;
  summary: string;
  topic: CourseTopic;
  format: CourseFormat;
  url: string;
  location: string;
  speaker: string;
  inDays: number;
  durationMinutes: number;
  capacity: number;
  /** Content seed key of the designated institution (training). */
  institution?: string;
  hours?: number;
}

/** 公开课、直播课 for the 2026 and 2027 cohorts, and courses at the three institutions the plan names. */
export const COURSE_SEEDS: CourseSeed[] = [
  {
    seedKey: 'course-planning-2026',
    kind: 'career',
    title: '职业规划公开课：从专业到职业',
    summary: '方案行动二：为毕业生推出职业规划、职业体验、求职技巧等多元职业指导公开课。（示例课程，链接为示例）',
    topic: 'planning',
    format: 'live',
    url: 'https://example.com/live/career-planning',
    location: '',
    speaker: '高校职业指导师（示例）',
    inDays: 3,
    durationMinutes: 90,
    capacity: 300,
  },
  {
    seedKey: 'course-job-search-2026',
    kind: 'career',
    title: '求职技巧直播课：简历与面试',
    summary: '简历写作、结构化面试与线上面试注意事项。（示例课程，名额为示例）',
    topic: 'job-search',
    format: 'live',
    url: 'https://example.com/live/job-search',
    location: '',
    speaker: '市公共就业服务机构（示例）',
    inDays: 6,
    durationMinutes: 60,
    capacity: 2,
  },
  {
    seedKey: 'course-city-video',
    kind: 'career',
    title: '“十四五”规划市情视频课：爱我大连，就选大连',
    summary: '方案行动四：录制“十四五”发展规划视频课程，宣传“两先区”“三个中心”建设成果。（示例视频地址）',
    topic: 'city',
    format: 'video',
    url: 'https://example.com/video/dalian-14th-five-year-plan.mp4',
    location: '',
    speaker: '市人社局',
    inDays: -2,
    durationMinutes: 30,
    capacity: 5000,
  },
  {
    seedKey: 'training-neusoft-software',
    kind: 'training',
    title: '软件开发专业转换培训（示例）',
    summary: '方案行动二：依托定点培训机构开展专业转换和技能提升培训。课程内容、课时与名额均为示例。',
    topic: 'skills',
    format: 'onsite',
    url: '',
    location: '大连东软信息学院（示例地点）',
    speaker: '大连东软信息学院',
    inDays: 14,
    durationMinutes: 180,
    capacity: 40,
    institution: 'inst-neusoft',
    hours: 120,
  },
  {
    seedKey: 'training-chinasoft-testing',
    kind: 'training',
    title: '软件测试技能提升培训（示例）',
    summary: '面向有培训需求的高校毕业生，纳入“职业技能提升行动”。课程内容与名额均为示例。',
    topic: 'skills',
    format: 'onsite',
    url: '',
    location: '大连中软卓越计算机培训中心（示例地点）',
    speaker: '大连中软卓越计算机培训中心',
    inDays: 10,
    durationMinutes: 180,
    capacity: 30,
    institution: 'inst-chinasoft',
    hours: 80,
  },
  {
    seedKey: 'training-ganjingzi-office',
    kind: 'training',
    title: '计算机应用与办公自动化培训（示例）',
    summary: '依托甘井子区人力资源产业园开展计算机培训。课程内容与名额均为示例。',
    topic: 'skills',
    format: 'onsite',
    url: '',
    location: '甘井子区人力资源产业园（示例地点）',
    speaker: '大连市甘井子区人力资源产业园计算机培训中心',
    inDays: 7,
    durationMinutes: 120,
    capacity: 50,
    institution: 'inst-ganjingzi-hr-park',
    hours: 60,
  },
];

/** The contests the plan names for 2022; registration dates are examples. */
export const CONTEST_SEEDS = [
  {
    seedKey: 'contest-chuangyi-youth',
    title: '“中国创翼”创业创新大赛大连选拔赛·青年创意专项赛',
    organiser: '市人社局',
    summary: '方案行动五：举办第五届“中国创翼”创业创新大赛大连选拔赛，面向高校在校生及毕业生群体设立青年创意专项赛。（报名截止日期为示例）',
    closesInDays: 30,
  },
  {
    seedKey: 'contest-innovation-dalian',
    title: '中国创新创业大赛（大连赛区）暨大连创新创业大赛',
    organiser: '市科技局',
    summary: '方案行动五：举办“第11届中国创新创业大赛”（大连赛区）暨第九届大连创新创业大赛。（报名截止日期为示例）',
    closesInDays: 45,
  },
  {
    seedKey: 'contest-chuangqingchun',
    title: '“创青春”中国青年创新创业大赛专项赛',
    organiser: '团市委',
    summary: '方案行动五：承办中国青年创新创业综合交流营暨“创青春”中国青年创新创业大赛专项赛。（报名截止日期为示例）',
    closesInDays: 60,
  },
] as const;

interface SlotSeed {
  seedKey: string;
  kind: SlotKind;
  host: string;
  hostName: string;
  hostTitle: string;
  mode: SlotMode;
  location: string;
  inDays: number;
  hour: number;
  minutes: number;
}

/** Office hours of the demo college (career advisors, 1:500) and district (创业诊所); times are examples. */
export const SLOT_SEEDS: SlotSeed[] = [1, 2, 3].flatMap(day => [
  {
    seedKey: `slot-advisor-d${day}-a`,
    kind: 'advisor' as const,
    host: 'd-college',
    hostName: '王老师（示例）',
    hostTitle: '职业指导师',
    mode: 'onsite' as const,
    location: '就业创业服务指导工作站（示例）',
    inDays: day,
    hour: 9,
    minutes: 30,
  },
  {
    seedKey: `slot-advisor-d${day}-b`,
    kind: 'advisor' as const,
    host: 'd-college',
    hostName: '王老师（示例）',
    hostTitle: '职业指导师',
    mode: 'online' as const,
    location: '线上会议链接预约后发送（示例）',
    inDays: day,
    hour: 14,
    minutes: 30,
  },
  {
    seedKey: `slot-mentor-d${day}`,
    kind: 'mentor' as const,
    host: 'e-district',
    hostName: '创业导师（示例）',
    hostTitle: '“创业诊所”专家团队',
    mode: 'onsite' as const,
    location: '甘井子区创业服务中心（示例）',
    inDays: day + 1,
    hour: 10,
    minutes: 60,
  },
]);

export const STORY_SEEDS = [
  {
    seedKey: 'story-example-software',
    authorName: '李同学（示例）',
    schoolName: '大连理工大学',
    title: '留在大连做软件（示例故事）',
    text: '示例故事：毕业后加入高新区一家软件企业，参与港口物流系统开发。大连的海风和通勤都让人舒服，也在这里找到了成长的方向。（方案行动十：以短视频展示在大连的成长收获，示例暂无视频）',
  },
  {
    seedKey: 'story-example-startup',
    authorName: '张同学（示例）',
    schoolName: '大连海事大学',
    title: '在众创空间开始创业（示例故事）',
    text: '示例故事：带着毕业设计里的船舶数据项目入驻众创空间，创业导师帮我们梳理商业计划，也申请了创业补贴。（示例暂无视频）',
  },
] as const;
