import { verifyRefusal } from '../../../server/src/modules/enterprise/enterprise.rules';

describe('enterprise verification rule', () => {
  it('should refuse to verify a pending enterprise that has no business licence on file', () => {
    expect(verifyRefusal({ status: 'pending' })).toBe('ENTERPRISE_LICENCE_REQUIRED');
    expect(verifyRefusal({ status: 'pending', licenceKey: '' })).toBe('ENTERPRISE_LICENCE_REQUIRED');
  });

  it('should allow verifying a pending enterprise with a licence', () => {
    expect(verifyRefusal({ status: 'pending', licenceKey: 'licences/ab.png' })).toBeNull();
  });

  it('should refuse an enterprise already decided, licence or not', () => {
    expect(verifyRefusal({ status: 'verified', licenceKey: 'licences/ab.png' })).toBe('ENTERPRISE_ALREADY_DECIDED');
    expect(verifyRefusal({ status: 'rejected' })).toBe('ENTERPRISE_ALREADY_DECIDED');
  });
});
