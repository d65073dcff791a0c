import type { Me } from '@contract/user';
import {
  OTHER_COLLEGE,
  checkForm,
  fieldOfServerError,
  formFromMe,
  graduationYearOptions,
  type ProfileForm,
} from '@/packages/account/pages/profile/form';

function me(profile: Me['profile'] = {}): Me {
  return {
    id: 'user-1',
    nickname: '微信用户',
    roles: ['student'],
    scope: {},
    profile,
    profileComplete: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

function filled(overrides: Partial<ProfileForm> = {}): ProfileForm {
  return {
    name: ' 李明 ',
    college: 'dlut',
    schoolName: '',
    doubleFirstClass: false,
    degree: 'bachelor',
    major: '软件工程',
    graduationYear: 2026,
    originProvince: '辽宁省',
    originCity: '大连市',
    intentionDistricts: ['210211'],
    intentionText: '',
    idNumber: '',
    ...overrides,
  };
}

describe('the profile form', () => {
  it('should start empty for a new user', () => {
    expect(formFromMe(me())).toMatchObject({ name: '', college: undefined, intentionDistricts: [], idNumber: '' });
  });

  it('should show a school outside Dalian as 外地高校 with its name', () => {
    const form = formFromMe(me({ schoolName: '清华大学', doubleFirstClass: true }));
    expect(form).toMatchObject({ college: OTHER_COLLEGE, schoolName: '清华大学', doubleFirstClass: true });
  });

  it('should name every missing required field, in form order', () => {
    const result = checkForm(formFromMe(me()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['name', 'college', 'degree', 'major', 'graduationYear', 'originProvince', 'originCity']);
  });

  it('should ask for the school name only for a school outside Dalian', () => {
    const result = checkForm(filled({ college: OTHER_COLLEGE, schoolName: ' ' }));
    expect(result).toEqual({ ok: false, errors: { schoolName: '请填写学校名称' } });
  });

  it('should send a Dalian college by id, trimmed, without an empty ID number', () => {
    expect(checkForm(filled())).toEqual({
      ok: true,
      input: {
        name: '李明',
        collegeId: 'dlut',
        degree: 'bachelor',
        major: '软件工程',
        graduationYear: 2026,
        originProvince: '辽宁省',
        originCity: '大连市',
        intentionDistricts: ['210211'],
        intentionText: '',
      },
    });
  });

  it('should send a school outside Dalian by name with its 双一流 flag, and a typed ID number', () => {
    const result = checkForm(filled({ college: OTHER_COLLEGE, schoolName: '清华大学', doubleFirstClass: true, idNumber: ' 11010519491231002X ' }));
    expect(result.ok && result.input).toMatchObject({ schoolName: '清华大学', doubleFirstClass: true, idNumber: '11010519491231002X' });
    expect(result.ok && 'collegeId' in result.input).toBe(false);
  });

  it('should place a server error next to the control for its field', () => {
    expect(fieldOfServerError('idNumber')).toBe('idNumber');
    expect(fieldOfServerError('collegeId')).toBe('college');
    expect(fieldOfServerError('intentionDistricts.2')).toBe('intentionDistricts');
    expect(fieldOfServerError('toString')).toBeUndefined();
    expect(fieldOfServerError(undefined)).toBeUndefined();
  });

  it('should offer graduation years around the current one, newest first', () => {
    const years = graduationYearOptions(new Date('2026-06-01T00:00:00Z')).map(o => o.value);
    expect(years[0]).toBe(2030);
    expect(years).toContain(2026);
    expect(years[years.length - 1]).toBe(2020);
  });
});
