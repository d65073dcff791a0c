import { asksWorkplace, evaluate, graduateFormKeys } from '../../../server/src/contract/subsidy-eligibility';
import { DEFAULT_STAGE_LIMITS } from '../../../server/src/contract/subsidy-stages';
import type { SubsidyProgramInput } from '../../../server/src/contract/subsidy';
import { amountLines, amountSummary, conditionLine, guideProblems, guideSteps, guideView, visibleKinds } from '../../../server/src/modules/subsidy/subsidy.guide.rules';
import { SUBSIDY_PROGRAM_SEEDS } from '../../../server/src/modules/subsidy/subsidy.seed';

const seed = (key: string): SubsidyProgramInput => {
  const found = SUBSIDY_PROGRAM_SEEDS.find(p => p.seedKey === key);
  if (!found) throw new Error(key);
  const { seedKey: _key, policySeedKeys: _policies, ...program } = found;
  return program;
};

describe('办事指南 lines derived from the rules', () => {
  it.each([
    [{ field: 'degree', op: 'in', value: ['bachelor', 'master', 'doctor'] }, '学历为本科、硕士研究生、博士研究生'],
    [{ field: 'graduationDate', op: 'withinYears', value: 2 }, '毕业2年内（以毕业证书日期计）'],
    [{ field: 'employedInDalian', op: 'eq', value: true }, '在大连就业'],
    [{ field: 'socialInsuranceMonths', op: 'gte', value: 3 }, '社保缴纳月数不少于3个月'],
    [{ field: 'age', op: 'lte', value: 35 }, '年龄不超过35周岁'],
    [{ field: 'hardship', op: 'eq', value: true }, '困难家庭毕业生'],
    [{ field: 'enterpriseSize', op: 'in', value: ['20人以下', '20-99人'] }, '企业规模为20人以下、20-99人'],
  ] as const)('should say %j as “%s”', (condition, line) => {
    expect(conditionLine({ ...condition, value: condition.value as never })).toBe(line);
  });

  it('should give one line per standard of an amount table, with no per-line example wording', () => {
    expect(amountLines(seed('housing-2026').amount)).toEqual(['博士标准：3000 元', '硕士标准：2000 元', '本科标准：1000 元']);
  });

  it('should state the monthly rate, what it counts and the ceiling', () => {
    expect(amountLines(seed('trainee-2026').amount)).toEqual(['每月 1800 元，按见习月数计算，最多 12 个月（最高 21600 元）']);
    expect(amountSummary(seed('trainee-2026').amount)).toBe('每月 1800 元，最高 21600 元');
  });

  it('should summarise a table as its range and a fixed amount as itself', () => {
    expect(amountSummary(seed('tuition-2026').amount)).toBe('8000–30000 元');
    expect(amountSummary(seed('job-search-2026').amount)).toBe('1500 元');
    expect(amountSummary({ kind: 'table', rows: [{ when: {}, amount: 500, label: '统一标准' }] })).toBe('500 元');
    expect(amountSummary(seed('employer-hiring-2026').amount)).toBe('每人 1500 元，最高 30000 元');
  });

  it('should list the steps of the workflow with each stage’s working-day limit and the payment', () => {
    expect(guideSteps(['district', 'bureau'], { ...DEFAULT_STAGE_LIMITS, district: 7 })).toEqual([
      { label: '在线申请：填写申请表、上传材料并提交' },
      { label: '区市县审核', workingDays: 7 },
      { label: '市人社局审批', workingDays: 10 },
      { label: '资金发放', workingDays: 30 },
    ]);
  });

  it('should follow an edit of the rules: the guide of a changed condition says the new figure', () => {
    const housing = seed('housing-2026');
    const edited = { ...housing, id: 'p1', conditions: housing.conditions.map(c => (c.field === 'socialInsuranceMonths' ? { ...c, value: 6 } : c)) };
    const view = guideView(edited, DEFAULT_STAGE_LIMITS, '2026-06-01');
    expect(view.conditions).toContain('社保缴纳月数不少于6个月');
    expect(view.conditions).not.toContain('社保缴纳月数不少于3个月');
    expect(view.conditions.at(-1)).toBe('与在大连注册的用人单位签订1年以上劳动合同');
  });

  it('should pair every required document with its guide text, and list a document without text by its name alone', () => {
    const housing = seed('housing-2026');
    const guide = housing.guide;
    if (!guide) throw new Error('housing has a guide');
    const view = guideView({ ...housing, id: 'p1', guide: { ...guide, materials: guide.materials.filter(m => m.kind !== 'diploma') } }, DEFAULT_STAGE_LIMITS, '2026-06-01');
    expect(view.materials.map(m => m.kind)).toEqual(housing.requiredDocuments);
    expect(view.materials.find(m => m.kind === 'diploma')).toEqual({ kind: 'diploma', label: '毕业证书' });
    expect(view.materials.find(m => m.kind === 'laborContract')?.example).toContain('合同期限');
    expect(view.exampleAmounts).toBe(true);
    expect(view.open).toBe(true);
  });

  it('should say who may apply in general words when staff wrote no guide', () => {
    const { guide: _guide, ...bare } = seed('employer-hiring-2026');
    const view = guideView({ ...bare, id: 'p1' }, DEFAULT_STAGE_LIMITS, '2027-01-01');
    expect(view.audience).toBe('符合下列条件的用人单位');
    expect(view.contacts).toEqual([]);
    expect(view.open).toBe(false);
  });

  it('should refuse guide text for a document the program does not require, or twice for one', () => {
    const p = seed('tuition-2026');
    const guide = p.guide;
    if (!guide) throw new Error('tuition has a guide');
    expect(guideProblems(p)).toEqual([]);
    const extra = { kind: 'socialInsurance' as const, detail: '缴费证明', example: '例' };
    expect(guideProblems({ ...p, guide: { ...guide, materials: [...guide.materials, extra] } })).toEqual([
      { field: 'guide.materials.3.kind', message: '办事指南的材料「社保缴费证明」不在所需材料中' },
    ]);
    expect(guideProblems({ ...p, guide: { ...guide, materials: [...guide.materials, guide.materials[0]] } })[0].message).toBe('办事指南的材料「身份证」重复');
  });

  it.each(SUBSIDY_PROGRAM_SEEDS.map(p => [p.seedKey, p] as const))('%s: its guide has no problems, an audience, materials and somewhere to ask', (_key, p) => {
    expect(guideProblems(p)).toEqual([]);
    expect(p.guide?.audience).toBeTruthy();
    expect(p.guide?.materials.length).toBe(p.requiredDocuments.length);
    expect(p.guide?.contacts.some(c => c.phone === '12333')).toBe(true);
    expect(p.policySeedKeys?.length).toBeGreaterThan(0);
  });
});

describe('who is offered which programs', () => {
  it('should offer a student only graduate programs and a recruiter only enterprise programs', () => {
    expect(visibleKinds(['student'])).toEqual(['graduate']);
    expect(visibleKinds(['recruiter'])).toEqual(['enterprise']);
  });

  it('should show guests and staff every program', () => {
    expect(visibleKinds(undefined)).toEqual(['graduate', 'enterprise']);
    expect(visibleKinds(['bureau'])).toEqual(['graduate', 'enterprise']);
  });
});

describe('the form a graduate program asks', () => {
  it('should ask the housing applicant about work and insurance, never about traineeship, a business or hardship', () => {
    const keys = graduateFormKeys(seed('housing-2026'));
    expect(keys).toEqual(['idNumber', 'graduationDate', 'employmentDistrict', 'employerName', 'employerUscc', 'socialInsuranceMonths', 'bankName', 'bankAccount']);
    expect(asksWorkplace(keys)).toBe(true);
  });

  it('should ask the trainee for months of traineeship and the district that reviews it, not for an employer', () => {
    const keys = graduateFormKeys(seed('trainee-2026'));
    expect(keys).toEqual(['idNumber', 'graduationDate', 'employmentDistrict', 'traineeMonths', 'bankName', 'bankAccount']);
    expect(asksWorkplace(keys)).toBe(false);
  });

  it('should ask the hardship applicant whether the family is in hardship, not where they work (the 免申即享 demo: college and bureau review)', () => {
    expect(graduateFormKeys(seed('job-search-2026'))).toEqual(['idNumber', 'graduationDate', 'hardship', 'bankName', 'bankAccount']);
    expect(graduateFormKeys({ ...seed('job-search-2026'), workflow: ['college', 'district', 'bureau'] })).toContain('employmentDistrict');
  });

  it('should ask no district of a program reviewed only by the bureau that refers to no work', () => {
    expect(graduateFormKeys({ conditions: [{ field: 'hardship', op: 'eq', value: true }], amount: { kind: 'fixed', amount: 100 }, workflow: ['bureau'] })).toEqual([
      'idNumber',
      'hardship',
      'bankName',
      'bankAccount',
    ]);
  });
});

describe('the verdict follows the form', () => {
  it('should go from 信息不完整 to the amount as the facts are filled, asking for the ID where age is unknown', () => {
    const trainee = seed('trainee-2026');
    const today = '2026-06-01';
    expect(evaluate(trainee, {}, today).explanation).toBe('信息不完整：请填写毕业时间；请填写身份证号（用于核定年龄）；请填写见习月数');
    const done = evaluate(trainee, { graduationDate: '2025-06-30', age: 24, traineeMonths: 6 }, today);
    expect(done.outcome).toBe('eligible');
    expect(done.amount).toBe(10800);
  });
});
