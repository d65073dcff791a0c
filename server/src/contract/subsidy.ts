import type { BatchPublicity } from './subsidy-publicity';
import type { EnterpriseStatus } from './job';
import type { CollegeId, Degree, DistrictCode } from './reference';
import type { StageLimits, StageProgress } from './subsidy-stages';
import type { OfferMode } from './subsidy-offer';
import { beijingDay } from './time';

/**
 * Subsidy programs are data: eligibility and amount rules in a small
 * declarative format, validated when a program is saved and evaluated by
 * `modules/subsidy/subsidy.rules.ts`.
 */

/** Facts a rule may refer to. Anything else is refused when a program is saved. */
export const SUBSIDY_FACT_FIELDS = [
  'degree',
  'doubleFirstClass',
  'graduationDate',
  'employmentDistrict',
  'districtClass',
  'employedInDalian',
  'socialInsuranceMonths',
  'hardship',
  'age',
  'traineeMonths',
  'businessRegistered',
  'graduatesHired',
  'enterpriseSize',
] as const;
export type SubsidyFactField = (typeof SUBSIDY_FACT_FIELDS)[number];

export const DISTRICT_CLASSES = ['twoCitiesOneCounty', 'other'] as const;
export type DistrictClass = (typeof DISTRICT_CLASSES)[number];

export type FactValue = string | number | boolean;

export const CONDITION_OPS = ['eq', 'in', 'gte', 'lte', 'withinYears'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface RuleCondition {
  field: string;
  op: ConditionOp;
  /** eq: one value; in: a list; gte/lte: a number; withinYears: years since the date field. */
  value: FactValue | FactValue[];
}

export interface AmountTableRow {
  /** Field → required value; the first row whose every entry matches applies. */
  when: Record<string, FactValue>;
  amount: number;
  /** Name of the standard, e.g. 两市一县标准. */
  label: string;
}

export type AmountRule =
  | { kind: 'fixed'; amount: number; label?: string }
  | { kind: 'table'; rows: AmountTableRow[] }
  | { kind: 'monthly'; monthly: number; monthsField: string; maxMonths: number }
  /** Enterprise programs: so much for each graduate hired (listed by name and ID), up to a cap. */
  | { kind: 'perGraduate'; amount: number; maxGraduates: number; label?: string };

export const APPLICANT_KINDS = ['graduate', 'enterprise'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const REVIEW_STAGES = ['college', 'district', 'bureau'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export const REVIEW_STAGE_LABELS: Record<ReviewStage, string> = {
  college: '高校核验',
  district: '区市县审核',
  bureau: '市人社局审批',
};

export const SUBSIDY_DOCUMENT_KINDS = [
  'idCard',
  'diploma',
  'laborContract',
  'socialInsurance',
  'businessLicence',
  'hardshipProof',
  'traineeAgreement',
] as const;
export type SubsidyDocumentKind = (typeof SUBSIDY_DOCUMENT_KINDS)[number];

/** One material of a program's 办事指南: what exactly to bring, and an example to compare with. */
export interface SubsidyGuideMaterial {
  kind: SubsidyDocumentKind;
  /** e.g. 与用人单位签订的劳动合同首页、期限页和签字盖章页. */
  detail: string;
  /** e.g. 合同期限 2025年7月1日至2028年6月30日，甲方为在大连注册的单位. */
  example: string;
}

/** Where an applicant can ask. */
export interface SubsidyGuideContact {
  unit: string;
  phone?: string;
  address?: string;
  hours?: string;
}

/**
 * The words of a program's 办事指南 that its rules cannot say. The conditions the rules check, the
 * amounts, the steps and their time limits are derived from the program itself (never typed twice).
 */
export interface SubsidyGuide {
  /** 申请对象, one sentence. */
  audience: string;
  /** Conditions reviewers check on the documents (the rules cannot), shown after the derived ones. */
  otherConditions: string[];
  /** How the standard applies beyond its figures, e.g. 每个申请年度核发一次. */
  standardNote: string;
  /** Details for the required documents; one per kind at most, only kinds the program requires. */
  materials: SubsidyGuideMaterial[];
  contacts: SubsidyGuideContact[];
}

export interface SubsidyProgramInput {
  name: string;
  /** The policy this program implements (legal basis). */
  legalBasis: string;
  applicantKind: ApplicantKind;
  /** Period label: one application per person per program per period. */
  period: string;
  /** ISO dates; the window is inclusive of both days (Beijing time). */
  opensAt: string;
  closesAt: string;
  requiredDocuments: SubsidyDocumentKind[];
  conditions: RuleCondition[];
  amount: AmountRule;
  workflow: ReviewStage[];
  /** Working days per stage; the defaults when absent (edited on their own page, not with the rules). */
  stageLimits?: StageLimits;
  /** 'auto' (免申即享): offered to graduates whose records qualify, confirmed with one tap. Absent: 'apply'. */
  offerMode?: OfferMode;
  /** Shown to applicants under the program's name. */
  note: string;
  /** The amounts are examples, not a published standard (demo data): pages say so once. */
  exampleAmounts?: boolean;
  /** 办事指南 text; absent: the guide shows only what the rules say. Absent on an update: unchanged. */
  guide?: SubsidyGuide;
  /** Published policy entries (content ids) this program implements: their pages offer 立即办理. Absent on an update: unchanged. */
  policyIds?: string[];
  active: boolean;
}

export interface SubsidyProgram extends SubsidyProgramInput {
  id: string;
  updatedAt: string;
}

export type EligibilityOutcome = 'eligible' | 'ineligible' | 'incomplete';

export interface Eligibility {
  outcome: EligibilityOutcome;
  /** Yuan; present when eligible. */
  amount?: number;
  /** e.g. 本科，毕业2年内，在庄河市就业 → 适用两市一县标准，补助 30000 元 */
  explanation: string;
  /** Why not, one line per failed or unknown condition. */
  reasons: string[];
}

export interface ProgramWithEligibility {
  program: SubsidyProgram;
  eligibility: Eligibility;
  open: boolean;
  /** The facts this program's rules refer to: the form asks for these. */
  fields: SubsidyFactField[];
  /** The amount rule in a few words, e.g. 1000–3000 元 or 每月 1800 元，最高 21600 元. */
  amountSummary: string;
}

/** A step of the procedure with its time limit in working days (the application itself has none). */
export interface SubsidyGuideStep {
  label: string;
  workingDays?: number;
}

/** A program's 办事指南 as anyone reads it. */
export interface SubsidyGuideView {
  programId: string;
  name: string;
  applicantKind: ApplicantKind;
  legalBasis: string;
  policyIds: string[];
  period: string;
  opensAt: string;
  closesAt: string;
  open: boolean;
  /** 申请对象. */
  audience: string;
  /** From the rules, then the guide's other conditions. */
  conditions: string[];
  /** One line per standard, from the amount rule. */
  amounts: string[];
  amountSummary: string;
  exampleAmounts: boolean;
  standardNote: string;
  materials: Array<{ kind: SubsidyDocumentKind; label: string; detail?: string; example?: string }>;
  steps: SubsidyGuideStep[];
  contacts: SubsidyGuideContact[];
  note: string;
}

export const SUBSIDY_STATUSES = ['draft', 'reviewing', 'returned', 'rejected', 'approved', 'paying', 'paid', 'payReturned', 'withdrawn'] as const;
export type SubsidyStatus = (typeof SUBSIDY_STATUSES)[number];

export const SUBSIDY_STATUS_LABELS: Record<SubsidyStatus, string> = {
  draft: '草稿',
  reviewing: '审核中',
  returned: '退回补正',
  rejected: '未通过',
  approved: '待发放',
  paying: '发放中',
  paid: '已发放',
  payReturned: '请更正收款账户',
  withdrawn: '已撤回',
};

/** What the applicant fills in. Everything is optional in a draft and checked on submit. */
export interface SubsidyApplicationForm {
  idNumber?: string;
  graduationDate?: string;
  employmentDistrict?: DistrictCode;
  employerName?: string;
  employerUscc?: string;
  socialInsuranceMonths?: number;
  traineeMonths?: number;
  hardship?: boolean;
  businessRegistered?: boolean;
  bankName?: string;
  bankAccount?: string;
}

export interface SubsidyApplicationInput {
  programId: string;
  form: SubsidyApplicationForm;
  /** true: submit now; false: keep as a draft. */
  submit: boolean;
  /** Must be true to submit: the applicant agrees to CONSENT_TEXT. */
  consent?: boolean;
}

/** A graduate an enterprise hired, as the recruiter enters it: `key` keeps an entry already saved. */
export interface HiredGraduateInput {
  key?: string;
  name?: string;
  idNumber?: string;
}

export interface HiredGraduateView {
  key: string;
  name: string;
  /** Masked. */
  idNumber: string;
}

/**
 * What a recruiter fills in for the enterprise. The enterprise's name, credit code, district and
 * industry come from its record, never from the form.
 */
export interface EnterpriseSubsidyForm {
  socialInsuranceMonths?: number;
  /** Replaces the saved list when present. */
  graduates?: HiredGraduateInput[];
  bankName?: string;
  /** The enterprise's corporate account. */
  bankAccount?: string;
}

export interface EnterpriseSubsidyInput {
  programId: string;
  form: EnterpriseSubsidyForm;
  submit: boolean;
  consent?: boolean;
}

/** The applying enterprise as its record says. */
export interface SubsidyEnterpriseInfo {
  name: string;
  uscc: string;
  district: DistrictCode;
  industry: string;
  size: string;
}

export interface EnterpriseSubsidyOverview {
  enterprise: SubsidyEnterpriseInfo & { id: string; status: EnterpriseStatus };
  programs: ProgramWithEligibility[];
}

export const SUBSIDY_ENTERPRISE_CONSENT_TEXT =
  '本单位承诺所填信息真实有效，同意大连市人力资源和社会保障部门及所在区市县为审核和发放补贴使用本单位的登记信息、对公账户信息及所吸纳毕业生的身份与社保信息，并已告知相关毕业生。';

export const SUBSIDY_CONSENT_TEXT =
  '本人承诺所填信息真实有效，同意大连市人力资源和社会保障部门及所在高校、区市县为审核和发放补贴使用本人的身份、学历、就业、社保和银行账户信息。';

export interface TimelineEntry {
  at: string;
  action:
    | 'saved'
    | 'submitted'
    | 'approved'
    | 'returned'
    | 'rejected'
    | 'resubmitted'
    | 'batched'
    | 'published'
    | 'objected'
    | 'objectionDismissed'
    | 'objectionUpheld'
    | 'paid'
    | 'payFailed'
    | 'accountCorrected'
    | 'withdrawn';
  stage?: ReviewStage;
  actorRole: 'applicant' | 'college' | 'district' | 'bureau';
  reason?: string;
  /** Returns, rejections and bank returns: what the applicant can do now. */
  nextStep?: string;
  /** Reviewer views: who did it (a person's name) and for which unit (a college, a district, the bureau). */
  actorName?: string;
  actorUnit?: string;
}

/** What each step is called where people read it (办理记录, notices). */
export const TIMELINE_ACTION_LABELS: Record<TimelineEntry['action'], string> = {
  saved: '保存草稿',
  submitted: '提交申请',
  approved: '审核通过',
  returned: '退回补正',
  rejected: '不予通过',
  resubmitted: '补正后重新提交',
  batched: '列入发放批次',
  published: '发放前公示',
  objected: '公示收到异议暂缓发放',
  objectionDismissed: '异议不成立恢复发放',
  objectionUpheld: '异议成立不予发放',
  paid: '补贴已发放',
  payFailed: '银行退回待更正账户',
  accountCorrected: '更正收款账户',
  withdrawn: '申请已撤回',
};

export const SUBSIDY_DOCUMENT_LABELS: Record<SubsidyDocumentKind, string> = {
  idCard: '身份证',
  diploma: '毕业证书',
  laborContract: '劳动合同',
  socialInsurance: '社保缴费证明',
  businessLicence: '营业执照',
  hardshipProof: '困难家庭证明',
  traineeAgreement: '见习协议',
};

export interface SubsidyDocumentView {
  id: string;
  kind: SubsidyDocumentKind;
  type: 'pdf' | 'png' | 'jpeg';
  size: number;
  /** Path of the file under the API (signed-in owner or reviewer in scope). */
  url: string;
}

export interface SubsidyApplicationView {
  id: string;
  programId: string;
  programName: string;
  period: string;
  status: SubsidyStatus;
  statusLabel: string;
  stage?: ReviewStage;
  applicantKind: ApplicantKind;
  /** A graduate's name, or the enterprise's name for an enterprise application. */
  applicantName: string;
  /** Enterprise applications: the enterprise as recorded when the application was last saved. */
  enterprise?: SubsidyEnterpriseInfo;
  collegeId?: CollegeId;
  degree?: Degree;
  form: Omit<SubsidyApplicationForm, 'idNumber' | 'bankAccount'> & {
    /** Masked. */
    idNumber?: string;
    /** Masked. */
    bankAccount?: string;
    /** Enterprise applications: the graduates hired, IDs masked. */
    graduates?: HiredGraduateView[];
  };
  documents: SubsidyDocumentView[];
  eligibility: Eligibility;
  amount?: number;
  consentAt?: string;
  timeline: TimelineEntry[];
  submittedAt?: string;
  updatedAt: string;
  /** The stage it waits at against its time limit, with the expected payment day (absent when nobody owes it a step). */
  progress?: StageProgress;
  /** Status `payReturned`: the bank's reason; a corrected account puts it into the next batch. */
  paymentReturn?: { reason: string; at: string };
}

export type SubsidyFlagKind =
  | 'sameIdNumber'
  | 'sameBankAccount'
  | 'samePhone'
  | 'sameDocument'
  | 'employerNotVerified'
  /** Insurance started within N days before applying (挂靠 risk). */
  | 'insuranceRecent'
  /** The employer on the insurance record is not the declared one. */
  | 'insuranceEmployer'
  /** The record's months are short of what the program requires. */
  | 'insuranceMonthsShort'
  /** No insurance record at all. */
  | 'insuranceMissing'
  /** The typed 就业地区 differs from the recorded hire / registry destination. */
  | 'districtDiffers'
  /** The typed employer differs from the recorded hire / registry destination. */
  | 'employerDiffers';

/** The flags from the platform's records (issue 16 §4): approving one at the bureau needs a written reason. */
export const RECORD_FLAG_KINDS: readonly SubsidyFlagKind[] = [
  'insuranceRecent',
  'insuranceEmployer',
  'insuranceMonthsShort',
  'insuranceMissing',
  'districtDiffers',
  'employerDiffers',
];

export interface SubsidyFlag {
  kind: SubsidyFlagKind;
  message: string;
  otherApplicationIds?: string[];
  /** What the application says, and what the platform's records say, both shown to the reviewer. */
  declared?: string;
  recorded?: string;
}

/** What the platform already holds about where a graduate works: the application form starts from it. */
export interface SubsidyPrefill {
  employmentDistrict?: DistrictCode;
  employerName?: string;
  /** Where the facts come from, in words (e.g. 平台录用记录（2026年7月1日）). */
  source?: string;
  /** The graduate's profile: degree and 双一流 are judged from it; the graduation year starts the date. */
  profile?: { degree?: Degree; doubleFirstClass?: boolean; graduationYear?: number; schoolName?: string };
}

export interface SubsidyReviewDetail extends SubsidyApplicationView {
  flags: SubsidyFlag[];
  /** Whether the viewer reviews it at its current stage (and so may decide now); others only look. */
  mayDecide: boolean;
}

export const REVIEW_DECISIONS = ['approve', 'return', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface ReviewDecisionInput {
  decision: ReviewDecision;
  /** Required to return or reject, and to approve a flagged application at the bureau. */
  reason?: string;
  /** Returns: the documents missing or to be replaced; the applicant is told each by name. */
  missingDocuments?: SubsidyDocumentKind[];
}

/** The graduate's corrected receiving account after a bank return. */
export interface AccountCorrectionInput {
  bankName: string;
  bankAccount: string;
}

export const PAYMENT_LINE_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PaymentLineStatus = (typeof PAYMENT_LINE_STATUSES)[number];

export interface PaymentLineView {
  applicationId: string;
  /** The payment attempt (`<application id>#<n>`): the bank file's 业务参考号, settled once. */
  key: string;
  name: string;
  programName: string;
  /** Masked; the full account appears only in the bureau's export file. */
  bankAccount: string;
  amount: number;
  status: PaymentLineStatus;
  reason?: string;
  /** An objection raised during the notice holds this line out of the bank file until the bureau decides. */
  held?: boolean;
}

export interface PaymentTotals {
  count: number;
  total: number;
  paidCount: number;
  paidTotal: number;
  failedCount: number;
  failedTotal: number;
  pendingCount: number;
  pendingTotal: number;
}

export interface PaymentBatchView {
  id: string;
  reference: string;
  status: 'building' | 'open' | 'settled';
  createdAt: string;
  totals: PaymentTotals;
  lines: PaymentLineView[];
  /** 公示: absent until the bureau publishes the batch; the bank file is exported only after it ended. */
  publicity?: BatchPublicity;
}

export interface PaymentBatchPreviewInput {
  /** Only this program's approved applications; all programs when absent. */
  programId?: string;
}

export interface PaymentBatchInput extends PaymentBatchPreviewInput {
  /**
   * The preview's key: the batch is generated only from exactly the lines the bureau saw (409
   * SUBSIDY_BATCH_PREVIEW_STALE otherwise), and repeating the request returns the batch it made.
   */
  previewKey: string;
}

/** Why an application waiting for payment is not in the batch about to be generated. */
export const BATCH_EXCLUSIONS = ['noAccount', 'noAmount', 'overLimit', 'otherProgram', 'payReturned', 'inOpenBatch'] as const;
export type BatchExclusion = (typeof BATCH_EXCLUSIONS)[number];
export const BATCH_EXCLUSION_LABELS: Record<BatchExclusion, string> = {
  noAccount: '缺少收款账户，须申请人补填后再发放',
  noAmount: '补贴金额未核定',
  overLimit: '超出单批上限，留待下一批',
  otherProgram: '属于其他补贴项目，本批未选',
  payReturned: '银行退回，等待申请人更正收款账户',
  inOpenBatch: '已在待回盘的批次中',
};

/** Lines and amount of one group of a preview (a program, a district). */
export interface PaymentBatchGroup {
  key: string;
  name: string;
  count: number;
  total: number;
}

/** What 生成批次 would do, before it is done. */
export interface PaymentBatchPreview {
  previewKey: string;
  programId?: string;
  count: number;
  total: number;
  byProgram: PaymentBatchGroup[];
  byDistrict: PaymentBatchGroup[];
  excluded: Array<{ reason: BatchExclusion; label: string; count: number; total: number }>;
  /** Lines one bank file holds at most. */
  limit: number;
}

export interface PaymentImportResult {
  batch: PaymentBatchView;
  paid: number;
  failed: number;
  /** Lines already settled by an earlier import of the same file. */
  unchanged: number;
}

/** The bank file's name: `补贴发放清单-2026-12-07-BT20261207A1B2C3.xlsx` (the batch's Beijing day and reference). */
export function paymentFileName(batch: { reference: string; createdAt: string | Date }): string {
  return `补贴发放清单-${beijingDay(new Date(batch.createdAt))}-${batch.reference}.xlsx`;
}

/** Column headers of the bank file; the result file must keep 业务参考号 (the attempt key), 金额(元) and add 发放结果. */
export const PAYMENT_COLUMNS = {
  reference: '业务参考号',
  /** The graduate, or the enterprise for an enterprise application. */
  name: '户名',
  idType: '证件类型',
  /** Resident ID, or the enterprise's unified social credit code. */
  idNumber: '证件号码',
  bankName: '开户行',
  bankAccount: '银行账号',
  amount: '金额(元)',
  program: '补贴项目',
  result: '发放结果',
  reason: '失败原因',
} as const;
