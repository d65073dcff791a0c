import type { EnterpriseView } from '@contract/job';
import { isValidUscc, usccProblem } from '@contract/uscc';
import {
  MAX_CHAIN_TAGS,
  checkEnterpriseForm,
  emptyEnterpriseForm,
  enterpriseFieldOf,
  formFromEnterprise,
  toggleChain,
  usccHint,
  type EnterpriseForm,
} from '@/packages/recruiter/pages/enterprise/form';

const filled = (patch: Partial<EnterpriseForm> = {}): EnterpriseForm => ({
  name: ' 大连星海软件科技有限公司 ',
  uscc: '9121 0200ma0qc1234f',
  district: 'hitech',
  industry: '信息传输、软件和信息技术服务业',
  size: '100-499人',
  ownership: '民营企业',
  chainTags: ['软件和信息技术服务'],
  category: '新',
  ...patch,
});

describe('the credit-code check shared with the server', () => {
  it('should accept a code with the right check character, in any case and spacing', () => {
    expect(isValidUscc('91210200MA0QC1234F')).toBe(true);
    expect(usccProblem('9121 0200ma0qc1234f')).toBeUndefined();
  });

  it('should say what is wrong: length, a letter outside the alphabet, or the check character', () => {
    expect(usccProblem('')).toBe('请填写统一社会信用代码');
    expect(usccProblem('91210200MA0QC123')).toContain('当前16位');
    expect(usccProblem('91210200MA0QO1234F')).toContain('“O”');
    expect(usccProblem('91210200MA0QC1234G')).toContain('校验位不符');
  });

  it('should stay quiet while the recruiter is still typing the first 17 characters', () => {
    expect(usccHint('9121020')).toBeUndefined();
    expect(usccHint('91210200MA0QC1234G')).toContain('校验位');
  });
});

describe('the enterprise form', () => {
  it('should turn a filled form into the registration input, trimmed and normalised', () => {
    const checked = checkEnterpriseForm(filled());
    expect(checked).toEqual({
      ok: true,
      input: {
        name: '大连星海软件科技有限公司',
        uscc: '91210200MA0QC1234F',
        district: 'hitech',
        industry: '信息传输、软件和信息技术服务业',
        size: '100-499人',
        ownership: '民营企业',
        chainTags: ['软件和信息技术服务'],
        category: '新',
      },
    });
  });

  it('should leave the category out when none is chosen', () => {
    const checked = checkEnterpriseForm(filled({ category: undefined }));
    expect(checked.ok && 'category' in checked.input).toBe(false);
  });

  it('should name every missing or wrong field of an empty form', () => {
    const checked = checkEnterpriseForm(emptyEnterpriseForm);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['district', 'industry', 'name', 'ownership', 'size', 'uscc']);
  });

  it('should refuse a size or ownership outside the fixed lists', () => {
    const checked = checkEnterpriseForm(filled({ size: '很大', ownership: '个体' }));
    expect(checked.ok ? [] : Object.keys(checked.errors).sort()).toEqual(['ownership', 'size']);
  });

  it('should toggle chains and refuse a sixth', () => {
    expect(toggleChain(['高端装备'], '高端装备')).toEqual([]);
    expect(toggleChain([], '新材料')).toEqual(['新材料']);
    const full = Array.from({ length: MAX_CHAIN_TAGS }, (_, i) => `链${i}`);
    expect(toggleChain(full, '新材料')).toBe('full');
  });

  it('should start a resubmission from the rejected enterprise and map server fields to controls', () => {
    const view: EnterpriseView = {
      id: 'e1',
      name: '大连测试有限公司',
      uscc: '91210200MA0QC1234F',
      district: '210202',
      industry: '',
      size: '20-99人',
      ownership: '国有企业',
      chainTags: ['新材料'],
      status: 'rejected',
      rejectReason: '营业执照不清晰',
      recruiterCount: 1,
      hasLicence: true,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(formFromEnterprise(view)).toMatchObject({ name: '大连测试有限公司', industry: undefined, chainTags: ['新材料'], category: undefined });
    expect(enterpriseFieldOf('chainTags')).toBe('chainTags');
    expect(enterpriseFieldOf('userId')).toBeUndefined();
    expect(enterpriseFieldOf(undefined)).toBeUndefined();
  });
});
