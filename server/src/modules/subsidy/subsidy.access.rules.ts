import type { Types } from 'mongoose';
import { REVIEW_STAGES, type ReviewStage, type SubsidyStatus } from '../../contract/subsidy';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import type { SubsidyApplicationDoc } from './subsidy.model';

type Staff = Pick<AuthUser, 'roles' | 'scope'>;
/** Where an application belongs for review: the graduate's college and the district of employment. */
type Placed = Pick<SubsidyApplicationDoc, 'collegeId' | 'employmentDistrict'>;

/** The stages a staff member reviews: their college's, their district's, the bureau's. */
export function reviewerStages(user: Staff): ReviewStage[] {
  const stages: ReviewStage[] = [];
  if (user.roles.includes('college') && user.scope.collegeId) stages.push('college');
  if (user.roles.includes('district') && user.scope.districtCode) stages.push('district');
  if (user.roles.includes('bureau')) stages.push('bureau');
  return stages;
}

/** Whether this staff member reviews the application at `stage`: its college, its district of employment, or the bureau. */
export function coversAt(user: Staff, doc: Placed, stage: ReviewStage): boolean {
  switch (stage) {
    case 'college':
      return user.roles.includes('college') && !!user.scope.collegeId && doc.collegeId === user.scope.collegeId;
    case 'district':
      return user.roles.includes('district') && !!user.scope.districtCode && doc.employmentDistrict === user.scope.districtCode;
    case 'bureau':
      return user.roles.includes('bureau');
  }
}

/** Staff who may see an application at any stage: the bureau all, a college its graduates', a district those employed there. */
export function canSee(user: Staff, doc: Placed): boolean {
  return REVIEW_STAGES.some(stage => coversAt(user, doc, stage));
}

/** Who may decide now: the reviewer covering the application at its current stage. */
export function canAct(user: Staff, doc: Placed & Pick<SubsidyApplicationDoc, 'stage'>): boolean {
  return !!doc.stage && coversAt(user, doc, doc.stage);
}

/**
 * The applicant's side: a graduate's own application, or an enterprise's for its recruiters
 * (`recruiterIds`: the enterprise's, when the application is an enterprise's).
 */
export function isApplicant(
  user: Pick<AuthUser, 'id' | 'roles'>,
  doc: Pick<SubsidyApplicationDoc, 'applicantId' | 'applicantKind'>,
  recruiterIds: readonly Types.ObjectId[] = [],
): boolean {
  if (doc.applicantKind === 'enterprise') return user.roles.includes('recruiter') && recruiterIds.some(r => r.equals(user.id));
  return doc.applicantId.equals(user.id);
}

/** Documents are opened by the applicant's side and by staff who may see the application. */
export function canReadDocuments(
  user: Pick<AuthUser, 'id' | 'roles' | 'scope'>,
  doc: Placed & Pick<SubsidyApplicationDoc, 'applicantId' | 'applicantKind'>,
  recruiterIds: readonly Types.ObjectId[] = [],
): boolean {
  return isApplicant(user, doc, recruiterIds) || canSee(user, doc);
}

export type QueueScope = Partial<Pick<SubsidyApplicationDoc, 'status' | 'stage' | 'collegeId' | 'employmentDistrict'>>;

/**
 * A reviewer's list, one scope per stage they review: applications placed with them, and while in
 * review only those waiting at that stage. Staff who review nothing are refused.
 */
export function reviewQueueScopes(user: Staff, status: SubsidyStatus = 'reviewing'): QueueScope[] {
  const stages = reviewerStages(user);
  if (stages.length === 0) throw new BizError('FORBIDDEN');
  return stages.map(stage => {
    const scope: QueueScope = status === 'reviewing' ? { status, stage } : { status };
    if (stage === 'college') scope.collegeId = user.scope.collegeId;
    if (stage === 'district') scope.employmentDistrict = user.scope.districtCode;
    return scope;
  });
}

/**
 * The stage this reviewer may decide the application at now. Refused: out of scope; no longer in
 * review; a stage of theirs already decided by a colleague (a lost race: a conflict); or not yet at
 * their stage.
 */
export function decidableStage(user: Staff, doc: Placed & Pick<SubsidyApplicationDoc, 'status' | 'stage' | 'stages'>): ReviewStage {
  if (!canSee(user, doc)) throw new BizError('OUT_OF_SCOPE');
  const { stage } = doc;
  if (doc.status !== 'reviewing' || !stage) throw new BizError('SUBSIDY_STATE_CHANGED');
  if (coversAt(user, doc, stage)) return stage;
  const current = doc.stages.indexOf(stage);
  const passed = reviewerStages(user).some(own => {
    const i = doc.stages.indexOf(own);
    return i >= 0 && i < current && coversAt(user, doc, own);
  });
  throw passed ? new BizError('SUBSIDY_STATE_CHANGED') : new BizError('OUT_OF_SCOPE', '该申请当前不在您的审核环节');
}
