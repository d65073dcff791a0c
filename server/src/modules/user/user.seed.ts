import type { Role, StaffScope } from '../../contract/roles';
import type { StudentProfile } from '../../contract/user';

/** Demo accounts for the h5 build's 体验账号 login; one or more per role. */
export interface DemoUserSeed {
  devAccount: string;
  nickname: string;
  description: string;
  roles: Role[];
  scope?: StaffScope;
  profile?: Partial<StudentProfile>;
  /** Attach the seeded enterprise of this key (recruiters). */
  enterprise?: string;
}

/** A demo graduate account seeded by another module's demo (the rows live beside that demo). */
export interface DemoGraduateSeed {
  devAccount: string;
  nickname: string;
  description: string;
  profile: StudentProfile;
  /** Fictional, with a valid check digit. */
  idNumber: string;
}

export const DEMO_USER_SEEDS: DemoUserSeed[] = [
  {
    devAccount: 'a-student-new',
    nickname: '新同学',
    description: '刚注册的毕业生，个人资料尚未完善',
    roles: ['student'],
  },
  {
    devAccount: 'b-student-dlut',
    nickname: '李明',
    description: '大连理工大学 软件工程 本科 2026届，资料已完善',
    roles: ['student'],
    profile: {
      name: '李明',
      collegeId: 'dlut',
      schoolName: '大连理工大学',
      doubleFirstClass: true,
      degree: 'bachelor',
      major: '软件工程',
      graduationYear: 2026,
      originProvince: '辽宁省',
      originCity: '大连市',
      intentionDistricts: ['hitech', '210211'],
      intentionText: '软件开发',
    },
  },
  {
    devAccount: 'c-recruiter',
    nickname: '星海软件 张经理',
    description: '企业招聘者：大连星海软件科技有限公司（示例）',
    roles: ['recruiter'],
    enterprise: 'demo-ent-software',
  },
  {
    devAccount: 'c2-recruiter-new',
    nickname: '新招聘者 刘女士',
    description: '企业招聘者：尚未登记企业（体验企业登记与审核）',
    roles: ['recruiter'],
  },
  {
    devAccount: 'd-college',
    nickname: '大连理工大学就业指导中心',
    description: '高校工作人员：大连理工大学',
    roles: ['college'],
    scope: { collegeId: 'dlut' },
  },
  {
    devAccount: 'e-district',
    nickname: '甘井子区人社局',
    description: '区市县工作人员：甘井子区',
    roles: ['district'],
    scope: { districtCode: '210211' },
  },
  {
    devAccount: 'f-bureau',
    nickname: '市人社局就业促进处',
    description: '市人社局工作人员：全市',
    roles: ['bureau'],
  },
  {
    devAccount: 'g-admin',
    nickname: '平台管理员',
    description: '平台运营：用户与角色、基础数据',
    roles: ['admin'],
  },
];

/**
 * Other graduates of the demo city (no demo login): their subsidy applications stand at every stage of the
 * process in the staff queues and batches. Kept by their (generated, valid) resident ID; names are examples.
 */
export interface DemoCityGraduateSeed {
  key: string;
  /** The first 17 digits of the resident ID (region 210211, birth date, sequence); the check character is computed. */
  idBody: string;
  profile: Partial<StudentProfile> & Pick<StudentProfile, 'name'>;
}

const DLUT = { collegeId: 'dlut', schoolName: '大连理工大学', doubleFirstClass: true, graduationYear: 2026 } as const;
const DLMU = { collegeId: 'dlmu', schoolName: '大连海事大学', doubleFirstClass: true, graduationYear: 2026 } as const;
const DUFE = { collegeId: 'dufe', schoolName: '东北财经大学', doubleFirstClass: false, graduationYear: 2026 } as const;

export const DEMO_CITY_GRADUATE_SEEDS: DemoCityGraduateSeed[] = [
  { key: 'g01', idBody: '21021120030412101', profile: { ...DLUT, name: '王晓雨', degree: 'bachelor', major: '计算机科学与技术' } },
  { key: 'g02', idBody: '21021120020918102', profile: { ...DLUT, name: '陈思远', degree: 'master', major: '机械工程' } },
  { key: 'g03', idBody: '21021120040127103', profile: { ...DLUT, name: '刘佳怡', degree: 'bachelor', major: '化学工程与工艺' } },
  { key: 'g04', idBody: '21021120011105104', profile: { ...DLUT, name: '赵子豪', degree: 'master', major: '土木工程' } },
  { key: 'g05', idBody: '21021120030630105', profile: { ...DLUT, name: '孙雨桐', degree: 'bachelor', major: '电子信息工程' } },
  { key: 'g06', idBody: '21021120020214106', profile: { ...DLUT, name: '周浩然', degree: 'bachelor', major: '软件工程' } },
  { key: 'g07', idBody: '21021120000822107', profile: { ...DLUT, name: '吴欣然', degree: 'doctor', major: '材料科学与工程' } },
  { key: 'g08', idBody: '21021120030303108', profile: { ...DLUT, name: '郑博文', degree: 'bachelor', major: '工业设计' } },
  { key: 'g09', idBody: '21021120021119109', profile: { ...DLUT, name: '马诗涵', degree: 'master', major: '管理科学与工程' } },
  { key: 'g10', idBody: '21021120031008110', profile: { ...DLMU, name: '黄宇航', degree: 'bachelor', major: '航海技术' } },
  { key: 'g11', idBody: '21021120020501111', profile: { ...DUFE, name: '林可欣', degree: 'master', major: '会计学' } },
  { key: 'g12', idBody: '21021120040720112', profile: { ...DLUT, name: '何俊杰', degree: 'bachelor', major: '金融学' } },
];

const NOTICE_FAMILY_NAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林'];
const NOTICE_GIVEN_NAMES = ['子涵', '一诺', '浩宇', '欣怡', '梓萱', '宇轩', '思彤', '俊熙', '雨泽', '佳琪', '明轩', '诗琪', '博涛', '语桐', '嘉怡', '文博'];
const NOTICE_MAJORS = ['计算机科学与技术', '机械工程', '土木工程', '电子信息工程', '会计学', '化学工程与工艺', '软件工程', '金融学'];

/**
 * 大连理工大学 graduates n01…n64 whose housing subsidies fill the demo's running 公示 (subsidy-demo.seed.ts names
 * the same keys): enough lines that the notice pages. Names are made up from common ones, no two alike.
 */
export const DEMO_NOTICE_GRADUATE_SEEDS: DemoCityGraduateSeed[] = Array.from({ length: 64 }, (_, i) => {
  const k = Math.floor(i / NOTICE_FAMILY_NAMES.length);
  const name = `${NOTICE_FAMILY_NAMES[i % NOTICE_FAMILY_NAMES.length]}${NOTICE_GIVEN_NAMES[(i + 3 * k) % NOTICE_GIVEN_NAMES.length]}`;
  const birth = `${2001 + (i % 4)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 27) + 1).padStart(2, '0')}`;
  return {
    key: `n${String(i + 1).padStart(2, '0')}`,
    idBody: `210211${birth}2${String(i).padStart(2, '0')}`,
    profile: { ...DLUT, name, degree: i % 3 === 0 ? 'master' : 'bachelor', major: NOTICE_MAJORS[i % NOTICE_MAJORS.length] },
  };
});
