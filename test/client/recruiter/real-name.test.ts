import type { RealNameStatus } from '@contract/job';
import { daysLeft, realNameDue, realNameFormErrors, realNameSummary } from '@/packages/recruiter/real-name';
import { checkAbnormalForm, EMPTY_ABNORMAL_FORM } from '@/packages/job/abnormal-form';
import { checkMinimumWageForm, emptyMinimumWageForm, figuresInForce, formFromWage } from '@/packages/job/minimum-wage-form';

const NOW = new Date('2026-06-01T04:00:00.000Z');
const status = (patch: Partial<RealNameStatus>): RealNameStatus => ({ state: 'current', phoneVerified: true, remindDays: 14, ...patch });

describe('the recruiter real-name page', () => {
  it('should say what lapses when, for each state', () => {
    expect(realNameSummary(status({ expiresAt: '2026-10-01T04:00:00.000Z' }), NOW)).toBe('认证有效期至2026年10月1日。到期前14天起会提醒你重新认证。');
    expect(realNameSummary(status({ state: 'expiring', expiresAt: '2026-06-08T04:00:00.000Z' }), NOW)).toContain('还剩7天）。到期后你发布的岗位将暂停向求职者展示');
    expect(realNameSummary(status({ state: 'lapsed', expiresAt: '2026-05-30T04:00:00.000Z' }), NOW)).toBe('认证已于2026年5月30日过期：你发布的岗位已暂停向求职者展示，也不能发布或修改岗位。重新认证后立即恢复。');
    expect(realNameSummary(status({ state: 'revoked' }), NOW)).toContain('异常名录');
    expect(daysLeft('2026-06-01T04:00:00.000Z', NOW)).toBe(0);
  });

  it('should show the job-list banner for every state but a current check', () => {
    expect(realNameDue('current')).toBe(false);
    expect((['none', 'expiring', 'lapsed', 'revoked'] as const).every(realNameDue)).toBe(true);
  });

  it('should name a wrong ID or a missing name under its field', () => {
    expect(realNameFormErrors('', '', NOW)).toEqual({ name: '请填写身份证上的姓名', idNumber: '请填写身份证号码' });
    expect(realNameFormErrors('张三', '210202199001011231', NOW).idNumber).toBe('身份证号校验位不符，请核对');
    expect(realNameFormErrors('张三', '210202199001011232', NOW)).toEqual({});
  });
});

describe('the staff 异常名录 form', () => {
  it('should check the credit code or the ID by kind, and need a reason', () => {
    const bad = checkAbnormalForm({ ...EMPTY_ABNORMAL_FORM, subject: '91210200MA0QC1234X', name: '大连某公司' }, NOW);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['reason', 'subject']);
    const person = checkAbnormalForm({ kind: 'person', subject: '210202199001011232', name: '张三', reason: '收取押金', evidence: ' 投诉编号 T2026-001 ' }, NOW);
    expect(person).toEqual({ ok: true, input: { kind: 'person', subject: '210202199001011232', name: '张三', reason: '收取押金', evidence: '投诉编号 T2026-001' } });
  });
});

describe('the minimum-wage editor', () => {
  const wages = [
    { id: 'a', amount: 2100, effectiveFrom: '2025-01-01', source: '待核对', areas: [] },
    { id: 'b', amount: 2300, effectiveFrom: '2026-05-01', source: '新文件', areas: [{ district: '210283' as const, amount: 2000 }] },
    { id: 'c', amount: 2500, effectiveFrom: '2027-01-01', source: '将来', areas: [] },
  ];

  it('should show each area\'s figure under the standard in force', () => {
    const { standard, rows } = figuresInForce(wages, NOW);
    expect(standard?.id).toBe('b');
    expect(rows.find(r => r.district === '210283')).toMatchObject({ amount: 2000, tier: true });
    expect(rows.find(r => r.district === 'hitech')).toMatchObject({ amount: 2300, tier: false });
  });

  it('should send only the areas given, and refuse malformed figures and days', () => {
    const form = { ...emptyMinimumWageForm(NOW), amount: '2300', effectiveFrom: '2026-02-30', source: '新文件', areas: { '210283': '2000', '210281': '20', hitech: ' ' } };
    const refused = checkMinimumWageForm(form);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(Object.keys(refused.errors).sort()).toEqual(['210281', 'effectiveFrom']);
    expect(checkMinimumWageForm({ ...form, effectiveFrom: '2026-05-01', areas: { '210283': '2000' } })).toEqual({
      ok: true,
      input: { amount: 2300, effectiveFrom: '2026-05-01', source: '新文件', areas: [{ district: '210283', amount: 2000 }] },
    });
    expect(formFromWage(wages[1]).areas).toEqual({ '210283': '2000' });
  });
});
