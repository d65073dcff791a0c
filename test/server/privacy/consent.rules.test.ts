import { consentStatus, processingVerdict } from '../../../server/src/modules/privacy/consent.rules';

describe('consentStatus', () => {
  it('should say none without a record, given at the current version, outdated at an older one, withdrawn after a withdrawal', () => {
    expect(consentStatus(null, 1)).toBe('none');
    expect(consentStatus({ status: 'given', version: 2 }, 2)).toBe('given');
    expect(consentStatus({ status: 'given', version: 1 }, 2)).toBe('outdated');
    expect(consentStatus({ status: 'withdrawn', version: 2 }, 2)).toBe('withdrawn');
  });
});

describe('processingVerdict', () => {
  it('should allow processing under a consent given to the current text', () => {
    expect(processingVerdict('given', false)).toEqual({ allowed: true, record: false });
  });

  it('should take the form’s consent box as a first consent, to be recorded', () => {
    expect(processingVerdict('none', true)).toEqual({ allowed: true, record: true });
    expect(processingVerdict('none', false)).toEqual({ allowed: false, record: false, code: 'CONSENT_REQUIRED' });
  });

  it('should refuse after a withdrawal or a new text even when the form says it agrees', () => {
    expect(processingVerdict('withdrawn', true)).toEqual({ allowed: false, record: false, code: 'CONSENT_WITHDRAWN' });
    expect(processingVerdict('outdated', true)).toEqual({ allowed: false, record: false, code: 'CONSENT_REQUIRED' });
  });
});
