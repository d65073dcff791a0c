import { Types } from 'mongoose';
import { decisionStep, subsidyStepNotice } from '../../../server/src/modules/subsidy/subsidy.notice.rules';

const base = { _id: new Types.ObjectId('65f0a1b2c3d4e5f601234567'), programName: '测试补贴', applicantName: '大连示例科技有限公司', timeline: [{}, {}] as never[] };
const entry = { at: new Date(), action: 'approved' as const, stage: 'college' as const, actorRole: 'college' as const, actorId: 'x' };

describe('subsidy step notices', () => {
  it('should name the notice by the position of the step about to be written', () => {
    expect(subsidyStepNotice({ ...base, applicantKind: 'graduate' }, { kind: 'approved', stage: 'bureau' })).toMatchObject({ type: 'subsidy.approved', step: 2 });
  });

  it('should tell a graduate each stage passed, and the decision that ends the review', () => {
    expect(decisionStep({ stage: 'college', set: { stage: 'district' }, entry })).toEqual({ kind: 'stage-passed', stage: 'college', next: 'district' });
    expect(decisionStep({ stage: 'district', set: { status: 'returned' }, entry: { ...entry, action: 'returned', reason: '缺少材料' } })).toEqual({ kind: 'returned', stage: 'district', reason: '缺少材料' });
    expect(subsidyStepNotice({ ...base, applicantKind: 'graduate' }, { kind: 'stage-passed', stage: 'college', next: 'district' })).toMatchObject({ type: 'subsidy.stage-passed', stage: 'college', next: 'district' });
    expect(subsidyStepNotice({ ...base }, { kind: 'returned', stage: 'district', reason: '缺少材料' })).toMatchObject({ type: 'subsidy.returned', reason: '缺少材料' });
  });

  it('should tell an enterprise’s recruiters with the enterprise named, payments included', () => {
    expect(subsidyStepNotice({ ...base, applicantKind: 'enterprise' }, { kind: 'paid', amount: 5000 })).toEqual({
      type: 'subsidy.enterprise-decided',
      applicationId: '65f0a1b2c3d4e5f601234567',
      programName: '测试补贴',
      step: 2,
      enterpriseName: '大连示例科技有限公司',
      outcome: 'paid',
      amount: 5000,
    });
    expect(subsidyStepNotice({ ...base, applicantKind: 'enterprise' }, { kind: 'payment-returned', reason: '账户已销户' })).toMatchObject({ outcome: 'payment-returned', reason: '账户已销户' });
  });
});
