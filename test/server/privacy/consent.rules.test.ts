import { consentConcerns } from '../../../server/src/contract/privacy';
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
  it('should allow processing only under a consent given to the current text', () => {
    expect(processingVerdict('given')).toEqual({ allowed: true });
  });

  it('should refuse before any consent, after a withdrawal and after a new text, each with its code', () => {
    expect(processingVerdict('none')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
    expect(processingVerdict('withdrawn')).toEqual({ allowed: false, code: 'CONSENT_WITHDRAWN' });
    expect(processingVerdict('outdated')).toEqual({ allowed: false, code: 'CONSENT_REQUIRED' });
  });
});

describe('consentConcerns', () => {
  it('should list each purpose to the roles it concerns, and any purpose the user ever answered', () => {
    expect(consentConcerns({ purpose: 'real-name', status: 'none' }, ['student'])).toBe(false);
    expect(consentConcerns({ purpose: 'real-name', status: 'none' }, ['recruiter'])).toBe(true);
    expect(consentConcerns({ purpose: 'subsidy', status: 'none' }, ['recruiter'])).toBe(false);
    expect(consentConcerns({ purpose: 'support', status: 'none' }, ['student'])).toBe(true);
    expect(consentConcerns({ purpose: 'real-name', status: 'withdrawn' }, ['student'])).toBe(true);
  });
});
