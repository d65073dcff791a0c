import { Types } from 'mongoose';
import type { Role } from '../../../server/src/contract/roles';
import type { ReviewStage } from '../../../server/src/contract/subsidy';
import {
  canAct,
  canReadDocuments,
  canSee,
  decidableStage,
  isApplicant,
  reviewerStages,
  reviewQueueScopes,
} from '../../../server/src/modules/subsidy/subsidy.access.rules';
import { expectRefusal } from '../support/refusal';

const person = (roles: Role[], scope: { collegeId?: string; districtCode?: string } = {}) => ({ id: new Types.ObjectId().toHexString(), roles, scope });

const bureau = person(['bureau']);
const dlut = person(['college'], { collegeId: 'dlut' });
const dlmu = person(['college'], { collegeId: 'dlmu' });
const zhuanghe = person(['district'], { districtCode: '210283' });
const ganjingzi = person(['district'], { districtCode: '210211' });
const student = person(['student']);
const recruiter = person(['recruiter']);

/** A graduate of 大连理工大学 employed in 庄河市, through college, district and bureau review. */
const application = (stage?: ReviewStage, patch: Record<string, unknown> = {}) => ({
  applicantId: new Types.ObjectId(),
  applicantKind: 'graduate' as const,
  collegeId: 'dlut',
  employmentDistrict: '210283',
  status: stage ? ('reviewing' as const) : ('draft' as const),
  stage,
  stages: ['college', 'district', 'bureau'] as ReviewStage[],
  ...patch,
});

describe('who reviews at which stage', () => {
  it('should give college staff the college stage, district staff the district stage and the bureau its own', () => {
    expect(reviewerStages(dlut)).toEqual(['college']);
    expect(reviewerStages(zhuanghe)).toEqual(['district']);
    expect(reviewerStages(bureau)).toEqual(['bureau']);
    expect(reviewerStages(person(['college', 'bureau'], { collegeId: 'dlut' }))).toEqual(['college', 'bureau']);
  });

  it('should give staff without a college or district in their scope no stage, and applicants none', () => {
    expect(reviewerStages(person(['college']))).toEqual([]);
    expect(reviewerStages(person(['district']))).toEqual([]);
    expect(reviewerStages(student)).toEqual([]);
    expect(reviewerStages(recruiter)).toEqual([]);
  });
});

describe('who sees an application', () => {
  it('should let a college reviewer see its own graduates’ applications only', () => {
    expect(canSee(dlut, application('college'))).toBe(true);
    expect(canSee(dlmu, application('college'))).toBe(false);
  });

  it('should let a district see applications of people employed there only', () => {
    expect(canSee(zhuanghe, application('college'))).toBe(true);
    expect(canSee(ganjingzi, application('college'))).toBe(false);
  });

  it('should let the bureau see every application', () => {
    expect(canSee(bureau, application('college'))).toBe(true);
    expect(canSee(bureau, application(undefined, { collegeId: undefined, employmentDistrict: '210211' }))).toBe(true);
  });

  it('should not let applicants see applications through the review side', () => {
    expect(canSee(student, application('college'))).toBe(false);
    expect(canSee(recruiter, application('district'))).toBe(false);
  });

  it('should let a graduate read their own application only', () => {
    const own = application('college', { applicantId: new Types.ObjectId(student.id) });
    expect(isApplicant(student, own)).toBe(true);
    expect(isApplicant(student, application('college'))).toBe(false);
  });

  it('should let a recruiter read their enterprise’s applications only', () => {
    const enterpriseApp = application('district', { applicantKind: 'enterprise', collegeId: undefined, stages: ['district', 'bureau'] });
    const recruiters = [new Types.ObjectId(recruiter.id)];
    expect(isApplicant(recruiter, enterpriseApp, recruiters)).toBe(true);
    expect(isApplicant(recruiter, enterpriseApp, [new Types.ObjectId()])).toBe(false);
    expect(isApplicant(recruiter, enterpriseApp)).toBe(false);
    // Only a recruiter speaks for an enterprise, even one listed among its recruiters.
    const formerRecruiter = person(['student']);
    expect(isApplicant(formerRecruiter, enterpriseApp, [new Types.ObjectId(formerRecruiter.id)])).toBe(false);
  });

  it('should open documents to the applicant’s side and to staff who see the application', () => {
    const own = application('college', { applicantId: new Types.ObjectId(student.id) });
    expect(canReadDocuments(student, own)).toBe(true);
    expect(canReadDocuments(dlut, own)).toBe(true);
    expect(canReadDocuments(dlmu, own)).toBe(false);
    expect(canReadDocuments(person(['student']), own)).toBe(false);
  });
});

describe('who acts on an application at its current stage', () => {
  it('should let the college act only while the application waits at the college stage', () => {
    expect(canAct(dlut, application('college'))).toBe(true);
    expect(canAct(dlut, application('district'))).toBe(false);
    expect(canAct(dlmu, application('college'))).toBe(false);
  });

  it('should let the district act only at the district stage, in its own district', () => {
    expect(canAct(zhuanghe, application('district'))).toBe(true);
    expect(canAct(zhuanghe, application('college'))).toBe(false);
    expect(canAct(ganjingzi, application('district'))).toBe(false);
  });

  it('should let the bureau act only at the bureau stage', () => {
    expect(canAct(bureau, application('bureau'))).toBe(true);
    expect(canAct(bureau, application('district'))).toBe(false);
  });

  it('should let no one act on an application not in review', () => {
    expect(canAct(bureau, application(undefined))).toBe(false);
  });

  it('should name the stage a reviewer may decide now', () => {
    expect(decidableStage(dlut, application('college'))).toBe('college');
    expect(decidableStage(bureau, application('bureau'))).toBe('bureau');
  });

  it('should refuse staff outside the application’s scope with OUT_OF_SCOPE', () => {
    expectRefusal(() => decidableStage(dlmu, application('college')), 'OUT_OF_SCOPE');
    expectRefusal(() => decidableStage(recruiter, application('district')), 'OUT_OF_SCOPE');
  });

  it('should refuse a reviewer whose stage has not come yet with OUT_OF_SCOPE, saying so', () => {
    expectRefusal(() => decidableStage(zhuanghe, application('college')), 'OUT_OF_SCOPE', { message: '该申请当前不在您的审核环节' });
    expectRefusal(() => decidableStage(bureau, application('district')), 'OUT_OF_SCOPE', { message: '该申请当前不在您的审核环节' });
  });

  it('should refuse a reviewer whose stage a colleague has just decided as a conflict', () => {
    expectRefusal(() => decidableStage(dlut, application('district')), 'SUBSIDY_STATE_CHANGED');
    expectRefusal(() => decidableStage(zhuanghe, application('bureau')), 'SUBSIDY_STATE_CHANGED');
  });

  it('should refuse a decision on an application no longer in review as a conflict', () => {
    expectRefusal(() => decidableStage(bureau, application(undefined, { status: 'approved' })), 'SUBSIDY_STATE_CHANGED');
    expectRefusal(() => decidableStage(dlut, application('college', { status: 'returned' })), 'SUBSIDY_STATE_CHANGED');
  });
});

describe('review queues', () => {
  it('should list for a college reviewer the applications of its graduates waiting at the college stage', () => {
    expect(reviewQueueScopes(dlut)).toEqual([{ status: 'reviewing', stage: 'college', collegeId: 'dlut' }]);
  });

  it('should list for a district the applications of people employed there waiting at the district stage', () => {
    expect(reviewQueueScopes(zhuanghe)).toEqual([{ status: 'reviewing', stage: 'district', employmentDistrict: '210283' }]);
  });

  it('should list for the bureau everything waiting at the bureau stage', () => {
    expect(reviewQueueScopes(bureau)).toEqual([{ status: 'reviewing', stage: 'bureau' }]);
  });

  it('should list applications in another status at any stage, still within scope', () => {
    expect(reviewQueueScopes(dlut, 'approved')).toEqual([{ status: 'approved', collegeId: 'dlut' }]);
    expect(reviewQueueScopes(person(['district', 'bureau'], { districtCode: '210211' }), 'returned')).toEqual([
      { status: 'returned', employmentDistrict: '210211' },
      { status: 'returned' },
    ]);
  });

  it('should refuse a queue to anyone who reviews nothing', () => {
    expectRefusal(() => reviewQueueScopes(student), 'FORBIDDEN');
    expectRefusal(() => reviewQueueScopes(person(['college'])), 'FORBIDDEN');
  });
});
