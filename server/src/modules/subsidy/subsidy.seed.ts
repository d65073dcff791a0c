import type { SubsidyGuideContact, SubsidyProgramInput } from '../../contract/subsidy';

export interface SubsidyProgramSeed extends Omit<SubsidyProgramInput, 'policyIds'> {
  seedKey: string;
  /** Seed keys of the policy entries (content.seed.ts) the program implements. */
  policySeedKeys?: string[];
}

/**
 * The plan sets no figures: every demo amount is an example (`exampleAmounts`, said once on each page).
 * Contacts are the public 12333 line and the offices by role, no invented numbers.
 */
const HOTLINE: SubsidyGuideContact = { unit: '大连市人力资源和社会保障服务热线', phone: '12333' };
const DISTRICT_OFFICE: SubsidyGuideContact = { unit: '就业所在区市县人力资源和社会保障局（就业服务中心）窗口' };
const COLLEGE_OFFICE: SubsidyGuideContact = { unit: '毕业院校就业指导中心（大连高校毕业生）' };
const ONCE_A_PERIOD = '每人每个申请年度限申请一次，审批通过后纳入发放批次，转入本人名下银行卡。';

const ID_CARD = { kind: 'idCard', detail: '本人居民身份证正反面照片或扫描件，信息清晰完整。', example: '正反面拍在同一张图片上，四角完整、无反光。' } as const;
const DIPLOMA = {
  kind: 'diploma',
  detail: '毕业证书照片或扫描件；境外学历另附教育部留学服务中心学历学位认证书。',
  example: '证书上的姓名、毕业时间和证书编号可以看清，可在学信网核验。',
} as const;
const LABOR_CONTRACT = {
  kind: 'laborContract',
  detail: '与在大连注册的用人单位签订的劳动合同：首页、合同期限页和双方签字盖章页。',
  example: '合同期限 2025年7月1日至2028年6月30日，甲方盖章与单位名称一致。',
} as const;
const SOCIAL_INSURANCE = {
  kind: 'socialInsurance',
  detail: '在大连缴纳城镇职工社会保险的缴费证明（个人权益记录或缴费明细）。',
  example: '可在“辽事通”或大连人社网上服务大厅下载个人参保缴费明细，显示缴费单位和连续缴费月份。',
} as const;
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
        { when: { degree: 'doctor' }, amount: 3000, label: '博士标准' },
        { when: { degree: 'master' }, amount: 2000, label: '硕士标准' },
        { when: { degree: 'bachelor' }, amount: 1000, label: '本科标准' },
      ],
    },
    workflow: standardFlow,
    note: '',
    exampleAmounts: true,
    policySeedKeys: ['plan-a6-housing-tuition'],
    guide: {
      audience: '毕业2年内、在大连就业并参加社会保险的全日制本科及以上学历高校毕业生。',
      otherConditions: ['与在大连注册的用人单位签订1年以上劳动合同'],
      standardNote: `按学历分档，${ONCE_A_PERIOD}`,
      materials: [ID_CARD, DIPLOMA, LABOR_CONTRACT, SOCIAL_INSURANCE],
      contacts: [HOTLINE, DISTRICT_OFFICE, COLLEGE_OFFICE],
    },
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
        { when: { doubleFirstClass: true, districtClass: 'twoCitiesOneCounty' }, amount: 30000, label: '双一流·两市一县标准' },
        { when: { doubleFirstClass: true }, amount: 20000, label: '双一流标准' },
        { when: { districtClass: 'twoCitiesOneCounty' }, amount: 15000, label: '两市一县标准' },
        { when: { districtClass: 'other' }, amount: 8000, label: '一般标准' },
      ],
    },
    workflow: standardFlow,
    note: '',
    exampleAmounts: true,
    policySeedKeys: ['plan-a6-housing-tuition'],
    guide: {
      audience: '毕业2年内、在大连稳定就业并连续缴纳社会保险满6个月的高校毕业生（含专科）。',
      otherConditions: ['“双一流”高校以教育部公布的名单为准', '“两市一县”指瓦房店市、庄河市、长海县'],
      standardNote: `“双一流”高校毕业生和在“两市一县”就业的毕业生适用提高后的标准，只适用一档（就高）。${ONCE_A_PERIOD}`,
      materials: [ID_CARD, DIPLOMA, LABOR_CONTRACT],
      contacts: [HOTLINE, DISTRICT_OFFICE, COLLEGE_OFFICE],
    },
    active: true,
  },
  {
    seedKey: 'job-search-2026',
    name: '困难毕业生求职创业补贴',
    legalBasis: `${BASIS} 行动七：特殊群体帮扶`,
    applicantKind: 'graduate',
    ...window,
    // 免申即享: the registry's 困难家庭 flag (reported by the college) and graduation decide it; nothing to upload.
    requiredDocuments: [],
    conditions: [
      { field: 'hardship', op: 'eq', value: true },
      { field: 'graduationDate', op: 'withinYears', value: 1 },
    ],
    amount: { kind: 'fixed', amount: 1500, label: '一次性求职补贴' },
    // The college verifies the 困难 flag it reported, the bureau approves: a graduate still looking for work has no
    // district to review them (and the one tap could not name one).
    workflow: ['college', 'bureau'],
    offerMode: 'auto',
    note: '',
    exampleAmounts: true,
    policySeedKeys: ['plan-a7-hardship'],
    guide: {
      audience: '毕业1年内的就业困难家庭、零就业家庭、低保家庭等困难家庭高校毕业生。',
      otherConditions: ['困难家庭以毕业院校报送毕业生实名库时登记的困难类别为准；登记有误的，请联系毕业院校就业指导中心更正'],
      standardNote: `一次性发放。免申即享：无需申请，符合条件的在“我的补贴申请”收到提醒，一键确认后进入审核。${ONCE_A_PERIOD}`,
      materials: [],
      contacts: [HOTLINE, DISTRICT_OFFICE, COLLEGE_OFFICE],
    },
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
    note: '',
    exampleAmounts: true,
    policySeedKeys: ['plan-a2-traineeship'],
    guide: {
      audience: '毕业2年内、35周岁以下，在大连认定的见习基地参加就业见习的高校毕业生。',
      otherConditions: ['见习单位须为市、区市县人社部门认定的就业见习基地'],
      standardNote: '按实际见习月数计算，见习期满或提前留用后申请。',
      materials: [
        ID_CARD,
        {
          kind: 'traineeAgreement',
          detail: '与见习基地签订的见习协议，写明见习岗位、起止时间和见习单位盖章。',
          example: '见习期 2026年3月1日至2026年8月31日（6个月），见习岗位：行政助理。',
        },
      ],
      contacts: [HOTLINE, DISTRICT_OFFICE],
    },
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
    amount: { kind: 'fixed', amount: 10000, label: '一次性创业补贴' },
    workflow: ['district', 'bureau'],
    note: '',
    exampleAmounts: true,
    policySeedKeys: ['plan-a5-startup'],
    guide: {
      audience: '毕业5年内在大连首次创办小微企业或从事个体经营、并担任法定代表人或负责人的高校毕业生。',
      otherConditions: ['创业实体在大连登记注册并正常经营'],
      standardNote: '一次性发放，同一创业实体只能享受一次。',
      materials: [
        ID_CARD,
        {
          kind: 'businessLicence',
          detail: '创业实体的营业执照（副本）照片，法定代表人或经营者为申请人本人。',
          example: '营业执照上的统一社会信用代码、登记机关为大连市或所辖区市县市场监管部门。',
        },
      ],
      contacts: [HOTLINE, DISTRICT_OFFICE],
    },
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
    amount: { kind: 'perGraduate', amount: 1500, maxGraduates: 20, label: '吸纳就业补贴' },
    workflow: ['district', 'bureau'],
    note: '',
    exampleAmounts: true,
    policySeedKeys: ['plan-a3-hiring-subsidy'],
    guide: {
      audience: '招用毕业年度高校毕业生、签订1年以上劳动合同并为其缴纳社会保险的小微企业。',
      otherConditions: ['所列毕业生须为毕业年度高校毕业生，且与本单位签订1年以上劳动合同'],
      standardNote: '按吸纳的毕业生人数计算，同一毕业生只能由一家单位申请一次。',
      materials: [
        {
          kind: 'businessLicence',
          detail: '本单位营业执照（副本）照片。',
          example: '单位名称、统一社会信用代码与平台登记的企业信息一致。',
        },
        {
          kind: 'laborContract',
          detail: '与所列每名毕业生签订的劳动合同首页、期限页和签字盖章页，可合并为一个PDF。',
          example: '合同期限1年以上，如 2026年7月1日至2027年6月30日。',
        },
        {
          kind: 'socialInsurance',
          detail: '单位为所列毕业生缴纳社会保险的缴费明细。',
          example: '从单位社保网上服务系统导出的参保人员缴费明细，标出所列毕业生。',
        },
      ],
      contacts: [HOTLINE, DISTRICT_OFFICE],
    },
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
    note: '',
    exampleAmounts: true,
    policySeedKeys: ['plan-a6-social-insurance'],
    guide: {
      audience: '吸纳高校毕业生就业并为其缴纳社会保险的用人单位。',
      otherConditions: ['补贴单位为毕业生实际缴纳的社会保险（不含个人缴纳部分）'],
      standardNote: '按单位为毕业生实际缴费的月数计算。',
      materials: [
        {
          kind: 'businessLicence',
          detail: '本单位营业执照（副本）照片。',
          example: '单位名称、统一社会信用代码与平台登记的企业信息一致。',
        },
        {
          kind: 'socialInsurance',
          detail: '单位为所列毕业生缴纳社会保险的缴费明细，覆盖申请的月份。',
          example: '2026年1月至6月的单位缴费明细，共6个月。',
        },
      ],
      contacts: [HOTLINE, DISTRICT_OFFICE],
    },
    active: true,
  },
];
