import type { SubsidyProgramInput } from '../../contract/subsidy';

export interface SubsidyProgramSeed extends SubsidyProgramInput {
  seedKey: string;
}

const EXAMPLE = '示例金额：方案未规定具体标准，以下金额仅用于演示，以正式文件为准。';
const BASIS = '《推进高校毕业生“留连来连”就业创业“十大行动”工作方案》';
const window = { period: '2026', opensAt: '2026-01-01', closesAt: '2026-12-31' } as const;
const standardFlow: SubsidyProgramInput['workflow'] = ['college', 'district', 'bureau'];

/** Demo programs for actions 2, 3, 5, 6 and 7. Every amount here is an example amount. */
export const SUBSIDY_PROGRAM_SEEDS: SubsidyProgramSeed[] = [
  {
    seedKey: 'housing-2026',
    name: '高校毕业生住房补贴',
    legalBasis: `${BASIS} 行动六：入连引才聚才`,
    applicantKind: 'graduate',
    ...window,
    requiredDocuments: ['idCard', 'diploma', 'laborContract', 'socialInsurance'],
    conditions: [
      { field: 'degree', op: 'in', value: ['bachelor', 'master', 'doctor'] },
      { field: 'graduationDate', op: 'withinYears', value: 2 },
      { field: 'employedInDalian', op: 'eq', value: true },
      { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
    ],
    amount: {
      kind: 'table',
      rows: [
        { when: { degree: 'doctor' }, amount: 3000, label: '博士标准（示例金额，每月）' },
        { when: { degree: 'master' }, amount: 2000, label: '硕士标准（示例金额，每月）' },
        { when: { degree: 'bachelor' }, amount: 1000, label: '本科标准（示例金额，每月）' },
      ],
    },
    workflow: standardFlow,
    note: EXAMPLE,
    active: true,
  },
  {
    seedKey: 'tuition-2026',
    name: '高校毕业生学费补助',
    legalBasis: `${BASIS} 行动六：对“双一流”高校毕业生和在“两市一县”就业的毕业生提高学费补助标准`,
    applicantKind: 'graduate',
    ...window,
    requiredDocuments: ['idCard', 'diploma', 'laborContract'],
    conditions: [
      { field: 'degree', op: 'in', value: ['associate', 'bachelor', 'master', 'doctor'] },
      { field: 'graduationDate', op: 'withinYears', value: 2 },
      { field: 'employedInDalian', op: 'eq', value: true },
      { field: 'socialInsuranceMonths', op: 'gte', value: 6 },
    ],
    amount: {
      kind: 'table',
      rows: [
        { when: { doubleFirstClass: true, districtClass: 'twoCitiesOneCounty' }, amount: 30000, label: '双一流·两市一县标准（示例金额）' },
        { when: { doubleFirstClass: true }, amount: 20000, label: '双一流标准（示例金额）' },
        { when: { districtClass: 'twoCitiesOneCounty' }, amount: 15000, label: '两市一县标准（示例金额）' },
        { when: { districtClass: 'other' }, amount: 8000, label: '一般标准（示例金额）' },
      ],
    },
    workflow: standardFlow,
    note: EXAMPLE,
    active: true,
  },
  {
    seedKey: 'job-search-2026',
    name: '困难毕业生求职创业补贴',
    legalBasis: `${BASIS} 行动七：特殊群体帮扶`,
    applicantKind: 'graduate',
    ...window,
    requiredDocuments: ['idCard', 'hardshipProof'],
    conditions: [
      { field: 'hardship', op: 'eq', value: true },
      { field: 'graduationDate', op: 'withinYears', value: 1 },
    ],
    amount: { kind: 'fixed', amount: 1500, label: '一次性求职补贴（示例金额）' },
    workflow: standardFlow,
    note: EXAMPLE,
    active: true,
  },
  {
    seedKey: 'trainee-2026',
    name: '就业见习补贴',
    legalBasis: `${BASIS} 行动二：就业能力提升（见习岗位）`,
    applicantKind: 'graduate',
    ...window,
    requiredDocuments: ['idCard', 'traineeAgreement'],
    conditions: [
      { field: 'graduationDate', op: 'withinYears', value: 2 },
      { field: 'age', op: 'lte', value: 35 },
    ],
    amount: { kind: 'monthly', monthly: 1800, monthsField: 'traineeMonths', maxMonths: 12 },
    workflow: ['district', 'bureau'],
    note: `${EXAMPLE}见习补贴按见习月数计算，每月金额为示例。`,
    active: true,
  },
  {
    seedKey: 'startup-2026',
    name: '一次性创业补贴',
    legalBasis: `${BASIS} 行动五：创业创新扶持`,
    applicantKind: 'graduate',
    ...window,
    requiredDocuments: ['idCard', 'businessLicence'],
    conditions: [
      { field: 'graduationDate', op: 'withinYears', value: 5 },
      { field: 'businessRegistered', op: 'eq', value: true },
      { field: 'employedInDalian', op: 'eq', value: true },
    ],
    amount: { kind: 'fixed', amount: 10000, label: '一次性创业补贴（示例金额）' },
    workflow: ['district', 'bureau'],
    note: EXAMPLE,
    active: true,
  },
  {
    seedKey: 'employer-hiring-2026',
    name: '小微企业吸纳就业补贴',
    legalBasis: `${BASIS} 行动三：扩岗增容`,
    applicantKind: 'enterprise',
    ...window,
    requiredDocuments: ['businessLicence', 'laborContract', 'socialInsurance'],
    conditions: [
      { field: 'enterpriseSize', op: 'in', value: ['20人以下', '20-99人'] },
      { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
    ],
    amount: { kind: 'perGraduate', amount: 1500, maxGraduates: 20, label: '吸纳就业补贴（示例金额）' },
    workflow: ['district', 'bureau'],
    note: EXAMPLE,
    active: true,
  },
  {
    seedKey: 'social-insurance-2026',
    name: '企业吸纳毕业生社保补贴',
    legalBasis: `${BASIS} 行动六：鼓励企业吸纳更多毕业生就业，给予社保补贴`,
    applicantKind: 'enterprise',
    ...window,
    requiredDocuments: ['businessLicence', 'socialInsurance'],
    conditions: [
      { field: 'graduatesHired', op: 'gte', value: 1 },
      { field: 'socialInsuranceMonths', op: 'gte', value: 1 },
    ],
    amount: { kind: 'monthly', monthly: 800, monthsField: 'socialInsuranceMonths', maxMonths: 12 },
    workflow: ['district', 'bureau'],
    note: EXAMPLE,
    active: true,
  },
];
