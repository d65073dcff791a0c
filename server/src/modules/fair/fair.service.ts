import { Autoload, Config, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import { Types, type FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { FairBoothView, FairCheckInResult, FairDetail, FairInput, FairRegistrant, FairTicket, FairView, MyFair } from '../../contract/job';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor, keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings, AuthUser } from '../../interface';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { JobService, type JobBrief } from '../job/job.service';
import { NoticeService } from '../notice/notice.service';
import { UserService, type UserCard } from '../user/user.service';
import { FairBoothModel, FairModel, FairRegistrationModel, type FairBoothDoc, type FairDoc, type FairRegistrationDoc } from './fair.model';
import { mayRunFair, signTicket, TICKET_TTL_MS, verifyTicket } from './fair.rules';
import type { PageQueryDTO } from '../../core/params';
import type { SeedCounter, SeedLog } from '../../core/demo';
import type { DemoCalendar } from '../../core/demo.rules';
import { applyFairSeeds, FAIR_SEED_ACCOUNTS, FAIR_SEEDS } from './fair.seed';

/** How long before a fair starts its registered students are reminded. */
export const REMINDER_LEAD_MS = 24 * 3600_000;

export function toFairView(doc: FairDoc): FairView {
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    title: doc.title,
    description: doc.description,
    startAt: doc.startAt.toISOString(),
    endAt: doc.endAt.toISOString(),
    venue: doc.venue,
    district: doc.district as FairView['district'],
    boothCapacity: doc.boothCapacity,
    boothCount: doc.boothCount,
    registrationCount: doc.registrationCount,
  };
}

function toBoothView(doc: FairBoothDoc, openJobs: ReadonlyMap<string, JobBrief> = new Map()): FairBoothView {
  const jobIds = doc.jobIds.map(id => id.toHexString());
  return {
    id: doc._id.toHexString(),
    fairId: doc.fairId.toHexString(),
    enterpriseId: doc.enterpriseId.toHexString(),
    enterpriseName: doc.enterpriseName,
    jobIds,
    jobs: jobIds.flatMap(id => {
      const job = openJobs.get(id);
      return job
        ? [{ id, title: job.title, kind: job.kind, salaryMin: job.salaryMin, salaryMax: job.salaryMax, education: job.education }]
        : [];
    }),
  };
}

function toRegistrant(reg: FairRegistrationDoc, user: UserCard | undefined): FairRegistrant {
  return {
    id: reg._id.toHexString(),
    name: user?.profile?.name || user?.nickname || '（已注销）',
    schoolName: user?.profile?.schoolName ?? '',
    degree: user?.profile?.degree,
    major: user?.profile?.major ?? '',
    registeredAt: reg.createdAt.toISOString(),
    checkedInAt: reg.checkedInAt?.toISOString(),
  };
}

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class FairService {
  @Inject()
  private db!: Database;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private users!: UserService;

  @Inject()
  private notices!: NoticeService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  private get fairs() {
    return this.db.model(FairModel);
  }

  /** Fairs held or announced (not cancelled), for the dashboard. */
  async countPublished(): Promise<number> {
    return this.fairs.countDocuments({ status: 'published' });
  }

  /**
   * Confirmations and reminders a dead process did not get to are told by any live worker; the
   * worker asks for due reminders through the registered source.
   */
  @Init()
  init(): void {
    this.notices.registerOutbox('fair-registration', this.db.model(FairRegistrationModel));
    this.notices.registerReminderSource('fair', now => this.remindDue(now));
  }

  /**
   * Reminds each registered student, once, of a published fair starting within the next 24 hours.
   * Per registration one conditional update (`remindedAt` still unset) sets `remindedAt` and pushes
   * the reminder onto its outbox, so two workers running this at once remind once; then it flushes.
   * Checked-in registrations are skipped. Returns the reminders written.
   */
  async remindDue(now: Date = new Date()): Promise<number> {
    const until = new Date(now.getTime() + REMINDER_LEAD_MS);
    const fairs = await this.fairs
      .find({ status: 'published', startAt: { $gt: now, $lte: until } }, { title: 1, startAt: 1, venue: 1 })
      .limit(200)
      .lean();
    const regs = this.db.model(FairRegistrationModel);
    let written = 0;
    for (const fair of fairs) {
      const due = await regs.find({ fairId: fair._id, remindedAt: null, checkedInAt: null }, { studentId: 1 }).limit(1000).lean();
      for (const reg of due) {
        const event = { type: 'fair.reminder' as const, fairId: fair._id.toHexString(), title: fair.title, startAt: fair.startAt.toISOString(), venue: fair.venue };
        const marked = await regs.updateOne(
          { _id: reg._id, remindedAt: null },
          { $set: { remindedAt: now }, $push: { pendingNotices: this.notices.outboxEntry([reg.studentId], event, now) } },
        );
        if (!marked.modifiedCount) continue;
        written += 1;
        await this.notices.flush(regs, reg._id);
      }
    }
    return written;
  }

  async create(actor: AuthUser, input: FairInput): Promise<FairView> {
    const startAt = new Date(input.startAt);
    const endAt = new Date(input.endAt);
    if (endAt <= startAt) throw new BizError('VALIDATION_FAILED', '结束时间必须晚于开始时间', 'endAt');
    const organiserScope = {
      collegeId: actor.roles.includes('college') ? actor.scope.collegeId : undefined,
      districtCode: actor.roles.includes('district') ? actor.scope.districtCode : undefined,
    };
    const created = await this.fairs.create({
      ...input,
      startAt,
      endAt,
      organiserId: new Types.ObjectId(actor.id),
      organiserScope: organiserScope.collegeId || organiserScope.districtCode ? organiserScope : undefined,
    });
    return toFairView(created.toObject());
  }

  /** Fairs not yet over, soonest first, paged on (startAt, _id) ascending. */
  async upcoming(page: PageQueryDTO, now = new Date()): Promise<Page<FairView>> {
    const filter: FilterQuery<FairDoc> = { status: 'published', endAt: { $gte: now } };
    if (page.cursor) {
      const [start, id] = decodeCursor(page.cursor, this.auth.tokenSecret, 2);
      if (typeof start !== 'number' || typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) {
        throw new BizError('CURSOR_INVALID', undefined, 'cursor');
      }
      const at = new Date(start);
      filter.$or = [{ startAt: { $gt: at } }, { startAt: at, _id: { $gt: new Types.ObjectId(id) } }];
    }
    const docs = await this.fairs.find(filter).sort({ startAt: 1, _id: 1 }).limit(page.limit + 1).lean();
    const rows = docs.slice(0, page.limit);
    const last = rows[rows.length - 1];
    return {
      items: rows.map(toFairView),
      nextCursor: docs.length > page.limit && last ? encodeCursor([last.startAt.getTime(), last._id.toHexString()], this.auth.tokenSecret) : undefined,
    };
  }

  private async openFair(id: string, now: Date): Promise<FairDoc> {
    const fair = await this.fairs.findById(id).lean();
    if (!fair) throw notFound('招聘会');
    if (fair.status !== 'published' || fair.endAt < now) throw new BizError('FAIR_CLOSED');
    return fair;
  }

  /**
   * Books a booth for the caller's verified enterprise with jobs of its own. The seat is claimed
   * by a conditional $inc below capacity first; if the booth insert then fails, the seat is given back.
   */
  async book(user: AuthUser, fairId: string, jobIds: string[], now = new Date()): Promise<FairBoothView> {
    const enterprise = await this.enterprises.requireVerified(user);
    const fair = await this.openFair(fairId, now);
    const ids = jobIds.map(id => new Types.ObjectId(id));
    const own = await this.jobs.countPublishedOf(enterprise._id, ids);
    if (own !== ids.length) throw new BizError('VALIDATION_FAILED', '只能携带本企业在招的岗位', 'jobIds');
    const booths = this.db.model(FairBoothModel);
    if (await booths.exists({ fairId: fair._id, enterpriseId: enterprise._id })) throw new BizError('CONFLICT', '本企业已预订该招聘会展位');
    const claimed = await this.fairs.updateOne(
      { _id: fair._id, status: 'published', $expr: { $lt: ['$boothCount', '$boothCapacity'] } },
      { $inc: { boothCount: 1 } },
    );
    if (!claimed.modifiedCount) throw new BizError('FAIR_FULL');
    try {
      const booth = await booths.create({
        fairId: fair._id,
        enterpriseId: enterprise._id,
        enterpriseName: enterprise.name,
        jobIds: ids,
        bookedBy: new Types.ObjectId(user.id),
      });
      const jobs = await this.openJobsById(ids);
      return toBoothView(booth.toObject(), jobs);
    } catch (err) {
      await this.fairs.updateOne({ _id: fair._id }, { $inc: { boothCount: -1 } });
      if ((err as { code?: unknown }).code === 11000) throw new BizError('CONFLICT', '本企业已预订该招聘会展位');
      throw err;
    }
  }

  private async openJobsById(ids: Types.ObjectId[], now = new Date()): Promise<Map<string, JobBrief>> {
    const jobs = await this.jobs.openBriefsOf(ids, now);
    return new Map(jobs.map(job => [job._id.toHexString(), job]));
  }

  /** A published fair's title, for a live session held at it; null when there is none. */
  async publishedTitle(id: string): Promise<{ _id: Types.ObjectId; title: string } | null> {
    return this.fairs.findOne({ _id: new Types.ObjectId(id), status: 'published' }, { title: 1 }).lean();
  }

  /** A published fair; for a signed-in student, with their registration, so the page shows 已报名 rather than 报名参加. */
  async get(id: string, viewer?: AuthUser): Promise<FairDetail> {
    const fair = await this.fairs.findOne({ _id: new Types.ObjectId(id), status: 'published' }).lean();
    if (!fair) throw notFound('招聘会');
    const view: FairDetail = toFairView(fair);
    if (!viewer?.roles.includes('student')) return view;
    const reg = await this.db.model(FairRegistrationModel).findOne({ fairId: fair._id, studentId: new Types.ObjectId(viewer.id) }, { createdAt: 1, checkedInAt: 1 }).lean();
    if (reg) view.myRegistration = { registeredAt: reg.createdAt.toISOString(), checkedInAt: reg.checkedInAt?.toISOString() };
    return view;
  }

  async boothsOf(fairId: string): Promise<FairBoothView[]> {
    const docs = await this.db.model(FairBoothModel).find({ fairId: new Types.ObjectId(fairId) }).sort({ _id: 1 }).limit(500).lean();
    const jobs = await this.openJobsById(docs.flatMap(d => d.jobIds));
    return docs.map(doc => toBoothView(doc, jobs));
  }

  /** Registered students of a fair, newest first: for its organiser, bureau and admin staff. */
  async registrants(actor: AuthUser, fairId: string, page: PageQueryDTO): Promise<Page<FairRegistrant>> {
    const fair = await this.fairs.findById(fairId, { organiserId: 1, organiserScope: 1 }).lean();
    if (!fair) throw notFound('招聘会');
    if (!mayRunFair(actor, fair)) throw new BizError('OUT_OF_SCOPE', '只有主办方可以查看报名名单');
    const filter: FilterQuery<FairRegistrationDoc> = { fairId: fair._id };
    if (page.cursor) filter.$and = [keysetAfter('createdAt', page.cursor, this.auth.tokenSecret)];
    const docs = await this.db.model(FairRegistrationModel).find(filter).sort({ createdAt: -1, _id: -1 }).limit(page.limit + 1).lean();
    const byId = await this.users.cardsOf(docs.map(d => d.studentId));
    return pageOf(
      docs,
      page.limit,
      reg => toRegistrant(reg, byId.get(reg.studentId.toHexString())),
      'createdAt',
      this.auth.tokenSecret,
    );
  }

  async register(user: AuthUser, fairId: string, now = new Date()): Promise<MyFair> {
    const fair = await this.openFair(fairId, now);
    const regs = this.db.model(FairRegistrationModel);
    try {
      const studentId = new Types.ObjectId(user.id);
      // The confirmation is written with the registration, so one never exists without the other.
      const confirmation = this.notices.outboxEntry([studentId], { type: 'fair.registered', fairId: fair._id.toHexString(), title: fair.title, startAt: fair.startAt.toISOString(), venue: fair.venue }, now);
      const reg = await regs.create({ fairId: fair._id, studentId, pendingNotices: [confirmation] });
      await this.fairs.updateOne({ _id: fair._id }, { $inc: { registrationCount: 1 } });
      await this.notices.flush(regs, reg._id);
      return { fair: toFairView({ ...fair, registrationCount: fair.registrationCount + 1 }), registeredAt: reg.createdAt.toISOString() };
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) throw new BizError('CONFLICT', '您已报名该招聘会');
      throw err;
    }
  }

  async mine(user: AuthUser, page: PageQueryDTO): Promise<Page<MyFair>> {
    const regs = this.db.model(FairRegistrationModel);
    const filter: FilterQuery<FairRegistrationDoc> = { studentId: new Types.ObjectId(user.id) };
    if (page.cursor) filter.$and = [keysetAfter('createdAt', page.cursor, this.auth.tokenSecret)];
    const docs = await regs.find(filter).sort({ createdAt: -1, _id: -1 }).limit(page.limit + 1).lean();
    const fairs = await this.fairs.find({ _id: { $in: docs.map(d => d.fairId) } }).lean();
    const byId = new Map(fairs.map(f => [f._id.toHexString(), f]));
    const result = pageOf(docs, page.limit, d => d, 'createdAt', this.auth.tokenSecret);
    return {
      nextCursor: result.nextCursor,
      items: result.items.flatMap(reg => {
        const fair = byId.get(reg.fairId.toHexString());
        return fair
          ? [{ fair: toFairView(fair), registeredAt: reg.createdAt.toISOString(), checkedInAt: reg.checkedInAt?.toISOString() }]
          : [];
      }),
    };
  }

  /** A fresh QR token; issuing one voids the previous one (only the latest nonce is stored). */
  async ticket(user: AuthUser, fairId: string, now = new Date()): Promise<FairTicket> {
    const fair = await this.openFair(fairId, now);
    const nonce = randomBytes(16).toString('hex');
    const reg = await this.db
      .model(FairRegistrationModel)
      .findOneAndUpdate({ fairId: fair._id, studentId: new Types.ObjectId(user.id), checkedInAt: null }, { $set: { ticketNonce: nonce } }, { new: true })
      .lean();
    if (!reg) {
      const exists = await this.db.model(FairRegistrationModel).exists({ fairId: fair._id, studentId: new Types.ObjectId(user.id) });
      throw exists ? new BizError('TICKET_USED', '您已签到') : new BizError('FAIR_NOT_REGISTERED');
    }
    const exp = Math.min(now.getTime() + TICKET_TTL_MS, fair.endAt.getTime());
    return {
      token: signTicket({ fairId: fair._id.toHexString(), registrationId: reg._id.toHexString(), nonce, exp }, this.auth.tokenSecret),
      expiresAt: new Date(exp).toISOString(),
    };
  }

  /** The organiser scans a ticket: valid signature, not expired, this fair, and its nonce still unused. */
  async checkIn(actor: AuthUser, fairId: string, token: string, now = new Date()): Promise<FairCheckInResult> {
    const fair = await this.fairs.findById(fairId).lean();
    if (!fair) throw notFound('招聘会');
    // Checked before the ticket is spent: a scan by someone else's staff must leave it usable.
    if (!mayRunFair(actor, fair)) throw new BizError('OUT_OF_SCOPE', '只有主办方可以为本场招聘会签到');
    const check = verifyTicket(token, this.auth.tokenSecret, now.getTime());
    if (!check.ok) throw new BizError(check.reason === 'expired' ? 'TICKET_EXPIRED' : 'TICKET_INVALID', undefined, 'token');
    if (check.claims.fairId !== fairId) throw new BizError('TICKET_INVALID', '这不是本场招聘会的签到码', 'token');
    const regs = this.db.model(FairRegistrationModel);
    const reg = await regs
      .findOneAndUpdate(
        { _id: new Types.ObjectId(check.claims.registrationId), fairId: new Types.ObjectId(fairId), ticketNonce: check.claims.nonce, checkedInAt: null },
        { $set: { checkedInAt: now, checkedInBy: new Types.ObjectId(actor.id) }, $unset: { ticketNonce: 1 } },
        { new: true },
      )
      .lean();
    if (!reg) {
      const current = await regs.findById(check.claims.registrationId, { checkedInAt: 1 }).lean();
      throw current?.checkedInAt ? new BizError('TICKET_USED') : new BizError('TICKET_INVALID', undefined, 'token');
    }
    const users = await this.users.cardsOf([reg.studentId]);
    return {
      fair: toFairView(fair),
      registeredAt: reg.createdAt.toISOString(),
      checkedInAt: reg.checkedInAt?.toISOString(),
      student: toRegistrant(reg, users.get(reg.studentId.toHexString())),
    };
  }

  /** The demo fairs (after the demo enterprises, jobs and staff accounts); idempotent by seed key. */
  async seedDemo(calendar: DemoCalendar, count: SeedCounter, log: SeedLog): Promise<void> {
    const [enterprises, jobs, users] = await Promise.all([
      this.enterprises.seeded(FAIR_SEEDS.flatMap(f => f.booths.map(b => b.enterprise))),
      this.jobs.seeded(FAIR_SEEDS.flatMap(f => f.booths.flatMap(b => b.jobs))),
      this.users.demoAccounts(FAIR_SEED_ACCOUNTS),
    ]);
    const { skipped } = await applyFairSeeds(this.db, { enterprises, jobs, users }, calendar, count);
    log(`fairs: ${FAIR_SEEDS.length} (示例)${skipped.length ? `, skipped (organiser missing): ${skipped.join(', ')}` : ''}`);
  }
}
