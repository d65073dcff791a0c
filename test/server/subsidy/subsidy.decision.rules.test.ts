import { Types } from 'mongoose';
import type { Role } from '../../../server/src/contract/roles';
import type { ReviewStage } from '../../../server/src/contract/subsidy';
import { ACCOUNT_NEXT_STEP, bankResult, explainDecision, reviewDecision } from '../../../server/src/modules/subsidy/subsidy.decision.rules';
import { expectRefusal } from '../support/refusal';

const now = new Date('2026-06-10T02:00:00.000Z');
const person = (roles: Role[], scope: { collegeId?: string; districtCode?: string } = {}) => ({ id: new Types.ObjectId().toHexString(), roles, scope });

const bureau = person(['bureau']);
const dlut = person(['college'], { collegeId: 'dlut' });
const zhuanghe = person(['district'], { districtCode: '210283' });

const waiting = (stage: ReviewStage, stages: ReviewStage[] = ['college', 'district', 'bureau']) => ({
  status: 'reviewing' as const,
  stage,
  stages,
  collegeId: 'dlut',
  employmentDistrict: '210283',
});

describe('approving', () => {
  it('should move an application approved by its college on to the district', () => {
    const outcome = reviewDecision(dlut, waiting('college'), { decision: 'approve' }, now);
    expect(outcome).toMatchObject({ stage: 'college', set: { stage: 'district' }, final: false });
    expect(outcome.entry).toEqual({ at: now, action: 'approved', stage: 'college', actorRole: 'college', actorId: dlut.id, reason: undefined });
    expect(outcome.audit).toEqual({ action: 'subsidy.approve', from: 'reviewing:college', to: 'reviewing:district', reason: undefined });
  });

  it('should move an application approved by the district on to the bureau', () => {
    const outcome = reviewDecision(zhuanghe, waiting('district'), { decision: 'approve' }, now);
    expect(outcome).toMatchObject({ set: { stage: 'bureau' }, final: false, audit: { from: 'reviewing:district', to: 'reviewing:bureau' } });
    expect(outcome.entry.actorRole).toBe('district');
  });

  it('should approve the application when the bureau approves at the last stage, ending the review', () => {
    const outcome = reviewDecision(bureau, waiting('bureau'), { decision: 'approve' }, now);
    expect(outcome).toMatchObject({ set: { status: 'approved' }, final: true, audit: { action: 'subsidy.approve', to: 'approved' } });
  });

  it('should follow the application’s own stages: an enterprise’s goes from its district to the bureau', () => {
    const outcome = reviewDecision(zhuanghe, waiting('district', ['district', 'bureau']), { decision: 'approve' }, now);
    expect(outcome.set).toEqual({ stage: 'bureau' });
    expect(reviewDecision(bureau, waiting('bureau', ['bureau']), { decision: 'approve' }, now).set).toEqual({ status: 'approved' });
  });
});

describe('returning and rejecting', () => {
  it('should return an application for correction with the reason, at the stage that returned it', () => {
    const outcome = reviewDecision(dlut, waiting('college'), { decision: 'return', reason: ' 毕业证书照片不清晰 ' }, now);
    expect(outcome.set).toEqual({ status: 'returned' });
    expect(outcome.entry).toMatchObject({ action: 'returned', stage: 'college', reason: '毕业证书照片不清晰' });
    expect(outcome.audit).toEqual({ action: 'subsidy.return', from: 'reviewing:college', to: 'returned', reason: '毕业证书照片不清晰' });
    expect(outcome.final).toBe(true);
  });

  it('should reject an application for good, at any stage, with the reason', () => {
    const outcome = reviewDecision(zhuanghe, waiting('district'), { decision: 'reject', reason: '非本区就业' }, now);
    expect(outcome).toMatchObject({ set: { status: 'rejected' }, final: true, entry: { action: 'rejected', reason: '非本区就业' }, audit: { to: 'rejected' } });
  });

  it('should name missing documents in words and say what to do next when returning', () => {
    const outcome = reviewDecision(dlut, waiting('college'), { decision: 'return', reason: '', missingDocuments: ['laborContract', 'socialInsurance'] }, now);
    expect(outcome.entry.reason).toBe('缺少或需更换的材料：劳动合同、社保缴费证明');
    expect(outcome.entry.nextStep).toBe('请在“我的补贴申请”中点“补正材料”，上传劳动合同、社保缴费证明后重新提交，申请将回到本环节继续审核');
    const both = explainDecision('return', '毕业证书照片不清晰', ['diploma']);
    expect(both.reason).toBe('缺少或需更换的材料：毕业证书；毕业证书照片不清晰');
    expect(both.nextStep).toContain('上传毕业证书并按上述意见修改后重新提交');
  });

  it('should tell a rejected applicant the decision is final and how to appeal', () => {
    const outcome = reviewDecision(zhuanghe, waiting('district'), { decision: 'reject', reason: '就业单位不在本市' }, now);
    expect(outcome.entry).toMatchObject({ reason: '就业单位不在本市', nextStep: expect.stringContaining('行政复议') });
    expect(outcome.entry.nextStep).toContain('12333');
  });

  it('should give an approval no next step', () => {
    expect(reviewDecision(dlut, waiting('college'), { decision: 'approve' }, now).entry.nextStep).toBeUndefined();
  });

  it('should refuse to return or reject without a reason, naming the field', () => {
    expectRefusal(() => reviewDecision(dlut, waiting('college'), { decision: 'return' }, now), 'SUBSIDY_REASON_REQUIRED', { field: 'reason' });
    expectRefusal(() => reviewDecision(dlut, waiting('college'), { decision: 'reject', reason: '   ' }, now), 'SUBSIDY_REASON_REQUIRED', { field: 'reason' });
  });
});

describe('decisions refused', () => {
  it('should refuse a decision at a stage that is not the reviewer’s yet', () => {
    expectRefusal(() => reviewDecision(zhuanghe, waiting('college'), { decision: 'approve' }, now), 'OUT_OF_SCOPE', { message: '该申请当前不在您的审核环节' });
    expectRefusal(() => reviewDecision(bureau, waiting('district'), { decision: 'approve' }, now), 'OUT_OF_SCOPE');
  });

  it('should refuse a second decision at a stage already decided as a conflict', () => {
    expectRefusal(() => reviewDecision(dlut, waiting('district'), { decision: 'approve' }, now), 'SUBSIDY_STATE_CHANGED');
  });

  it('should refuse a decision by someone outside the application’s scope or without a reviewing role', () => {
    expectRefusal(() => reviewDecision(person(['college'], { collegeId: 'dlmu' }), waiting('college'), { decision: 'approve' }, now), 'OUT_OF_SCOPE');
    expectRefusal(() => reviewDecision(person(['district'], { districtCode: '210211' }), waiting('district'), { decision: 'approve' }, now), 'OUT_OF_SCOPE');
    expectRefusal(() => reviewDecision(person(['student']), waiting('college'), { decision: 'approve' }, now), 'OUT_OF_SCOPE');
  });

  it('should refuse any decision once the review is over, before asking for a reason', () => {
    for (const status of ['approved', 'returned', 'rejected', 'draft'] as const) {
      expectRefusal(() => reviewDecision(bureau, { ...waiting('bureau'), status }, { decision: 'reject' }, now), 'SUBSIDY_STATE_CHANGED');
    }
  });

  it('should check the scope before the reason: another college hears OUT_OF_SCOPE even without one', () => {
    expectRefusal(() => reviewDecision(person(['college'], { collegeId: 'dlmu' }), waiting('college'), { decision: 'return' }, now), 'OUT_OF_SCOPE');
  });
});

describe('bank results', () => {
  it('should mark a paid line’s application paid, telling the applicant the amount', () => {
    const outcome = bankResult({ result: 'paid', reason: '' }, 1500, bureau.id, now);
    expect(outcome).toEqual({
      set: { status: 'paid', paidAt: now },
      leavesBatch: false,
      entry: { at: now, action: 'paid', actorRole: 'bureau', actorId: bureau.id, reason: undefined },
      step: { kind: 'paid', amount: 1500 },
    });
  });

  it('should send a returned payment back to the applicant as 请更正收款账户, out of its batch, with the bank’s reason and what to do', () => {
    const outcome = bankResult({ result: 'failed', reason: '账户已销户' }, 1500, bureau.id, now);
    expect(outcome).toMatchObject({
      set: { status: 'payReturned', paymentReturn: { reason: '账户已销户', at: now } },
      leavesBatch: true,
      entry: { action: 'payFailed', reason: '银行退回：账户已销户', nextStep: ACCOUNT_NEXT_STEP },
    });
    expect(ACCOUNT_NEXT_STEP).toContain('更正收款账户');
    expect(outcome.step).toEqual({ kind: 'payment-returned', reason: '账户已销户' });
  });

  it('should say the bank gave no reason rather than leave the applicant guessing', () => {
    const outcome = bankResult({ result: 'failed', reason: ' ' }, 1500, bureau.id, now);
    expect(outcome.set).toMatchObject({ paymentReturn: { reason: '银行未说明原因' } });
    expect(outcome.step).toEqual({ kind: 'payment-returned', reason: '银行未说明原因' });
  });
});
