import type { SubsidyProgramInput } from '../../../server/src/contract/subsidy';
import {
  ageOn,
  districtClassOf,
  evaluate,
  factsOf,
  lastDayWithin,
  nextStage,
  paymentTotals,
  programProblems,
  readPaymentResult,
  referencedFields,
  stagesFor,
  type FactSources,
} from '../../../server/src/modules/subsidy/subsidy.rules';
import { SUBSIDY_PROGRAM_SEEDS } from '../../../server/src/modules/subsidy/subsidy.seed';
import { residentId } from '../support/factories';

const TODAY = '2026-06-30';
const program = (key: string): SubsidyProgramInput => {
  const found = SUBSIDY_PROGRAM_SEEDS.find(p => p.seedKey === key);
  if (!found) throw new Error(`no seed ${key}`);
  return found;
};
const run = (key: string, src: FactSources, today = TODAY) => evaluate(program(key), factsOf(src, today), today);

const graduate: FactSources = {
  degree: 'bachelor',
  doubleFirstClass: false,
  graduationDate: '2025-06-30',
  employmentDistrict: '210202',
  socialInsuranceMonths: 6,
};

describe('demo programs are valid data', () => {
  it.each(SUBSIDY_PROGRAM_SEEDS.map(p => [p.seedKey, p] as const))('%s has no rule problems', (_key, p) => {
    expect(programProblems(p)).toEqual([]);
  });

  it('marks every demo program as having example amounts, said once per page rather than on each standard', () => {
    for (const p of SUBSIDY_PROGRAM_SEEDS) {
      expect(p.exampleAmounts).toBe(true);
      expect(JSON.stringify(p.amount)).not.toContain('示例');
    }
  });
});

describe('housing subsidy', () => {
  it.each([
    ['bachelor graduating exactly 2 years ago today', { graduationDate: '2024-06-30' }, 'eligible', 1000],
    ['bachelor graduating 2 years and 1 day ago', { graduationDate: '2024-06-29' }, 'ineligible', undefined],
    ['master', { degree: 'master' }, 'eligible', 2000],
    ['doctor', { degree: 'doctor' }, 'eligible', 3000],
    ['associate degree', { degree: 'associate' }, 'ineligible', undefined],
    ['social insurance 3 months (the minimum)', { socialInsuranceMonths: 3 }, 'eligible', 1000],
    ['social insurance 2 months', { socialInsuranceMonths: 2 }, 'ineligible', undefined],
    ['not yet told where they work', { employmentDistrict: undefined }, 'incomplete', undefined],
    ['graduation date in the future', { graduationDate: '2026-07-01' }, 'ineligible', undefined],
  ] as const)('%s → %s', (_name, change, outcome, amount) => {
    const r = run('housing-2026', { ...graduate, ...change });
    expect(r.outcome).toBe(outcome);
    expect(r.amount).toBe(amount);
  });

  it('should say why not, in Chinese', () => {
    const r = run('housing-2026', { ...graduate, degree: 'associate', socialInsuranceMonths: 1 });
    expect(r.reasons).toEqual(['学历须为本科、硕士研究生、博士研究生', '社保缴纳月数须不少于3个月']);
  });
});

describe('tuition subsidy: 双一流 and 两市一县 standards', () => {
  it.each([
    ['本科 in 中山区', { employmentDistrict: '210202' }, 8000, '一般标准'],
    ['本科 in 庄河市 (两市一县)', { employmentDistrict: '210283' }, 15000, '两市一县标准'],
    ['本科 in 瓦房店市 (两市一县)', { employmentDistrict: '210281' }, 15000, '两市一县标准'],
    ['本科 in 长海县 (两市一县)', { employmentDistrict: '210224' }, 15000, '两市一县标准'],
    ['本科 in 金普新区 (not 两市一县)', { employmentDistrict: 'jinpu' }, 8000, '一般标准'],
    ['双一流 in 中山区', { doubleFirstClass: true }, 20000, '双一流标准'],
    ['双一流 in 庄河市', { doubleFirstClass: true, employmentDistrict: '210283' }, 30000, '双一流·两市一县标准'],
    ['专科 in 长海县', { degree: 'associate', employmentDistrict: '210224' }, 15000, '两市一县标准'],
  ] as const)('%s → %d', (_name, change, amount, label) => {
    const r = run('tuition-2026', { ...graduate, ...change });
    expect(r.outcome).toBe('eligible');
    expect(r.amount).toBe(amount);
    expect(r.explanation).toContain(label);
  });

  it('should explain the standard it applied', () => {
    const r = run('tuition-2026', { ...graduate, graduationDate: '2025-06-30', employmentDistrict: '210283' });
    expect(r.explanation).toBe('本科，毕业2年内，在庄河市就业，社保缴纳6个月 → 适用两市一县标准，补贴 15000 元');
  });

  it.each([
    ['exactly at the limit', '2024-06-30', 'eligible'],
    ['one day past the limit', '2024-06-29', 'ineligible'],
  ] as const)('graduation date %s → %s', (_n, graduationDate, outcome) => {
    expect(run('tuition-2026', { ...graduate, graduationDate }).outcome).toBe(outcome);
  });

  it('needs six months of social insurance', () => {
    expect(run('tuition-2026', { ...graduate, socialInsuranceMonths: 5 }).outcome).toBe('ineligible');
  });
});

describe('job-search subsidy for hardship graduates', () => {
  it.each([
    ['hardship, graduated exactly 1 year ago', { hardship: true, graduationDate: '2025-06-30' }, 'eligible', 1500],
    ['hardship, graduated 1 year and 1 day ago', { hardship: true, graduationDate: '2025-06-29' }, 'ineligible', undefined],
    ['not hardship', { hardship: false, graduationDate: '2026-06-01' }, 'ineligible', undefined],
    ['hardship unknown', { graduationDate: '2026-06-01' }, 'incomplete', undefined],
  ] as const)('%s → %s', (_n, change, outcome, amount) => {
    const r = run('job-search-2026', { ...graduate, ...change });
    expect(r.outcome).toBe(outcome);
    expect(r.amount).toBe(amount);
  });

  it('should say it is only for hardship graduates', () => {
    expect(run('job-search-2026', { ...graduate, hardship: false }).reasons).toContain('仅限困难家庭毕业生');
  });
});

describe('trainee subsidy: monthly × months, capped', () => {
  it.each([
    ['6 months', 6, 10800],
    ['12 months (the cap)', 12, 21600],
    ['15 months is capped at 12', 15, 21600],
  ] as const)('%s → %d', (_n, traineeMonths, amount) => {
    const r = run('trainee-2026', { ...graduate, traineeMonths, idNumber: residentId('2000-01-01') });
    expect(r.amount).toBe(amount);
    expect(r.explanation).toContain('每月 1800 元');
  });

  it.each([
    ['35 on the day', '1991-06-30', 'eligible'],
    ['36 on the day', '1990-06-30', 'ineligible'],
    ['turns 36 tomorrow', '1990-07-01', 'eligible'],
  ] as const)('age %s → %s', (_n, birth, outcome) => {
    expect(run('trainee-2026', { ...graduate, traineeMonths: 3, idNumber: residentId(birth) }).outcome).toBe(outcome);
  });

  it('is incomplete without trainee months', () => {
    expect(run('trainee-2026', { ...graduate, idNumber: residentId('2000-01-01') }).outcome).toBe('incomplete');
  });
});

describe('startup subsidy', () => {
  it.each([
    ['registered, 5 years exactly', { businessRegistered: true, graduationDate: '2021-06-30' }, 'eligible'],
    ['registered, 5 years and 1 day', { businessRegistered: true, graduationDate: '2021-06-29' }, 'ineligible'],
    ['not registered', { businessRegistered: false }, 'ineligible'],
  ] as const)('%s → %s', (_n, change, outcome) => {
    expect(run('startup-2026', { ...graduate, ...change }).outcome).toBe(outcome);
  });
});

describe('employer hiring subsidy (per graduate hired, small and micro enterprises)', () => {
  const enterprise: FactSources = { employmentDistrict: 'hitech', enterpriseSize: '20-99人', socialInsuranceMonths: 3 };
  it.each([
    ['3 months insured, 1 graduate', {}, 1, 'eligible', 1500],
    ['3 graduates', {}, 3, 'eligible', 4500],
    ['25 graduates capped at 20', {}, 25, 'eligible', 30000],
    ['fewer than 20 staff', { enterpriseSize: '20人以下' }, 2, 'eligible', 3000],
    ['2 months insured', { socialInsuranceMonths: 2 }, 2, 'ineligible', undefined],
    ['100-499 staff is not small or micro', { enterpriseSize: '100-499人' }, 2, 'ineligible', undefined],
    ['no graduate listed yet', {}, 0, 'incomplete', undefined],
  ] as const)('%s → %s', (_n, change, graduatesHired, outcome, amount) => {
    const r = run('employer-hiring-2026', { ...enterprise, ...change, graduatesHired });
    expect(r.outcome).toBe(outcome);
    expect(r.amount).toBe(amount);
  });

  it('explains the amount per graduate', () => {
    const r = run('employer-hiring-2026', { ...enterprise, graduatesHired: 3 });
    expect(r.explanation).toBe('企业规模20-99人，社保缴纳3个月，吸纳高校毕业生3名 → 适用吸纳就业补贴，每名 1500 元 × 3 名（最多 20 名），共 4500 元');
  });

  it('says why a large enterprise does not qualify', () => {
    const r = run('employer-hiring-2026', { ...enterprise, enterpriseSize: '500人以上', graduatesHired: 1 });
    expect(r.explanation).toBe('不符合条件：企业规模须为20人以下、20-99人');
  });
});

describe('social insurance subsidy (enterprise)', () => {
  it.each([
    ['4 months, 1 graduate', 4, 1, 'eligible', 3200],
    ['20 months capped at 12', 20, 2, 'eligible', 9600],
    ['0 months', 0, 1, 'ineligible', undefined],
    ['no graduate listed', 4, 0, 'incomplete', undefined],
  ] as const)('%s → %s', (_n, socialInsuranceMonths, graduatesHired, outcome, amount) => {
    const r = run('social-insurance-2026', { employmentDistrict: 'jinpu', enterpriseSize: '500人以上', socialInsuranceMonths, graduatesHired });
    expect(r.outcome).toBe(outcome);
    expect(r.amount).toBe(amount);
  });
});

describe('program validation', () => {
  const base = program('tuition-2026');

  it('should reject an amount rule that references an unknown field, naming it', () => {
    const bad: SubsidyProgramInput = {
      ...base,
      amount: { kind: 'table', rows: [{ when: { salary: 5000 }, amount: 100, label: '按工资' }] },
    };
    expect(programProblems(bad)).toEqual([{ field: 'amount.rows.0.when.salary', message: '未知的金额字段：salary' }]);
  });

  it.each([
    ['unknown condition field', { conditions: [{ field: 'height', op: 'gte', value: 170 }] }, 'conditions.0.field'],
    ['wrong op for a boolean', { conditions: [{ field: 'hardship', op: 'gte', value: 1 }] }, 'conditions.0.op'],
    ['enum value not in the list', { conditions: [{ field: 'degree', op: 'eq', value: 'phd' }] }, 'conditions.0.value'],
    ['monthly on a non-number field', { amount: { kind: 'monthly', monthly: 100, monthsField: 'degree', maxMonths: 12 } }, 'amount.monthsField'],
    ['monthly on an unknown field', { amount: { kind: 'monthly', monthly: 100, monthsField: 'weeks', maxMonths: 12 } }, 'amount.monthsField'],
    ['fractional amount', { amount: { kind: 'fixed', amount: 10.5 } }, 'amount.amount'],
    ['window closes before it opens', { opensAt: '2026-12-31', closesAt: '2026-01-01' }, 'closesAt'],
    ['workflow not ending at the bureau', { workflow: ['bureau', 'college'] }, 'workflow'],
    ['per-graduate amount without a cap', { amount: { kind: 'perGraduate', amount: 1500, maxGraduates: 0 } }, 'amount.maxGraduates'],
    ['enterprise size in a graduate program', { conditions: [{ field: 'enterpriseSize', op: 'eq', value: '20人以下' }] }, 'conditions.0.field'],
    ['per-graduate amount in a graduate program', { amount: { kind: 'perGraduate', amount: 1500, maxGraduates: 5 } }, 'amount'],
    ['enterprise size outside the list', { applicantKind: 'enterprise', conditions: [{ field: 'enterpriseSize', op: 'eq', value: '小微' }], amount: { kind: 'fixed', amount: 1000 } }, 'conditions.0.value'],
    ['degree in an enterprise program', { applicantKind: 'enterprise', amount: { kind: 'fixed', amount: 1000 } }, 'conditions.0.field'],
  ] as const)('should reject %s', (_n, change, field) => {
    const problems = programProblems({ ...base, ...(change as Partial<SubsidyProgramInput>) });
    expect(problems.map(p => p.field)).toContain(field);
  });
});

describe('facts and workflow', () => {
  it('classes 瓦房店市, 庄河市 and 长海县 as 两市一县', () => {
    expect(['210281', '210283', '210224', '210202', 'jinpu'].map(districtClassOf)).toEqual([
      'twoCitiesOneCounty',
      'twoCitiesOneCounty',
      'twoCitiesOneCounty',
      'other',
      'other',
    ]);
  });

  it('rolls 29 February to 28 February in a common year', () => {
    expect(lastDayWithin('2024-02-29', 1)).toBe('2025-02-28');
    expect(lastDayWithin('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('computes age from the ID birth date', () => {
    expect(ageOn(residentId('2000-07-01'), '2026-06-30')).toBe(25);
    expect(ageOn(residentId('2000-06-30'), '2026-06-30')).toBe(26);
  });

  it('lists the facts a program asks for, from conditions and amount', () => {
    expect(referencedFields(program('employer-hiring-2026'))).toEqual(['enterpriseSize', 'socialInsuranceMonths', 'graduatesHired']);
    expect(referencedFields(program('trainee-2026'))).toEqual(['graduationDate', 'age', 'traineeMonths']);
    expect(referencedFields(program('tuition-2026'))).toEqual(['degree', 'graduationDate', 'employedInDalian', 'socialInsuranceMonths', 'doubleFirstClass', 'districtClass']);
  });

  it('never sends an enterprise application to a college', () => {
    expect(stagesFor(['college', 'district', 'bureau'], true, 'enterprise')).toEqual(['district', 'bureau']);
  });

  it('skips the college step for graduates of colleges outside Dalian', () => {
    expect(stagesFor(['college', 'district', 'bureau'], false, 'graduate')).toEqual(['district', 'bureau']);
    expect(stagesFor(['college', 'district', 'bureau'], true, 'graduate')).toEqual(['college', 'district', 'bureau']);
    expect(nextStage(['college', 'district', 'bureau'], 'district')).toBe('bureau');
    expect(nextStage(['college', 'district', 'bureau'], 'bureau')).toBeNull();
  });
});

describe('payment reconciliation', () => {
  it('adds paid, failed and pending lines up to the batch total', () => {
    const totals = paymentTotals([
      { amount: 1000, status: 'paid' },
      { amount: 1500, status: 'failed' },
      { amount: 2000, status: 'pending' },
      { amount: 3000, status: 'paid' },
    ]);
    expect(totals).toEqual({ count: 4, total: 7500, paidCount: 2, paidTotal: 4000, failedCount: 1, failedTotal: 1500, pendingCount: 1, pendingTotal: 2000 });
    expect(totals.paidTotal + totals.failedTotal + totals.pendingTotal).toBe(totals.total);
  });

  it.each([
    ['成功', 'paid'],
    [' 发放成功 ', 'paid'],
    ['失败', 'failed'],
    ['退票', 'failed'],
    ['处理中', null],
    ['', null],
  ] as const)('reads the bank result %j as %s', (text, expected) => {
    expect(readPaymentResult(text)).toBe(expected);
  });
});
