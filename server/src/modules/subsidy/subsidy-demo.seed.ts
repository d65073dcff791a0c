import type { SubsidyApplicationForm } from '../../contract/subsidy';
import type { DemoOutcome, DemoTarget } from './subsidy.demo.rules';

/**
 * The demo city's subsidy applications, one per applicant and program, at every stage of the process: the demo
 * graduate 李明 (b-student-dlut) has four of his own (paid, returned for correction, waiting at the district,
 * a housing draft to go on with); the other graduates (user.seed.ts DEMO_CITY_GRADUATE_SEEDS) fill the staff
 * queues and the batches. Employers and reasons are examples.
 */
export interface DemoApplicationSeed {
  /** A demo account (`devAccount`) or one of the demo city's graduates (`graduate` key). */
  applicant: { devAccount: string } | { graduate: string };
  /** The program's seed key (subsidy.seed.ts). */
  program: string;
  target: DemoTarget;
  outcome?: DemoOutcome;
  /** The form as the graduate filled it; the bank card number is `cardBody` with its check digit. */
  form: Omit<SubsidyApplicationForm, 'idNumber' | 'bankAccount'> & { cardBody: string };
}

/** The resident ID the demo graduate 李明 fills in (the account itself carries none). */
export const DEMO_STUDENT_ID_BODY = '21021120040315121';

const EMPLOYED = { graduationDate: '2026-06-30', employmentDistrict: '210211', bankName: '中国工商银行大连分行' } as const;
const HIRED = (employerName: string, socialInsuranceMonths: number) => ({ ...EMPLOYED, employerName, socialInsuranceMonths });
const NOTICE_EMPLOYERS = ['大连港湾物流有限公司（示例）', '大连重工装备制造有限公司（示例）', '大连海创电子科技有限公司（示例）', '大连软件园数据服务有限公司（示例）', '大连城建设计研究院（示例）', '大连智能制造有限公司（示例）'];

export const DEMO_APPLICATION_SEEDS: DemoApplicationSeed[] = [
  // 李明's own: 我的补贴申请 shows several states (the 免申即享 program, 求职创业补贴, is the offers demo's).
  { applicant: { devAccount: 'b-student-dlut' }, program: 'tuition-2026', target: 'paid', form: { ...HIRED('大连星海软件科技有限公司（示例）', 6), cardBody: '622202150000120' } },
  {
    applicant: { devAccount: 'b-student-dlut' },
    program: 'trainee-2026',
    target: 'returned',
    outcome: { at: 'district', reason: '见习协议未加盖见习单位公章，请上传盖章后的协议（示例审核意见）', missingDocuments: ['traineeAgreement'] },
    form: { ...EMPLOYED, traineeMonths: 6, employerName: '大连高新区见习基地（示例）', cardBody: '622202150000120' },
  },
  { applicant: { devAccount: 'b-student-dlut' }, program: 'startup-2026', target: 'at:district', form: { ...EMPLOYED, businessRegistered: true, cardBody: '622202150000120' } },
  // A draft he can go on with: the housing subsidy is there to apply for.
  { applicant: { devAccount: 'b-student-dlut' }, program: 'housing-2026', target: 'draft', form: { ...HIRED('大连星海软件科技有限公司（示例）', 6), cardBody: '622202150000120' } },

  // The city's graduates: the staff queues and batches.
  { applicant: { graduate: 'g01' }, program: 'housing-2026', target: 'draft', form: { ...HIRED('大连港湾物流有限公司（示例）', 4), cardBody: '622202150000101' } },
  { applicant: { graduate: 'g02' }, program: 'housing-2026', target: 'at:college', form: { ...HIRED('大连重工装备制造有限公司（示例）', 5), cardBody: '622202150000102' } },
  { applicant: { graduate: 'g02' }, program: 'tuition-2026', target: 'at:college', form: { ...HIRED('大连重工装备制造有限公司（示例）', 7), cardBody: '622202150000102' } },
  {
    applicant: { graduate: 'g03' },
    program: 'housing-2026',
    target: 'payReturned',
    outcome: { reason: '户名与账号不符（示例银行回盘）' },
    form: { ...HIRED('大连石化新材料有限公司（示例）', 6), cardBody: '622202150000103' },
  },
  { applicant: { graduate: 'g04' }, program: 'housing-2026', target: 'at:district', form: { ...HIRED('大连城建设计研究院（示例）', 8), cardBody: '622202150000104' } },
  { applicant: { graduate: 'g04' }, program: 'tuition-2026', target: 'paid', form: { ...HIRED('大连城建设计研究院（示例）', 8), cardBody: '622202150000104' } },
  { applicant: { graduate: 'g05' }, program: 'housing-2026', target: 'at:bureau', form: { ...HIRED('大连海创电子科技有限公司（示例）', 6), cardBody: '622202150000105' } },
  {
    applicant: { graduate: 'g06' },
    program: 'housing-2026',
    target: 'returned',
    outcome: { at: 'district', reason: '劳动合同未写明工作地点，请补充（示例审核意见）', missingDocuments: ['laborContract'] },
    form: { ...HIRED('大连软件园数据服务有限公司（示例）', 3), cardBody: '622202150000106' },
  },
  {
    applicant: { graduate: 'g07' },
    program: 'housing-2026',
    target: 'rejected',
    outcome: { at: 'bureau', reason: '社保缴费地为沈阳市，不符合“在大连就业”的条件（示例审核意见）' },
    form: { ...HIRED('大连新材料研究所（示例）', 9), cardBody: '622202150000107' },
  },
  { applicant: { graduate: 'g08' }, program: 'housing-2026', target: 'approved', form: { ...HIRED('大连创意设计有限公司（示例）', 5), cardBody: '622202150000108' } },
  { applicant: { graduate: 'g09' }, program: 'housing-2026', target: 'paying', form: { ...HIRED('大连港口集团管理咨询部（示例）', 7), cardBody: '622202150000109' } },
  { applicant: { graduate: 'g10' }, program: 'housing-2026', target: 'at:college', form: { ...HIRED('大连远洋航运有限公司（示例）', 4), cardBody: '622202150000110' } },
  { applicant: { graduate: 'g11' }, program: 'tuition-2026', target: 'at:college', form: { ...HIRED('大连金融服务中心（示例）', 6), cardBody: '622202150000111' } },
  { applicant: { graduate: 'g12' }, program: 'housing-2026', target: 'paid', form: { ...HIRED('大连智能制造有限公司（示例）', 6), cardBody: '622202150000112' } },

  // The running 公示's other lines: graduates n01…n64 (user.seed.ts DEMO_NOTICE_GRADUATE_SEEDS), approved and batched,
  // so the notice lists enough people to page through.
  ...Array.from({ length: 64 }, (_, i): DemoApplicationSeed => ({
    applicant: { graduate: `n${String(i + 1).padStart(2, '0')}` },
    program: 'housing-2026',
    target: 'paying',
    form: { ...HIRED(NOTICE_EMPLOYERS[i % NOTICE_EMPLOYERS.length], 3 + (i % 10)), cardBody: `622202150002${String(i).padStart(3, '0')}` },
  })),
];
