import { isValidBankCard } from '../../../server/src/contract/bank-account';
import { isValidResidentId, withResidentIdCheck } from '../../../server/src/contract/resident-id';
import { demoPlan, withLuhnDigit } from '../../../server/src/modules/subsidy/subsidy.demo.rules';

const FULL = ['college', 'district', 'bureau'] as const;

describe('subsidy demo plan', () => {
  it('should keep a draft unsubmitted and stop an application at the stage it waits for', () => {
    expect(demoPlan('draft', FULL)).toEqual({ submit: false, decisions: [] });
    expect(demoPlan('at:college', FULL)).toEqual({ submit: true, decisions: [] });
    expect(demoPlan('at:bureau', FULL).decisions).toEqual([
      { stage: 'college', decision: 'approve' },
      { stage: 'district', decision: 'approve' },
    ]);
    expect(() => demoPlan('at:college', ['district', 'bureau'])).toThrow(/not one of/);
  });

  it('should return or reject at the stage named, with its reason, after the stages before it approve', () => {
    const plan = demoPlan('returned', FULL, { at: 'district', reason: '劳动合同未写明工作地点', missingDocuments: ['laborContract'] });
    expect(plan.decisions).toEqual([
      { stage: 'college', decision: 'approve' },
      { stage: 'district', decision: 'return', reason: '劳动合同未写明工作地点', missingDocuments: ['laborContract'] },
    ]);
    expect(plan.finalApproval).toBeUndefined();
    expect(demoPlan('rejected', ['district', 'bureau'], { reason: '不在大连就业' }).decisions).toEqual([{ stage: 'district', decision: 'reject', reason: '不在大连就业', missingDocuments: undefined }]);
    expect(() => demoPlan('rejected', FULL)).toThrow(/reason/);
  });

  it('should give the last approval in the payment phase each end state needs, and the bank its answer', () => {
    expect(demoPlan('approved', FULL).finalApproval).toEqual({ stage: 'bureau', phase: 'waiting' });
    expect(demoPlan('paying', FULL).finalApproval).toEqual({ stage: 'bureau', phase: 'open' });
    const paid = demoPlan('paid', ['district', 'bureau']);
    expect(paid).toEqual({ submit: true, decisions: [{ stage: 'district', decision: 'approve' }], finalApproval: { stage: 'bureau', phase: 'settled' }, bank: { result: 'paid' } });
    expect(demoPlan('payReturned', FULL, { reason: '户名与账号不符' }).bank).toEqual({ result: 'failed', reason: '户名与账号不符' });
  });

  it('should make valid card numbers and resident IDs from their bodies', () => {
    for (const body of ['622202150000120', '622202150000101', '6222021500001123']) expect(isValidBankCard(withLuhnDigit(body))).toBe(true);
    expect(withLuhnDigit('411111111111111')).toBe('4111111111111111');
    expect(isValidResidentId(withResidentIdCheck('21021120040315121'))).toBe(true);
    expect(() => withLuhnDigit('12ab')).toThrow();
  });
});
