import {
  isProfileComplete,
  isValidResidentId,
  maskBankAccount,
  maskPhone,
  maskResidentId,
  missingProfileFields,
  normaliseMobile,
  normaliseRoles,
  removesAdmin,
  sameRoles,
  scopeProblem,
} from '../../../server/src/modules/user/user.rules';

describe('isValidResidentId (GB 11643)', () => {
  it.each(['210202199901011238', '11010519491231002X', '11010519491231002x', '21021120000229001X'])(
    'should accept %s with a correct check character',
    id => expect(isValidResidentId(id)).toBe(true),
  );

  it('should reject a wrong check digit', () => {
    expect(isValidResidentId('210202199901011237')).toBe(false);
  });

  it('should reject an impossible birth date even with a matching check digit', () => {
    // 1999-02-30 does not exist; check digit computed for the 17 digits below.
    const body = '21020219990230123';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = body.split('').reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
    expect(isValidResidentId(body + '10X98765432'[sum % 11])).toBe(false);
  });

  it('should reject a birth date in the future', () => {
    expect(isValidResidentId('210202199901011238', new Date('1998-12-31'))).toBe(false);
  });

  it.each(['', '21020219990101123', '2102021999010112389', 'A10202199901011238', '010202199901011238'])(
    'should reject malformed input %p',
    id => expect(isValidResidentId(id)).toBe(false),
  );
});

describe('masking', () => {
  it('should keep the first and last four characters of an ID number', () => {
    expect(maskResidentId('210202199901011238')).toBe('2102**********1238');
  });

  it('should keep the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('should keep only the last four digits of a bank account', () => {
    expect(maskBankAccount('6222 0212 3456 7890')).toBe('************7890');
  });
});

describe('normaliseMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['8613812345678', '13812345678'],
  ])('should normalise %s', (raw, expected) => expect(normaliseMobile(raw)).toBe(expected));

  it.each(['12812345678', '1381234567', 'abc'])('should reject %s', raw => expect(normaliseMobile(raw)).toBeNull());
});

describe('profile completeness', () => {
  const complete = {
    name: '李明',
    schoolName: '大连理工大学',
    degree: 'bachelor' as const,
    major: '软件工程',
    graduationYear: 2026,
    originProvince: '辽宁省' as const,
    originCity: '大连市',
  };

  it('should report a profile with every required field as complete', () => {
    expect(isProfileComplete(complete)).toBe(true);
  });

  it('should name the missing fields', () => {
    expect(missingProfileFields({ ...complete, major: '', originCity: undefined })).toEqual(['major', 'originCity']);
  });

  it('should treat a missing profile as incomplete', () => {
    expect(isProfileComplete(undefined)).toBe(false);
  });
});

describe('scopeProblem', () => {
  it('should require a college for the college role', () => {
    expect(scopeProblem(['college'], {})).toEqual({ field: 'scope.collegeId', message: expect.any(String) });
  });

  it('should require a district for the district role', () => {
    expect(scopeProblem(['district'], { collegeId: 'dlut' })?.field).toBe('scope.districtCode');
  });

  it('should accept city-wide roles without a scope', () => {
    expect(scopeProblem(['bureau', 'student'], {})).toBeNull();
  });
});

describe('role assignments', () => {
  it('should store roles in one order, each once, with only the scope they use', () => {
    expect(normaliseRoles(['admin', 'college', 'student', 'college'], { collegeId: 'dlut', districtCode: '210211' })).toEqual({
      roles: ['student', 'college', 'admin'],
      scope: { collegeId: 'dlut' },
    });
  });

  it('should see an unchanged assignment as the same whatever the order or unused scope', () => {
    expect(sameRoles({ roles: ['district', 'bureau'], scope: { districtCode: '210211' } }, { roles: ['bureau', 'district'], scope: { districtCode: '210211', collegeId: 'dlut' } })).toBe(true);
    expect(sameRoles({ roles: ['district'], scope: { districtCode: '210211' } }, { roles: ['district'], scope: { districtCode: '210202' } })).toBe(false);
    expect(sameRoles({ roles: ['student'] }, { roles: ['student', 'bureau'], scope: {} })).toBe(false);
  });

  it('should notice only a change that takes the admin role away', () => {
    expect(removesAdmin(['admin'], ['bureau'])).toBe(true);
    expect(removesAdmin(['admin', 'bureau'], ['admin'])).toBe(false);
    expect(removesAdmin(['bureau'], ['student'])).toBe(false);
  });
});
