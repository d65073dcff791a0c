import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ContentSummary } from '../../contract/policy';
import type { DistrictCode } from '../../contract/reference';
import {
  PLACE_STATUS_LABELS,
  type ContestInput,
  type ContestRegistrationInput,
  type ContestRegistrationView,
  type ContestView,
  type DecisionInput,
  type PlaceApplicationInput,
  type PlaceApplicationView,
  type PlaceStatus,
} from '../../contract/growth';
import { BizError, notFound } from '../../core/errors';
import { Database } from '../../core/database';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { ContentModel } from '../content/content.model';
import { toSummary } from '../content/content.service';
import { isDuplicateKey, managedFilter, manages, ownerOf, personOf } from './growth.access';
import {
  ContestModel,
  ContestRegistrationModel,
  PlaceApplicationModel,
  type ContestDoc,
  type ContestRegistrationDoc,
  type PlaceApplicationDoc,
} from './growth.model';
import { contestOpen, decisionTarget, reasonMissing } from './growth.rules';

function toRegistrationView(doc: ContestRegistrationDoc): ContestRegistrationView {
  return {
    id: doc._id.toHexString(),
    contestId: doc.contestId.toHexString(),
    contestTitle: doc.contestTitle,
    leaderName: doc.leaderName,
    teamName: doc.teamName,
    members: doc.members,
    projectTitle: doc.projectTitle,
    projectSummary: doc.projectSummary,
    registeredAt: doc.registeredAt.toISOString(),
  };
}

function toContestView(doc: ContestDoc, now: Date, mine?: ContestRegistrationDoc): ContestView {
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    organiser: doc.organiser,
    summary: doc.summary,
    registrationClosesOn: doc.registrationClosesOn,
    url: doc.url,
    open: contestOpen(doc.registrationClosesOn, now),
    registrations: doc.registrations,
    mine: mine ? toRegistrationView(mine) : undefined,
  };
}

function toPlaceView(doc: PlaceApplicationDoc): PlaceApplicationView {
  return {
    id: doc._id.toHexString(),
    institutionId: doc.institutionId.toHexString(),
    institutionName: doc.institutionName,
    district: doc.district as DistrictCode | undefined,
    applicantName: doc.applicantName,
    projectTitle: doc.projectTitle,
    projectSummary: doc.projectSummary,
    teamSize: doc.teamSize,
    needs: doc.needs,
    status: doc.status,
    statusLabel: PLACE_STATUS_LABELS[doc.status],
    reason: doc.reason,
    submittedAt: doc.submittedAt.toISOString(),
    decidedAt: doc.decidedAt?.toISOString(),
  };
}

/** Startup support (action 5): contests, and places in incubators / maker spaces of the institution list. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StartupService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  now: () => Date = () => new Date();

  // -------------------------------------------------------------------------
  // Contests
  // -------------------------------------------------------------------------

  async contests(user: AuthUser): Promise<ContestView[]> {
    const docs = await this.db.model(ContestModel).find({}).sort({ registrationClosesOn: -1, _id: -1 }).limit(100).lean();
    const mine = await this.db.model(ContestRegistrationModel).find({ userId: user.id, contestId: { $in: docs.map(d => d._id) } }).lean();
    const byContest = new Map(mine.map(r => [r.contestId.toHexString(), r]));
    const now = this.now();
    return docs.map(d => toContestView(d, now, byContest.get(d._id.toHexString())));
  }

  async createContest(staff: AuthUser, input: ContestInput, requestId?: string): Promise<ContestView> {
    const doc = await this.db.model(ContestModel).create({ ...input, owner: ownerOf(staff), createdBy: staff.id });
    await this.audit.record(staff, { action: 'growth.contest.create', targetType: 'growthContest', targetId: doc._id.toHexString(), to: input.title }, requestId);
    return toContestView(doc.toObject(), this.now());
  }

  /** One registration per student per contest; a repeated request returns the one on file. */
  async register(user: AuthUser, contestId: string, input: ContestRegistrationInput): Promise<ContestRegistrationView> {
    const contest = await this.db.model(ContestModel).findById(contestId).lean();
    if (!contest) throw notFound('大赛');
    const registrations = this.db.model(ContestRegistrationModel);
    const existing = await registrations.findOne({ contestId: contest._id, userId: user.id }).lean();
    if (existing) return toRegistrationView(existing);
    if (!contestOpen(contest.registrationClosesOn, this.now())) throw new BizError('CONTEST_CLOSED');
    const me = await personOf(this.db, user.id);
    try {
      await registrations.create({
        contestId: contest._id,
        contestTitle: contest.title,
        userId: user.id,
        leaderName: me.name,
        ...input,
        registeredAt: this.now(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Counted, not incremented: a retry after a crash between the two writes cannot skew it.
    const count = await registrations.countDocuments({ contestId: contest._id });
    await this.db.model(ContestModel).updateOne({ _id: contest._id }, { $set: { registrations: count } });
    const mine = await registrations.findOne({ contestId: contest._id, userId: user.id }).lean();
    if (!mine) throw notFound('报名记录');
    return toRegistrationView(mine);
  }

  async myRegistrations(user: AuthUser): Promise<ContestRegistrationView[]> {
    const docs = await this.db.model(ContestRegistrationModel).find({ userId: user.id }).sort({ registeredAt: -1 }).limit(100).lean();
    return docs.map(toRegistrationView);
  }

  async registrations(staff: AuthUser, contestId: string): Promise<ContestRegistrationView[]> {
    const contest = await this.db.model(ContestModel).findById(contestId).lean();
    if (!contest) throw notFound('大赛');
    if (!manages(staff, contest.owner)) throw new BizError('OUT_OF_SCOPE');
    const docs = await this.db.model(ContestRegistrationModel).find({ contestId: contest._id }).sort({ registeredAt: 1 }).limit(5000).lean();
    return docs.map(toRegistrationView);
  }

  async managedContests(staff: AuthUser): Promise<ContestView[]> {
    const docs = await this.db.model(ContestModel).find(managedFilter(staff)).sort({ registrationClosesOn: -1, _id: -1 }).limit(200).lean();
    const now = this.now();
    return docs.map(d => toContestView(d, now));
  }

  // -------------------------------------------------------------------------
  // Incubators and maker spaces
  // -------------------------------------------------------------------------

  async incubators(): Promise<ContentSummary[]> {
    const docs = await this.db
      .model(ContentModel)
      .find({ kind: 'institution', status: 'published', 'institution.type': 'incubator' })
      .sort({ publishedAt: -1, _id: -1 })
      .limit(200)
      .lean();
    return docs.map(toSummary);
  }

  /** One open application per student and incubator; a repeated request returns the open one. */
  async applyPlace(user: AuthUser, input: PlaceApplicationInput): Promise<PlaceApplicationView> {
    const institution = await this.db
      .model(ContentModel)
      .findOne({ _id: input.institutionId, kind: 'institution', status: 'published', 'institution.type': 'incubator' })
      .lean();
    if (!institution) throw new BizError('PLACE_INSTITUTION_INVALID', undefined, 'institutionId');
    const openKey = `${institution._id.toHexString()}:${user.id}`;
    const places = this.db.model(PlaceApplicationModel);
    const open = await places.findOne({ openKey }).lean();
    if (open) return toPlaceView(open);
    const me = await personOf(this.db, user.id);
    try {
      const doc = await places.create({
        institutionId: institution._id,
        institutionName: institution.title,
        district: institution.institution?.district ?? institution.district,
        userId: user.id,
        applicantName: me.name,
        projectTitle: input.projectTitle,
        projectSummary: input.projectSummary,
        teamSize: input.teamSize,
        needs: input.needs,
        status: 'submitted',
        openKey,
        submittedAt: this.now(),
      });
      return toPlaceView(doc.toObject());
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const again = await places.findOne({ openKey }).lean();
      if (!again) throw err;
      return toPlaceView(again);
    }
  }

  async myPlaces(user: AuthUser): Promise<PlaceApplicationView[]> {
    const docs = await this.db.model(PlaceApplicationModel).find({ userId: user.id }).sort({ submittedAt: -1 }).limit(100).lean();
    return docs.map(toPlaceView);
  }

  /** Bureau: all; a district: incubators in its district. */
  async placeQueue(staff: AuthUser, status: PlaceStatus = 'submitted'): Promise<PlaceApplicationView[]> {
    const filter: Record<string, unknown> = { status };
    if (!staff.roles.includes('bureau') && !staff.roles.includes('admin')) {
      if (!staff.roles.includes('district') || !staff.scope.districtCode) throw new BizError('OUT_OF_SCOPE');
      filter.district = staff.scope.districtCode;
    }
    const docs = await this.db.model(PlaceApplicationModel).find(filter).sort({ submittedAt: -1, _id: -1 }).limit(200).lean();
    return docs.map(toPlaceView);
  }

  async decidePlace(staff: AuthUser, id: string, input: DecisionInput, requestId?: string): Promise<PlaceApplicationView> {
    if (reasonMissing(input.decision, input.reason)) throw new BizError('GROWTH_REASON_REQUIRED', undefined, 'reason');
    const places = this.db.model(PlaceApplicationModel);
    const doc = await places.findById(id).lean();
    if (!doc) throw notFound('入驻申请');
    if (!doc.district ? !staff.roles.includes('bureau') && !staff.roles.includes('admin') : !manages(staff, { districtCode: doc.district })) throw new BizError('OUT_OF_SCOPE');
    const to = decisionTarget(input.decision);
    const reason = input.reason?.trim() || undefined;
    const moved = await places
      .findOneAndUpdate(
        { _id: doc._id, status: 'submitted' },
        { $set: { status: to, reason, decidedBy: staff.id, decidedAt: this.now() }, $unset: { openKey: 1 } },
        { new: true },
      )
      .lean();
    if (!moved) {
      const now = await places.findById(id).lean();
      // The same decision sent twice (a retried request) is answered with the record as it stands.
      if (now && now.status === to && now.decidedBy === staff.id) return toPlaceView(now);
      throw new BizError('GROWTH_ALREADY_DECIDED');
    }
    await this.audit.record(staff, { action: 'growth.place.decide', targetType: 'growthPlaceApplication', targetId: id, from: 'submitted', to, reason }, requestId);
    return toPlaceView(moved);
  }
}
