import type { HardshipFlag } from '../../contract/registry';
import type { StudentProfile } from '../../contract/user';

/** The 免申即享 demo program (subsidy.seed.ts): 困难毕业生求职创业补贴, decided by the registry's 困难家庭 flag. */
export const OFFER_DEMO_PROGRAM = 'job-search-2026';

/** What a demo graduate does with the offer the match gives them. */
export type OfferDemoStep = 'keep' | 'confirm' | 'decline';

export interface OfferDemoGraduate {
  devAccount: string;
  nickname: string;
  description: string;
  profile: StudentProfile;
  /** Fictional, with a valid check digit. */
  idNumber: string;
  hardship: HardshipFlag[];
  step: OfferDemoStep;
}

const profile = (name: string, major: string): StudentProfile => ({
  name,
  collegeId: 'dlut',
  schoolName: '大连理工大学',
  doubleFirstClass: true,
  degree: 'bachelor',
  major,
  graduationYear: 2026,
  originProvince: '辽宁省',
  originCity: '大连市',
  intentionDistricts: [],
  intentionText: '',
});

/**
 * Three demo graduates of the 2026 registry whose college reported a 困难家庭 flag (invented people, fictional ID
 * numbers): the match offers each the demo program; one keeps it open (log in as them to try 一键确认), one has
 * confirmed (an application in review), one chose 不需要. The demo city's generated registry adds more, offered.
 */
export const OFFER_DEMO_GRADUATES: OfferDemoGraduate[] = [
  {
    devAccount: 'h1-graduate-offer',
    nickname: '王悦',
    description: '大连理工大学 2026届，困难家庭登记：有一条“免申即享”提醒待确认',
    profile: profile('王悦', '机械工程'),
    idNumber: '21021120040315801X',
    hardship: ['low-income'],
    step: 'keep',
  },
  {
    devAccount: 'h2-graduate-confirmed',
    nickname: '赵航',
    description: '大连理工大学 2026届：已一键确认“免申即享”提醒，申请审核中',
    profile: profile('赵航', '土木工程'),
    idNumber: '210283200311228027',
    hardship: ['zero-employment'],
    step: 'confirm',
  },
  {
    devAccount: 'h3-graduate-declined',
    nickname: '孙宁',
    description: '大连理工大学 2026届：对“免申即享”提醒选择了“不需要”',
    profile: profile('孙宁', '电气工程及其自动化'),
    idNumber: '210202200407085034',
    hardship: ['low-income'],
    step: 'decline',
  },
];

/** The confirming graduate's receiving account (a test card number with a valid check digit). */
export const OFFER_DEMO_ACCOUNT = { bankName: '中国工商银行大连分行', bankAccount: '6222021234567890128' };
