import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { AttendeeView, CancelInput, CourseInput, CourseKind, CourseUpdateInput, CourseView, SignupView } from '../../contract/growth';
import { BizError, invalidField, notFound } from '../../core/errors';
import { Database } from '../../core/database';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';
import { ContentService } from '../content/content.service';
import { SubsidyProgramService } from '../subsidy/subsidy-program.service';
import { isDuplicateKey, managedFilter, manages, ownerOf, peopleOf } from './growth.access';
import { CourseModel, SignupModel, type CourseDoc, type SignupDoc } from './growth.model';
import { GrowthNotifier } from './growth.notify';
import { courseChangeNote, courseFinished, courseProblems, editRefusal, rangeOf, signupOpen, versionFilter } from './growth.rules';

const DAY = 86_400_000;

export function toCourseView(doc: CourseDoc, mine?: SignupDoc, audience: 'student' | 'staff' = 'student'): CourseView {
  const active = mine && mine.status !== 'cancelled';
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary,
    topic: doc.topic,
    format: doc.format,
    url: active ? doc.url : undefined,
    location: doc.location,
    speaker: doc.speaker,
    startsAt: doc.startsAt.toISOString(),
    endsAt: rangeOf(doc.startsAt, doc.durationMinutes).endsAt.toISOString(),
    durationMinutes: doc.durationMinutes,
    capacity: doc.capacity,
    signedUp: doc.signedUp,
    status: doc.status,
    cancelReason: doc.cancelReason,
    institutionId: doc.institutionId?.toHexString(),
    institutionName: doc.institutionName,
    hours: doc.hours,
    subsidyProgramId: doc.subsidyProgramId?.toHexString(),
    organiser: doc.organiser,
    version: audience === 'staff' ? (doc.version ?? 0) : undefined,
    mine: mine
      ? { id: mine._id.toHexString(), status: mine.status, signedUpAt: mine.signedUpAt.toISOString(), completedAt: mine.completedAt?.toISOString(), reason: mine.reason }
      : undefined,
  };
}

function toSignupView(signup: SignupDoc, course: CourseDoc): SignupView {
  return {
    id: signup._id.toHexString(),
    status: signup.status,
    signedUpAt: signup.signedUpAt.toISOString(),
    completedAt: signup.completedAt?.toISOString(),
    courseId: course._id.toHexString(),
    kind: course.kind,
    courseTitle: course.title,
    startsAt: course.startsAt.toISOString(),
    format: course.format,
    institutionName: course.institutionName,
    subsidyProgramId: signup.status === 'completed' ? course.subsidyProgramId?.toHexString() : undefined,
    courseStatus: course.status,
    reason: signup.reason,
  };
}

/** The fields staff set on create and edit, from the input and what is fixed at creation (kind, institution). */
function editableFields(input: Omit<CourseUpdateInput, 'version'>, course: Pick<CourseDoc, 'kind' | 'institutionName'>): Partial<CourseDoc> {
  return {
    title: input.title,
    summary: input.summary,
    topic: input.topic,
    format: input.format,
    url: input.format === 'onsite' ? '' : input.url,
    location: input.location,
    speaker: input.speaker,
    startsAt: new Date(input.startsAt),
    durationMinutes: input.durationMinutes,
    capacity: input.capacity,
    organiser: course.institutionName ?? input.speaker,
    ...(course.kind === 'training' && input.hours !== undefined ? { hours: input.hours } : {}),
  };
}

/** A retried edit: the record already holds exactly these fields, one version on, by the same editor. */
function sameEdit(current: CourseDoc, fields: Partial<CourseDoc>): boolean {
  return (Object.keys(fields) as Array<keyof CourseDoc>).every(k => {
    const a = current[k];
    const b = fields[k];
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
  });
}

/**
 * Career courses and training courses. A seat is the pair (`signedUp`, `attendees`) in the course
 * document, changed by one conditional update, so capacity and once-per-student hold without
 * transactions; the sign-up document is written after it and is repaired by a retry.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class CourseService {
  @Inject()
  private db!: Database;

  @Inject()
  private users!: UserService;

  @Inject()
  private contents!: ContentService;

  @Inject()
  private subsidyPrograms!: SubsidyProgramService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notifier!: GrowthNotifier;

  now: () => Date = () => new Date();

  /** Training enrolments (signed up or completed) made in [from, to), for the dashboard. */
  async trainingSignups(from: Date, to: Date): Promise<number> {
    return this.db.model(SignupModel).countDocuments({ kind: 'training', status: { $in: ['signed-up', 'completed'] }, signedUpAt: { $gte: from, $lt: to } });
  }

  private async course(id: string): Promise<CourseDoc> {
    const doc = await this.db.model(CourseModel).findById(id).lean();
    if (!doc) throw notFound('课程');
    return doc;
  }

  private async signupOf(courseId: Types.ObjectId, userId: string): Promise<SignupDoc | null> {
    return this.db.model(SignupModel).findOne({ courseId, userId }).lean();
  }

  /** Open courses; a guest (no user) gets them without a sign-up of their own. */
  async list(user: AuthUser | undefined, kind: CourseKind, institutionId?: string): Promise<CourseView[]> {
    const filter: Record<string, unknown> = { kind, status: 'open', startsAt: { $gte: new Date(this.now().getTime() - 30 * DAY) } };
    if (institutionId) filter.institutionId = new Types.ObjectId(institutionId);
    const docs = await this.db.model(CourseModel).find(filter).sort({ startsAt: 1, _id: 1 }).limit(100).lean();
    const mine = user ? await this.db.model(SignupModel).find({ userId: user.id, courseId: { $in: docs.map(d => d._id) } }).lean() : [];
    const byCourse = new Map(mine.map(s => [s.courseId.toHexString(), s]));
    return docs.map(d => toCourseView(d, byCourse.get(d._id.toHexString())));
  }

  async one(user: AuthUser | undefined, id: string): Promise<CourseView> {
    const doc = await this.course(id);
    return toCourseView(doc, (user && (await this.signupOf(doc._id, user.id))) || undefined);
  }

  async signUp(user: AuthUser, id: string): Promise<CourseView> {
    const courses = this.db.model(CourseModel);
    const before = await this.course(id);
    const now = this.now();
    const earlier = await this.signupOf(before._id, user.id);
    if (earlier?.status === 'rejected') throw new BizError('COURSE_ENROLMENT_REJECTED');
    let seated = false;
    if (signupOpen(before, now)) {
      const claimed = await courses.updateOne(
        { _id: before._id, status: 'open', attendees: { $ne: user.id }, $expr: { $lt: ['$signedUp', '$capacity'] } },
        { $inc: { signedUp: 1 }, $push: { attendees: user.id } },
      );
      seated = claimed.modifiedCount === 1;
    }
    if (!seated) {
      // Either a retry of a sign-up that already holds the seat, or full / closed.
      const holder = await courses.exists({ _id: before._id, attendees: user.id });
      if (!holder) {
        if (!signupOpen(before, now)) throw new BizError('COURSE_CLOSED');
        throw new BizError('COURSE_FULL');
      }
    }
    await this.recordSignup(before, user.id, now);
    const signup = await this.signupOf(before._id, user.id);
    if (signup?.status === 'signed-up') {
      await this.notifier.tell([user.id], {
        type: 'course-signed-up',
        courseId: before._id.toHexString(),
        title: before.title,
        kind: before.kind,
        startsAt: before.startsAt,
        at: signup.signedUpAt,
      });
    }
    return this.one(user, id);
  }

  private async recordSignup(course: CourseDoc, userId: string, now: Date): Promise<void> {
    const signups = this.db.model(SignupModel);
    try {
      await signups.updateOne(
        { courseId: course._id, userId },
        { $setOnInsert: { kind: course.kind, status: 'signed-up', signedUpAt: now } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Signing up again after a cancellation: the seat is held again, so the record follows.
    await signups.updateOne({ courseId: course._id, userId, status: 'cancelled' }, { $set: { status: 'signed-up', signedUpAt: now }, $unset: { cancelledAt: 1 } });
  }

  async cancel(user: AuthUser, id: string): Promise<CourseView> {
    const course = await this.course(id);
    const now = this.now();
    const signup = await this.signupOf(course._id, user.id);
    if (signup?.status === 'completed') throw new BizError('COURSE_CLOSED', '课程已完成，不能取消');
    if (signup?.status === 'signed-up') {
      if (course.format !== 'video' && course.startsAt.getTime() <= now.getTime()) throw new BizError('COURSE_CLOSED', '课程已开始，不能取消');
      await this.db.model(SignupModel).updateOne({ _id: signup._id, status: 'signed-up' }, { $set: { status: 'cancelled', cancelledAt: now } });
    }
    // Releases the seat only if this student holds one, so a repeated cancel changes nothing.
    await this.db.model(CourseModel).updateOne({ _id: course._id, attendees: user.id }, { $pull: { attendees: user.id }, $inc: { signedUp: -1 } });
    return this.one(user, id);
  }

  /** A student confirms a finished career course; training completion is the institution's word. */
  async complete(user: AuthUser, id: string): Promise<CourseView> {
    const course = await this.course(id);
    if (course.kind !== 'career') throw new BizError('FORBIDDEN', '培训结业由培训机构确认');
    const signup = await this.signupOf(course._id, user.id);
    if (!signup || signup.status === 'cancelled') throw new BizError('COURSE_NOT_SIGNED_UP');
    if (!courseFinished(course, this.now())) throw new BizError('COURSE_NOT_FINISHED');
    await this.db.model(SignupModel).updateOne({ _id: signup._id, status: 'signed-up' }, { $set: { status: 'completed', completedAt: this.now(), completedBy: user.id } });
    return this.one(user, id);
  }

  async mySignups(user: AuthUser): Promise<SignupView[]> {
    const signups = await this.db.model(SignupModel).find({ userId: user.id }).sort({ signedUpAt: -1 }).limit(200).lean();
    const courses = await this.db.model(CourseModel).find({ _id: { $in: signups.map(s => s.courseId) } }).lean();
    const byId = new Map(courses.map(c => [c._id.toHexString(), c]));
    return signups.flatMap(s => {
      const course = byId.get(s.courseId.toHexString());
      return course ? [toSignupView(s, course)] : [];
    });
  }

  // -------------------------------------------------------------------------
  // Staff
  // -------------------------------------------------------------------------

  async create(staff: AuthUser, input: CourseInput, requestId?: string): Promise<CourseView> {
    const problem = courseProblems(input)[0];
    if (problem) throw invalidField(problem.field, problem.message);
    const owner = ownerOf(staff);
    const extra: Partial<CourseDoc> = {};
    if (input.kind === 'training') {
      if (staff.roles.includes('college') && !staff.roles.some(r => r === 'district' || r === 'bureau' || r === 'admin')) {
        throw new BizError('FORBIDDEN', '培训课程由市、区人社部门发布');
      }
      const institution = input.institutionId ? await this.contents.publishedInstitution(input.institutionId, 'training') : null;
      if (!institution) throw new BizError('COURSE_INSTITUTION_INVALID', undefined, 'institutionId');
      const district = institution.institution?.district ?? institution.district;
      if (owner.districtCode && district !== owner.districtCode) throw new BizError('OUT_OF_SCOPE', '只能为本区的定点培训机构发布课程');
      extra.institutionId = institution._id;
      extra.institutionName = institution.title;
      extra.hours = input.hours;
      // Completion is marked by the institution's district (or the bureau for city-wide ones).
      owner.districtCode = owner.districtCode ?? district;
      if (input.subsidyProgramId) {
        if (!(await this.subsidyPrograms.exists(input.subsidyProgramId))) throw new BizError('COURSE_SUBSIDY_PROGRAM_INVALID', undefined, 'subsidyProgramId');
        extra.subsidyProgramId = new Types.ObjectId(input.subsidyProgramId);
      }
    }
    const doc = await this.db.model(CourseModel).create({
      kind: input.kind,
      ...editableFields(input, { kind: input.kind, institutionName: extra.institutionName }),
      owner,
      createdBy: staff.id,
      ...extra,
    });
    await this.audit.record(staff, { action: 'growth.course.create', targetType: 'growthCourse', targetId: doc._id.toHexString(), to: input.title }, requestId);
    return toCourseView(doc.toObject(), undefined, 'staff');
  }

  private async managedCourse(staff: AuthUser, id: string): Promise<CourseDoc> {
    const course = await this.course(id);
    if (!manages(staff, course.owner)) throw new BizError('OUT_OF_SCOPE');
    return course;
  }

  private async signedUpIds(courseId: Types.ObjectId): Promise<string[]> {
    const rows = await this.db.model(SignupModel).find({ courseId, status: 'signed-up' }, { userId: 1 }).lean();
    return rows.map(r => r.userId);
  }

  /**
   * A staff edit, conditional on the version the editor loaded and on the new capacity still
   * holding everyone signed up (checked in the same update, so a sign-up in between cannot slip
   * past it). Signed-up students hear about a new time, place or link.
   */
  async update(staff: AuthUser, id: string, input: CourseUpdateInput, requestId?: string): Promise<CourseView> {
    const before = await this.managedCourse(staff, id);
    const problem = courseProblems({ ...input, kind: before.kind, institutionId: before.institutionId?.toHexString() })[0];
    if (problem) throw invalidField(problem.field, problem.message);
    const fields = editableFields(input, before);
    const courses = this.db.model(CourseModel);
    // A new time, place or link tells the students signed up now, written with the edit (the update
    // only matches the version `before` was read at, so the note compares the right states).
    const note = courseChangeNote(before, { ...before, ...fields });
    const told = note ? await this.signedUpIds(before._id) : [];
    const notice = told.length
      ? { $push: { pendingNotices: this.notifier.entry(told, { type: 'course-changed', courseId: id, title: fields.title ?? before.title, version: (before.version ?? 0) + 1, note: note ?? '' }) } }
      : {};
    const after = await courses
      .findOneAndUpdate(
        { _id: before._id, status: 'open', ...versionFilter(input.version), $expr: { $lte: ['$signedUp', input.capacity] } },
        { $set: { ...fields, updatedBy: staff.id }, $inc: { version: 1 }, ...notice },
        { new: true },
      )
      .lean();
    if (!after) {
      const current = await this.course(id);
      if (current.status === 'open' && (current.version ?? 0) === input.version + 1 && current.updatedBy === staff.id && sameEdit(current, fields)) {
        return toCourseView(current, undefined, 'staff');
      }
      const code = editRefusal(current, { version: input.version, capacity: input.capacity });
      throw new BizError(code, undefined, code === 'COURSE_CAPACITY_TOO_SMALL' ? 'capacity' : 'version');
    }
    await this.audit.record(
      staff,
      { action: 'growth.course.update', targetType: 'growthCourse', targetId: id, from: `v${before.version ?? 0}`, to: `v${after.version ?? 0}`, detail: { title: after.title } },
      requestId,
    );
    if (told.length) await this.notifier.flush(courses, after._id);
    return toCourseView(after, undefined, 'staff');
  }

  /** Cancels a course; everyone signed up is told why. A retry by the same person repairs the notices. */
  async cancelCourse(staff: AuthUser, id: string, input: CancelInput, requestId?: string): Promise<CourseView> {
    const before = await this.managedCourse(staff, id);
    const reason = input.reason.trim();
    const courses = this.db.model(CourseModel);
    // The students signed up now are told, the notice written with the cancel.
    const told = await this.signedUpIds(before._id);
    const notice = told.length ? { $push: { pendingNotices: this.notifier.entry(told, { type: 'course-cancelled', courseId: id, title: before.title, reason }) } } : {};
    let after: CourseDoc | null = await courses
      .findOneAndUpdate(
        { _id: before._id, status: 'open', ...versionFilter(input.version) },
        { $set: { status: 'cancelled', cancelReason: reason, cancelledAt: this.now(), cancelledBy: staff.id, updatedBy: staff.id }, $inc: { version: 1 }, ...notice },
        { new: true },
      )
      .lean();
    if (after) {
      await this.audit.record(staff, { action: 'growth.course.cancel', targetType: 'growthCourse', targetId: id, from: 'open', to: 'cancelled', reason }, requestId);
      await this.notifier.flush(courses, after._id);
    } else {
      const current = await this.course(id);
      if (current.status !== 'cancelled' || current.cancelledBy !== staff.id) throw new BizError(editRefusal(current, { version: input.version }), undefined, 'version');
      after = current;
      // A retry: tell what a dead request left, and repair a cancel written without its notice.
      await this.notifier.flush(courses, after._id);
      await this.notifier.tell(await this.signedUpIds(after._id), { type: 'course-cancelled', courseId: id, title: after.title, reason: after.cancelReason ?? reason });
    }
    return toCourseView(after, undefined, 'staff');
  }

  async managed(staff: AuthUser, kind?: CourseKind): Promise<CourseView[]> {
    const filter: Record<string, unknown> = { ...managedFilter(staff) };
    if (kind) filter.kind = kind;
    const docs = await this.db.model(CourseModel).find(filter).sort({ startsAt: -1, _id: -1 }).limit(200).lean();
    return docs.map(d => toCourseView(d, undefined, 'staff'));
  }

  async attendees(staff: AuthUser, id: string): Promise<AttendeeView[]> {
    const course = await this.course(id);
    if (!manages(staff, course.owner)) throw new BizError('OUT_OF_SCOPE');
    const signups = await this.db.model(SignupModel).find({ courseId: course._id }).sort({ signedUpAt: 1 }).limit(5000).lean();
    const people = await peopleOf(this.users, signups.map(s => s.userId));
    return signups.map(s => {
      const p = people.get(s.userId);
      return {
        signupId: s._id.toHexString(),
        studentName: p?.name ?? '同学',
        schoolName: p?.schoolName,
        major: p?.major,
        status: s.status,
        signedUpAt: s.signedUpAt.toISOString(),
        completedAt: s.completedAt?.toISOString(),
        reason: s.reason,
      };
    });
  }

  private async attendee(staff: AuthUser, course: CourseDoc, signupId: string): Promise<AttendeeView> {
    const row = (await this.attendees(staff, course._id.toHexString())).find(a => a.signupId === signupId);
    if (!row) throw notFound('报名记录');
    return row;
  }

  /**
   * The institution's district (or the bureau) turns a training enrolment down, with a reason the
   * student sees; the seat is freed. Record first, then the seat, so a retry finishes both.
   */
  async rejectEnrolment(staff: AuthUser, signupId: string, reason: string, requestId?: string): Promise<AttendeeView> {
    const signups = this.db.model(SignupModel);
    const signup = await signups.findById(signupId).lean();
    if (!signup) throw notFound('报名记录');
    const course = await this.course(signup.courseId.toHexString());
    if (!manages(staff, course.owner)) throw new BizError('OUT_OF_SCOPE');
    if (course.kind !== 'training') throw new BizError('FORBIDDEN', '职业指导课程无需录取');
    const text = reason.trim();
    const notice = this.notifier.entry([signup.userId], { type: 'training-rejected', signupId, title: course.title, reason: text });
    const moved = await signups.updateOne(
      { _id: signup._id, status: 'signed-up' },
      { $set: { status: 'rejected', reason: text, rejectedBy: staff.id, rejectedAt: this.now() }, $push: { pendingNotices: notice } },
    );
    if (moved.modifiedCount === 1) {
      await this.audit.record(staff, { action: 'growth.training.reject', targetType: 'growthSignup', targetId: signupId, from: 'signed-up', to: 'rejected', reason: text }, requestId);
    } else {
      const current = await signups.findById(signupId).lean();
      if (current?.status !== 'rejected' || current.rejectedBy !== staff.id) throw new BizError('GROWTH_ALREADY_DECIDED');
    }
    await this.db.model(CourseModel).updateOne({ _id: course._id, attendees: signup.userId }, { $pull: { attendees: signup.userId }, $inc: { signedUp: -1 } });
    // Written with the decision (a retry tells what a dead request left).
    await this.notifier.flush(signups, signup._id);
    return this.attendee(staff, course, signupId);
  }

  /** The institution's district (or the bureau) marks a training enrolment completed. */
  async markCompleted(staff: AuthUser, signupId: string, requestId?: string): Promise<AttendeeView> {
    const signup = await this.db.model(SignupModel).findById(signupId).lean();
    if (!signup) throw notFound('报名记录');
    const course = await this.course(signup.courseId.toHexString());
    if (!manages(staff, course.owner)) throw new BizError('OUT_OF_SCOPE');
    if (course.kind !== 'training') throw new BizError('FORBIDDEN', '职业指导课程由学生自行确认完成');
    if (signup.status === 'cancelled' || signup.status === 'rejected') throw new BizError('COURSE_NOT_SIGNED_UP', '该学员已取消报名或未被录取');
    if (course.status === 'cancelled') throw new BizError('GROWTH_CANCELLED', '课程已取消，不能确认结业');
    const signups = this.db.model(SignupModel);
    const notice = this.notifier.entry([signup.userId], { type: 'training-completed', signupId, title: course.title });
    const moved = await signups.updateOne(
      { _id: signup._id, status: 'signed-up' },
      { $set: { status: 'completed', completedAt: this.now(), completedBy: staff.id }, $push: { pendingNotices: notice } },
    );
    if (moved.modifiedCount === 1) {
      await this.audit.record(staff, { action: 'growth.training.complete', targetType: 'growthSignup', targetId: signupId, from: 'signed-up', to: 'completed' }, requestId);
    }
    // Written with the change (a retry tells what a dead request left).
    await this.notifier.flush(signups, signup._id);
    return this.attendee(staff, course, signupId);
  }
}
