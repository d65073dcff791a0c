import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { ContentSummary } from '../../contract/policy';
import type { DistrictCode } from '../../contract/reference';
import {
  PLACE_STATUS_LABELS,
  REGISTRATION_STATUS_LABELS,
  type CancelInput,
  type ContestInput,
  type ContestRegistrationInput,
  type ContestRegistrationView,
  type ContestUpdateInput,
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
import { UserService } from '../user/user.service';
import { ContentService } from '../content/content.service';
import { isDuplicateKey, managedFilter, manages, ownerOf, personOf } from './growth.access';
import {
  ContestModel,
  ContestRegistrationModel,
  PlaceApplicationModel,
  type ContestDoc,
  type ContestRegistrationDoc,
  type PlaceApplicationDoc,
} from './growth.model';
import { GrowthNotifier } from './growth.notify';
import { canMoveRegistration, contestOpen, decisionTarget, editRefusal, reasonMissing, versionFilter } from './growth.rules';

function toRegistrationView(doc: ContestRegistrationDoc): ContestRegistrationView {
  const status = doc.status ?? 'submitted';
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
    status,
    statusLabel: REGISTRATION_STATUS_LABELS[status],
    reason: doc.reason,
    decidedAt: doc.decidedAt?.toISOString(),
  };
}

function toContestView(doc: ContestDoc, now: Date, mine?: ContestRegistrationDoc, audience: 'student' | 'staff' = 'student'): ContestView {
  const status = doc.status ?? 'open';
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    organiser: doc.organiser,
    summary: doc.summary,
    registrationClosesOn: doc.registrationClosesOn,
    url: doc.url,
    open: status === 'open' && contestOpen(doc.registrationClosesOn, now),
    status,
    cancelReason: doc.cancelReason,
    registrations: doc.registrations,
    version: audience === 'staff' ? (doc.version ?? 0) : undefined,
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
  private users!: UserService;

  @Inject()
  private contents!: ContentService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notifier!: GrowthNotifier;

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
    return toContestView(doc.toObject(), this.now(), undefined, 'staff');
  }

  private async managedContest(staff: AuthUser, id: string): Promise<ContestDoc> {
    const contest = await this.db.model(ContestModel).findById(id).lean();
    if (!contest) throw notFound('大赛');
    if (!manages(staff, contest.owner)) throw new BizError('OUT_OF_SCOPE');
    return contest;
  }

  /** A staff edit, conditional on the version the editor loaded (GROWTH_STALE otherwise). */
  async updateContest(staff: AuthUser, id: string, input: ContestUpdateInput, requestId?: string): Promise<ContestView> {
    const before = await this.managedContest(staff, id);
    const fields = { title: input.title, organiser: input.organiser, summary: input.summary, registrationClosesOn: input.registrationClosesOn, url: input.url };
    const contests = this.db.model(ContestModel);
    const after = await contests
      .findOneAndUpdate({ _id: before._id, status: { $ne: 'cancelled' }, ...versionFilter(input.version) }, { $set: { ...fields, updatedBy: staff.id }, $inc: { version: 1 } }, { new: true })
      .lean();
    if (!after) {
      const current = await this.managedContest(staff, id);
      const replay =
        current.status !== 'cancelled' &&
        (current.version ?? 0) === input.version + 1 &&
        current.updatedBy === staff.id &&
        (Object.keys(fields) as Array<keyof typeof fields>).every(k => current[k] === fields[k]);
      if (replay) return toContestView(current, this.now(), undefined, 'staff');
      throw new BizError(editRefusal({ ...current, status: current.status ?? 'open' }, { version: input.version }), undefined, 'version');
    }
    await this.audit.record(
      staff,
      { action: 'growth.contest.update', targetType: 'growthContest', targetId: id, from: `v${before.version ?? 0}`, to: `v${after.version ?? 0}`, detail: { title: after.title } },
      requestId,
    );
    return toContestView(after, this.now(), undefined, 'staff');
  }

  /** Cancels a contest; every team registered (and not turned down) is told why. */
  async cancelContest(staff: AuthUser, id: string, input: CancelInput, requestId?: string): Promise<ContestView> {
    const before = await this.managedContest(staff, id);
    const reason = input.reason.trim();
    const contests = this.db.model(ContestModel);
    // Every team registered now (and not turned down) is told, the notice written with the cancel.
    const told = await this.teamsOf(before._id);
    const notice = told.length ? { $push: { pendingNotices: this.notifier.entry(told, { type: 'contest-cancelled', contestId: id, title: before.title, reason }) } } : {};
    let after: ContestDoc | null = await contests
      .findOneAndUpdate(
        { _id: before._id, status: { $ne: 'cancelled' }, ...versionFilter(input.version) },
        { $set: { status: 'cancelled', cancelReason: reason, cancelledAt: this.now(), cancelledBy: staff.id, updatedBy: staff.id }, $inc: { version: 1 }, ...notice },
        { new: true },
      )
      .lean();
    if (after) {
      await this.audit.record(staff, { action: 'growth.contest.cancel', targetType: 'growthContest', targetId: id, from: 'open', to: 'cancelled', reason }, requestId);
      await this.notifier.flush(contests, after._id);
    } else {
      const current = await this.managedContest(staff, id);
      if (current.status !== 'cancelled' || current.cancelledBy !== staff.id) {
        throw new BizError(editRefusal({ ...current, status: current.status ?? 'open' }, { version: input.version }), undefined, 'version');
      }
      after = current;
      // A retry: tell what a dead request left, and repair a cancel written without its notice.
      await this.notifier.flush(contests, after._id);
      await this.notifier.tell(await this.teamsOf(after._id), { type: 'contest-cancelled', contestId: id, title: after.title, reason: after.cancelReason ?? reason });
    }
    return toContestView(after, this.now(), undefined, 'staff');
  }

  private async teamsOf(contestId: Types.ObjectId): Promise<string[]> {
    const teams = await this.db.model(ContestRegistrationModel).find({ contestId, status: { $ne: 'rejected' } }, { userId: 1 }).lean();
    return teams.map(r => r.userId);
  }

  /** Accepting or turning down a team; a rejection needs a reason, a repeat by the same person answers with the record. */
  async decideRegistration(staff: AuthUser, id: string, input: DecisionInput, requestId?: string): Promise<ContestRegistrationView> {
    if (reasonMissing(input.decision, input.reason)) throw new BizError('GROWTH_REASON_REQUIRED', undefined, 'reason');
    const registrations = this.db.model(ContestRegistrationModel);
    const doc = await registrations.findById(id).lean();
    if (!doc) throw notFound('报名记录');
    const contest = await this.managedContest(staff, doc.contestId.toHexString());
    const from = doc.status ?? 'submitted';
    const to = input.decision === 'approve' ? 'accepted' : 'rejected';
    const reason = input.reason?.trim() || undefined;
    let final: ContestRegistrationDoc | null = null;
    if (from === to && doc.decidedBy === staff.id) {
      final = doc;
    } else {
      if (!canMoveRegistration(from, to)) throw new BizError('GROWTH_ALREADY_DECIDED');
      const notice = this.notifier.entry([doc.userId], { type: 'contest-decided', registrationId: id, title: contest.title, status: to, reason });
      final = await registrations
        .findOneAndUpdate(
          { _id: doc._id, ...(from === 'submitted' ? { status: { $in: ['submitted', null] } } : { status: from }) },
          { $set: { status: to, reason, decidedBy: staff.id, decidedAt: this.now() }, $push: { pendingNotices: notice } },
          { new: true },
        )
        .lean();
      if (!final) throw new BizError('GROWTH_ALREADY_DECIDED');
      await this.audit.record(staff, { action: 'growth.contest.decide', targetType: 'growthContestRegistration', targetId: id, from, to, reason }, requestId);
    }
    // Written with the decision (a retry tells what a dead request left).
    await this.notifier.flush(registrations, final._id);
    return toRegistrationView(final);
  }

  /** One registration per student per contest; a repeated request returns the one on file. */
  async register(user: AuthUser, contestId: string, input: ContestRegistrationInput): Promise<ContestRegistrationView> {
    const contest = await this.db.model(ContestModel).findById(contestId).lean();
    if (!contest) throw notFound('大赛');
    const registrations = this.db.model(ContestRegistrationModel);
    const existing = await registrations.findOne({ contestId: contest._id, userId: user.id }).lean();
    if (existing) {
      await this.notifier.flush(registrations, existing._id);
      return toRegistrationView(existing);
    }
    if (contest.status === 'cancelled') throw new BizError('CONTEST_CLOSED', '大赛已取消');
    if (!contestOpen(contest.registrationClosesOn, this.now())) throw new BizError('CONTEST_CLOSED');
    const me = await personOf(this.users, user.id);
    try {
      // The confirmation is written with the registration, so one never exists without the other.
      const _id = new Types.ObjectId();
      await registrations.create({
        _id,
        contestId: contest._id,
        contestTitle: contest.title,
        userId: user.id,
        leaderName: me.name,
        ...input,
        registeredAt: this.now(),
        pendingNotices: [this.notifier.entry([user.id], { type: 'contest-registered', registrationId: _id.toHexString(), title: contest.title })],
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Counted, not incremented: a retry after a crash between the two writes cannot skew it.
    const count = await registrations.countDocuments({ contestId: contest._id });
    await this.db.model(ContestModel).updateOne({ _id: contest._id }, { $set: { registrations: count } });
    const mine = await registrations.findOne({ contestId: contest._id, userId: user.id }).lean();
    if (!mine) throw notFound('报名记录');
    await this.notifier.flush(registrations, mine._id);
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
    return docs.map(d => toContestView(d, now, undefined, 'staff'));
  }

  // -------------------------------------------------------------------------
  // Incubators and maker spaces
  // -------------------------------------------------------------------------

  async incubators(): Promise<ContentSummary[]> {
    return this.contents.institutions('incubator', 200);
  }

  /** One open application per student and incubator; a repeated request returns the open one. */
  async applyPlace(user: AuthUser, input: PlaceApplicationInput): Promise<PlaceApplicationView> {
    const institution = await this.contents.publishedInstitution(input.institutionId, 'incubator');
    if (!institution) throw new BizError('PLACE_INSTITUTION_INVALID', undefined, 'institutionId');
    const openKey = `${institution._id.toHexString()}:${user.id}`;
    const places = this.db.model(PlaceApplicationModel);
    const open = await places.findOne({ openKey }).lean();
    if (open) return toPlaceView(open);
    const me = await personOf(this.users, user.id);
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
    const notice = this.notifier.entry([doc.userId], { type: 'place-decided', applicationId: id, name: doc.institutionName, status: to, reason });
    const moved = await places
      .findOneAndUpdate(
        { _id: doc._id, status: 'submitted' },
        { $set: { status: to, reason, decidedBy: staff.id, decidedAt: this.now() }, $unset: { openKey: 1 }, $push: { pendingNotices: notice } },
        { new: true },
      )
      .lean();
    let final = moved;
    if (!final) {
      const now = await places.findById(id).lean();
      // The same decision sent twice (a retried request) is answered with the record as it stands.
      if (!now || now.status !== to || now.decidedBy !== staff.id) throw new BizError('GROWTH_ALREADY_DECIDED');
      final = now;
    } else {
      await this.audit.record(staff, { action: 'growth.place.decide', targetType: 'growthPlaceApplication', targetId: id, from: 'submitted', to, reason }, requestId);
    }
    // Written with the decision (a retry tells what a dead request left).
    await this.notifier.flush(places, final._id);
    return toPlaceView(final);
  }
}
