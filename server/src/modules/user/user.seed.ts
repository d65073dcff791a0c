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
