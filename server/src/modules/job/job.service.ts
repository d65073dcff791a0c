import { Autoload, Config, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash } from 'crypto';
import type { ILogger } from '@midwayjs/logger';
import { Types, type FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { JobDetail, JobDraft, JobHold, JobInput, JobSummary, RecruiterJob } from '../../contract/job';
import { asPosting, postingProblems, postingProblemsMessage } from '../../contract/job-posting';
import { ReferenceService } from '../reference/reference.service';
import { CacheInvalidation } from '../../core/cache-invalidation';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';
import { ComplaintHoldService } from '../complaint/complaint-hold.service';
import { ContentSecurityService } from '../wechat/content-security.service';
import { JobReportModel } from './application.model';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { StandingService, type StandingTarget } from '../enterprise/standing.service';
import type { PageQueryDTO } from '../../core/params';
import type { JobQueryDTO } from './job.dto';
import { JobModel, type JobDoc } from './job.model';
import { announceJobChange, RecommendStateModel } from './recommend.model';
import {
  degreesUpTo,
  matchScore,
  queryKeysOf,
  REPORTS_TO_FREEZE,
  searchKeysOf,
  type MatchProfile,
} from './job.rules';
import { JOB_SEEDS } from './job.seed';
import { ResponsivenessService } from './responsiveness.service';
import type { SeedCounter, SeedLog } from '../../core/demo';

export type { JobDoc, MatchProfile };

export type FeedChangeOrigin = 'here' | 'elsewhere';

/** What other modules read about a job: who offers it, where, for how much, and whether it is open. */
export type JobBrief = Pick<
  JobDoc,
  '_id' | 'kind' | 'title' | 'enterpriseId' | 'enterpriseName' | 'district' | 'salaryMin' | 'salaryMax' | 'education' | 'status' | 'deadline'
>;

const BRIEF_FIELDS = {
  kind: 1, title: 1, enterpriseId: 1, enterpriseName: 1, district: 1, salaryMin: 1, salaryMax: 1, education: 1, status: 1, deadline: 1,
} as const;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** How many open candidates "recommended for me" scores; newest first, enough for many pages. */
export const RECOMMEND_CANDIDATES = 1000;
/**
 * First pages of the public feed stay hot this long. Any job change clears them in this process at
 * once and, with REDIS_URL set, in the others within about a second (core/cache-invalidation.ts);
 * the TTL bounds it only while Redis is unreachable.
 */
const FEED_CACHE_TTL_MS = 10_000;
const FEED_TOPIC = 'job-feed';
const FEED_CACHE_MAX = 500;

interface CachedPage {
  version: number;
  expires: number;
  page: Promise<Page<JobSummary>>;
  refreshing: boolean;
  /** The answered page as response bytes, for FeedEdgeMiddleware. */
  ready?: HotFeedResponse & { oldestDeadline: string };
}

export interface HotFeedResponse {
  body: Buffer;
  etag: string;
}

/** Fields the feed returns; the search keys and counters stay in the database. */
const SUMMARY_FIELDS = {
  kind: 1, title: 1, enterpriseId: 1, enterpriseName: 1, salaryMin: 1, salaryMax: 1, education: 1,
  district: 1, headcount: 1, tags: 1, deadline: 1, publishedAt: 1, createdAt: 1, majors: 1,
} as const;

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class JobService {
  @Inject()
  private db!: Database;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private security!: ContentSecurityService;

  @Inject()
  private complaintHolds!: ComplaintHoldService;

  @Inject()
  private users!: UserService;

  @Inject()
  private responsiveness!: ResponsivenessService;

  @Inject()
  private reference!: ReferenceService;

  @Inject()
  private standing!: StandingService;

  @Logger()
  private logger!: ILogger;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Inject()
  private invalidation!: CacheInvalidation;

  private feedCache = new Map<string, CachedPage>();
  private feedVersion = 0;
  /** Raw query strings that validated to a cached first page → that page's cache key. */
  private hotQueries = new Map<string, string>();
  private feedListeners: Array<(origin: FeedChangeOrigin) => void> = [];

  private get jobs() {
    return this.db.model(JobModel);
  }

  /** Published jobs and the trainee places among them (headcount), in one district or the whole city, for the dashboard. */
  async publishedFigures(districtCode?: string): Promise<{ jobs: number; traineePosts: number }> {
    const scope: FilterQuery<JobDoc> = districtCode ? { district: districtCode } : {};
    const [jobs, [trainee]] = await Promise.all([
      this.jobs.countDocuments({ status: 'published', ...scope }),
      this.jobs.aggregate<{ n: number }>([{ $match: { status: 'published', kind: 'traineeship', ...scope } }, { $group: { _id: null, n: { $sum: '$headcount' } } }]),
    ]);
    return { jobs, traineePosts: trainee?.n ?? 0 };
  }

  @Init()
  async init(): Promise<void> {
    this.standing.registerListener('jobs', { hold: (target, cause) => this.hold(target, cause), release: (target, cause) => this.release(target, cause) });
    await this.invalidation.listen(FEED_TOPIC, () => this.dropFeedCache('elsewhere'));
  }

  /** Jobs a standing change concerns: a recruiter's own (older jobs without a poster: those of enterprises they registered), or an enterprise's. */
  private async holdFilter(target: StandingTarget): Promise<FilterQuery<JobDoc>> {
    const or: Array<FilterQuery<JobDoc>> = [];
    if (target.enterpriseIds?.length) or.push({ enterpriseId: { $in: target.enterpriseIds } });
    if (target.userIds?.length) {
      or.push({ postedBy: { $in: target.userIds } });
      const registered = await this.enterprises.registeredBy(target.userIds);
      if (registered.length) or.push({ postedBy: { $exists: false }, enterpriseId: { $in: registered } });
    }
    return or.length ? { $or: or } : { _id: { $exists: false } };
  }

  /** Hides the target's jobs from students for `cause`; idempotent. Status stays as it is. */
  async hold(target: StandingTarget, cause: JobHold): Promise<number> {
    const result = await this.jobs.updateMany(await this.holdFilter(target), { $addToSet: { holds: cause }, $set: { hidden: true } });
    if (result.modifiedCount) this.invalidateFeed();
    return result.modifiedCount;
  }

  /** Lifts `cause`; a job still held for another cause stays hidden. Idempotent. */
  async release(target: StandingTarget, cause: JobHold): Promise<number> {
    const filter = await this.holdFilter(target);
    await this.jobs.updateMany({ $and: [filter, { holds: cause }] }, { $pull: { holds: cause } });
    const shown = await this.jobs.updateMany({ $and: [filter, { hidden: true, holds: { $size: 0 } }] }, { $set: { hidden: false } });
    if (shown.modifiedCount) this.invalidateFeed();
    return shown.modifiedCount;
  }

  /**
   * Called on every change that can alter what the feed shows: here at once, elsewhere over Redis.
   * Also counts the change for every process's recommendations (in the database, docs/jobs.md); if
   * that write fails, the periodic rebuild picks the change up.
   */
  invalidateFeed(): void {
    this.dropFeedCache('here');
    this.invalidation.announce(FEED_TOPIC);
    announceJobChange(this.db.model(RecommendStateModel)).catch(err => this.logger.warn(`recommend: job change not counted: ${(err as Error).message}`));
  }

  private dropFeedCache(origin: FeedChangeOrigin): void {
    this.feedVersion += 1;
    this.feedCache.clear();
    this.hotQueries.clear();
    for (const listener of this.feedListeners) listener(origin);
  }

  /** Called after every job change, made here or (over Redis) in another process. */
  onFeedChange(listener: (origin: FeedChangeOrigin) => void): void {
    this.feedListeners.push(listener);
  }

  private static feedCacheKey(query: JobQueryDTO): string {
    return JSON.stringify([query.kind, query.district, query.industry, query.education, query.salaryMin, query.major, query.q, query.limit]);
  }

  /**
   * Lets FeedEdgeMiddleware answer later requests with this exact query string from the cached
   * bytes, skipping routing and validation: only strings that validated to a cacheable first
   * page get here.
   */
  rememberHotQuery(rawQuery: string, query: JobQueryDTO): void {
    if (query.cursor || query.sort === 'match') return;
    if (this.hotQueries.size >= FEED_CACHE_MAX) this.hotQueries.clear();
    this.hotQueries.set(rawQuery, JobService.feedCacheKey(query));
  }

  /** The bytes of a fresh cached first page for this raw query string, if there is one. */
  hotFeedResponse(rawQuery: string, now = Date.now()): HotFeedResponse | undefined {
    const key = this.hotQueries.get(rawQuery);
    const entry = key === undefined ? undefined : this.feedCache.get(key);
    const ready = entry?.ready;
    if (!entry || !ready || entry.version !== this.feedVersion || entry.expires <= now) return undefined;
    // A job can pass its deadline while its page is cached: never serve it.
    if (ready.oldestDeadline < new Date(now).toISOString()) return undefined;
    return ready;
  }

  /**
   * The jobs students may see (feed, search, recommendations, job page, booths, live cards): published,
   * before the deadline, held by nothing. The query form of `isVisibleToStudents` (job.rules.ts); other
   * feeds (precomputed lists, stats) filter with this too.
   */
  visibleFilter(now: Date = new Date()): FilterQuery<JobDoc> {
    return { status: 'published', deadline: { $gte: now }, hidden: { $ne: true } };
  }

  private openFilter(now: Date): FilterQuery<JobDoc> {
    return this.visibleFilter(now);
  }

  private feedFilter(query: JobQueryDTO, now: Date): FilterQuery<JobDoc> {
    const filter = this.openFilter(now);
    if (query.kind) filter.kind = query.kind;
    if (query.district) filter.district = query.district;
    if (query.industry) filter.industry = query.industry;
    if (query.education) filter.education = { $in: degreesUpTo(query.education) };
    if (query.salaryMin !== undefined) filter.salaryMax = { $gte: query.salaryMin };
    if (query.major) filter.majors = query.major;
    const keys = query.q ? queryKeysOf(query.q) : [];
    if (keys.length) filter.searchKeys = { $all: keys };
    return filter;
  }

  /**
   * The public feed, newest first, keyset-paginated on (publishedAt, _id). First pages are cached
   * per filter for a few seconds; concurrent misses share one query (single flight), and any job
   * change drops the cache in every process (see FEED_CACHE_TTL_MS).
   */
  async listOpen(query: JobQueryDTO, now = new Date()): Promise<Page<JobSummary>> {
    if (query.cursor) return this.queryOpen(query, now);
    const cacheKey = JobService.feedCacheKey(query);
    const hit = this.feedCache.get(cacheKey);
    if (hit && hit.version === this.feedVersion) {
      // Past its TTL (but not invalidated): serve it while one request refreshes it.
      if (hit.expires <= Date.now() && !hit.refreshing) {
        hit.refreshing = true;
        this.fillFeedCache(cacheKey, query, now).catch(err => this.logger.warn(`feed cache refresh failed: ${(err as Error).message}`));
      }
      const page = await hit.page;
      const nowIso = now.toISOString();
      // A job can pass its deadline while its page is cached: never serve it.
      if (page.items.every(j => j.deadline >= nowIso)) return page;
    }
    return this.fillFeedCache(cacheKey, query, now);
  }

  /** One query per key at a time: concurrent misses await the same promise. */
  private async fillFeedCache(cacheKey: string, query: JobQueryDTO, now: Date): Promise<Page<JobSummary>> {
    const version = this.feedVersion;
    const pending = this.queryOpen(query, now);
    const previous = this.feedCache.get(cacheKey);
    if (!previous || previous.expires > Date.now() || previous.version !== version) {
      if (this.feedCache.size >= FEED_CACHE_MAX) this.feedCache.clear();
      this.feedCache.set(cacheKey, { version, expires: Number.MAX_SAFE_INTEGER, page: pending, refreshing: false });
    }
    try {
      const page = await pending;
      if (this.feedVersion === version) {
        const body = Buffer.from(JSON.stringify(page));
        const ready = {
          body,
          etag: `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
          oldestDeadline: page.items.reduce((min, j) => (j.deadline < min ? j.deadline : min), '9999'),
        };
        this.feedCache.set(cacheKey, { version, expires: Date.now() + FEED_CACHE_TTL_MS, page: Promise.resolve(page), refreshing: false, ready });
      }
      return page;
    } catch (err) {
      if (this.feedCache.get(cacheKey)?.page === pending) this.feedCache.delete(cacheKey);
      throw err;
    }
  }

  private async queryOpen(query: JobQueryDTO, now: Date): Promise<Page<JobSummary>> {
    const filter = this.feedFilter(query, now);
    if (query.cursor) filter.$and = [keysetAfter('publishedAt', query.cursor, this.auth.tokenSecret)];
    const docs = await this.jobs
      .find(filter, SUMMARY_FIELDS)
      .sort({ publishedAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<JobDoc[]>();
    const page = pageOf(docs, query.limit, toJobSummary, 'publishedAt', this.auth.tokenSecret);
    // Cached with the page: a changed badge shows once the page is refreshed (seconds).
    return { ...page, items: await this.responsiveness.withBadges(page.items) };
  }

  /**
   * The newest open jobs matching the feed filters (all open jobs without `query`), newest first:
   * the candidates "recommended for me" ranks (RecommendService).
   */
  async newestOpen(query: JobQueryDTO | undefined, limit: number, now = new Date()): Promise<JobDoc[]> {
    const filter = query ? this.feedFilter(query, now) : this.openFilter(now);
    return this.jobs.find(filter, SUMMARY_FIELDS).sort({ publishedAt: -1, _id: -1 }).limit(limit).lean<JobDoc[]>();
  }

  /**
   * Open jobs scored against a given profile, best first (the same scoring as "recommended for me"),
   * for a caseworker picking jobs for someone else. Jobs in `exclude` are left out.
   */
  async matchesFor(profile: MatchProfile, limit: number, exclude: readonly string[] = [], now = new Date()): Promise<JobSummary[]> {
    const skip = new Set(exclude);
    const docs = await this.jobs
      .find(this.openFilter(now), SUMMARY_FIELDS)
      .sort({ publishedAt: -1, _id: -1 })
      .limit(RECOMMEND_CANDIDATES)
      .lean<JobDoc[]>();
    return docs
      .filter(doc => !skip.has(doc._id.toHexString()))
      .map(doc => ({ doc, id: doc._id.toHexString(), ...matchScore(profile, doc) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, limit)
      .map(row => ({ ...toJobSummary(row.doc), score: row.score, reasons: row.reasons }));
  }

  async briefOf(id: string | Types.ObjectId): Promise<JobBrief | null> {
    if (typeof id === 'string' && !Types.ObjectId.isValid(id)) return null;
    return this.jobs.findById(id, BRIEF_FIELDS).lean<JobBrief>();
  }

  /** Briefs of many jobs, in no particular order; unknown ids are absent. */
  async briefsOf(ids: readonly Types.ObjectId[]): Promise<JobBrief[]> {
    if (!ids.length) return [];
    return this.jobs.find({ _id: { $in: [...ids] } }, BRIEF_FIELDS).lean<JobBrief[]>();
  }

  /** Briefs of those of these jobs that are open now (published, deadline not passed). */
  async openBriefsOf(ids: readonly Types.ObjectId[], now = new Date()): Promise<JobBrief[]> {
    if (!ids.length) return [];
    return this.jobs.find({ _id: { $in: [...ids] }, ...this.openFilter(now) }, BRIEF_FIELDS).lean<JobBrief[]>();
  }

  /** How many of these jobs are published by this enterprise (a booth or a live session may show only those). */
  async countPublishedOf(enterpriseId: Types.ObjectId, ids: readonly Types.ObjectId[]): Promise<number> {
    return this.jobs.countDocuments({ _id: { $in: [...ids] }, enterpriseId, status: 'published' });
  }

  async getOpen(id: string, now = new Date()): Promise<JobDetail> {
    // Past-deadline jobs stay readable (a student's application links to them); held ones do not.
    const { deadline: _deadline, ...visible } = this.visibleFilter(now);
    const doc = await this.jobs.findOne({ _id: new Types.ObjectId(id), ...visible }).lean();
    if (!doc) throw notFound('岗位');
    return toJobDetail(doc);
  }

  // ---------------------------------------------------------------- recruiter side

  /**
   * The posting rules (required fields, pay against the minimum wage, repost source, wording), every
   * reason at once, then WeChat's msgSecCheck. Returns the draft as a complete posting.
   */
  private async checkPosting(user: AuthUser, draft: JobDraft): Promise<JobInput> {
    const problems = postingProblems(draft, await this.reference.minimumWageAt());
    const input = asPosting(draft);
    if (problems.length > 0 || !input) {
      const first = problems[0];
      throw new BizError(first?.code ?? 'JOB_FIELD_MISSING', postingProblemsMessage(draft, problems) || undefined, first?.field, problems);
    }
    const openid = this.security.configured ? await this.users.openidOf(user.id) : undefined;
    const verdict = await this.security.check({
      openid,
      scene: 3,
      title: input.title,
      content: [input.title, input.duties, input.requirements, input.description, input.tags.join(' '), input.repostSource ?? ''].join('\n'),
    });
    if (verdict === 'refused') throw new BizError('JOB_CONTENT_REJECTED', '岗位信息未通过微信内容安全检测，请修改后再发布', 'description');
    if (verdict === 'unavailable') throw new BizError('WECHAT_UNAVAILABLE', '内容安全检测暂不可用，请稍后再发布');
    return input;
  }

  /** Creates and publishes a job of the caller's verified enterprise, after the content check. */
  async publish(user: AuthUser, draft: JobDraft, now = new Date()): Promise<RecruiterJob> {
    const enterprise = await this.enterprises.requireVerified(user);
    await this.standing.requireRealName(user, now);
    const input = await this.checkPosting(user, draft);
    const created = await this.jobs.create({
      ...input,
      deadline: new Date(input.deadline),
      enterpriseId: enterprise._id,
      postedBy: new Types.ObjectId(user.id),
      enterpriseName: enterprise.name,
      industry: enterprise.industry,
      searchKeys: jobSearchKeys({ ...input, enterpriseName: enterprise.name }),
      status: 'published',
      publishedAt: now,
    });
    this.invalidateFeed();
    return toRecruiterJob(created.toObject());
  }

  /**
   * Edits a job of the caller's enterprise after the same content check as publishing. Taken-down
   * and frozen jobs stay as staff left them; the status is never changed here.
   */
  async update(user: AuthUser, id: string, draft: JobDraft): Promise<RecruiterJob> {
    const enterprise = await this.enterprises.requireVerified(user);
    await this.standing.requireRealName(user);
    const input = await this.checkPosting(user, draft);
    const _id = new Types.ObjectId(id);
    const { repostSource, ...fields } = input;
    const $set = { ...fields, deadline: new Date(input.deadline), searchKeys: jobSearchKeys({ ...input, enterpriseName: enterprise.name }) };
    const updated = await this.jobs
      .findOneAndUpdate(
        { _id, enterpriseId: enterprise._id, status: { $in: ['published', 'closed', 'draft'] } },
        repostSource ? { $set: { ...$set, repostSource } } : { $set, $unset: { repostSource: 1 } },
        { new: true },
      )
      .lean();
    if (!updated) {
      if (!(await this.jobs.exists({ _id, enterpriseId: enterprise._id }))) throw notFound('岗位');
      throw new BizError('JOB_NOT_EDITABLE');
    }
    this.invalidateFeed();
    return toRecruiterJob(updated);
  }

  async getMine(user: AuthUser, id: string): Promise<RecruiterJob> {
    return toRecruiterJob(await this.requireOwn(user, id));
  }

  async listMine(user: AuthUser, page: PageQueryDTO): Promise<Page<RecruiterJob>> {
    const enterprise = await this.enterprises.requireMine(user);
    const filter: FilterQuery<JobDoc> = { enterpriseId: enterprise._id };
    if (page.cursor) filter.$and = [keysetAfter('createdAt', page.cursor, this.auth.tokenSecret)];
    const docs = await this.jobs.find(filter).sort({ createdAt: -1, _id: -1 }).limit(page.limit + 1).lean();
    return pageOf(docs, page.limit, toRecruiterJob, 'createdAt', this.auth.tokenSecret);
  }

  /** The recruiter closes their own published job. */
  async close(user: AuthUser, id: string): Promise<RecruiterJob> {
    const enterprise = await this.enterprises.requireMine(user);
    const updated = await this.jobs
      .findOneAndUpdate({ _id: new Types.ObjectId(id), enterpriseId: enterprise._id, status: 'published' }, { $set: { status: 'closed' } }, { new: true })
      .lean();
    if (!updated) {
      if (!(await this.jobs.exists({ _id: new Types.ObjectId(id), enterpriseId: enterprise._id }))) throw notFound('岗位');
      throw new BizError('JOB_NOT_OPEN');
    }
    this.invalidateFeed();
    return toRecruiterJob(updated);
  }

  /** A job of the caller's enterprise, or 404 (another enterprise's job is not acknowledged). */
  async requireOwn(user: AuthUser, id: string): Promise<JobDoc> {
    const enterprise = await this.enterprises.requireMine(user);
    const doc = await this.jobs.findOne({ _id: new Types.ObjectId(id), enterpriseId: enterprise._id }).lean();
    if (!doc) throw notFound('岗位');
    return doc;
  }

  // ---------------------------------------------------------------- staff and students

  async takeDown(actor: AuthUser, id: string, reason: string, requestId?: string): Promise<RecruiterJob> {
    const _id = new Types.ObjectId(id);
    const before = await this.jobs.findById(_id, { status: 1 }).lean();
    if (!before) throw notFound('岗位');
    const updated = await this.jobs
      .findOneAndUpdate(
        { _id, status: { $in: ['published', 'frozen'] } },
        { $set: { status: 'taken-down', takeDownReason: reason } },
        { new: true },
      )
      .lean();
    if (!updated) throw new BizError('JOB_NOT_OPEN', '该岗位已下架或已停止招聘');
    this.invalidateFeed();
    await this.audit.record(actor, { action: 'job.take-down', targetType: 'job', targetId: id, from: before.status, to: 'taken-down', reason }, requestId);
    return toRecruiterJob(updated);
  }

  /** Staff view: jobs with reports, most reported first (frozen ones need a decision). */
  /**
   * Paged by (reportCount, _id). A job reported again while staff page through may move to a page
   * already seen (the next refresh shows it); it is never shown twice in one pass of the client's
   * list, which drops repeats by id.
   */
  async listReported(limit: number, cursor?: string): Promise<Page<RecruiterJob>> {
    const filter: FilterQuery<JobDoc> = { reportCount: { $gt: 0 }, status: { $in: ['published', 'frozen'] } };
    if (cursor) filter.$and = [keysetAfter('reportCount', cursor, this.auth.tokenSecret, 'number')];
    const docs = await this.jobs.find(filter).sort({ reportCount: -1, _id: -1 }).limit(limit + 1).lean();
    return pageOf(docs, limit, toRecruiterJob, 'reportCount', this.auth.tokenSecret);
  }

  /**
   * Staff restore a frozen job after checking the reports. A freeze that a complaint holds (on the
   * job or its enterprise) is lifted in that complaint's handling, not here.
   */
  async restore(actor: AuthUser, id: string, reason: string, requestId?: string): Promise<RecruiterJob> {
    const _id = new Types.ObjectId(id);
    if (await this.complaintHolds.holdsJob(_id)) throw new BizError('JOB_HELD_BY_COMPLAINT');
    const updated = await this.jobs
      .findOneAndUpdate({ _id, status: 'frozen', frozenWithEnterprise: { $ne: true } }, { $set: { status: 'published', reportCount: 0 } }, { new: true })
      .lean();
    if (!updated) {
      const held = await this.jobs.exists({ _id, status: 'frozen', frozenWithEnterprise: true });
      throw held ? new BizError('JOB_HELD_BY_COMPLAINT') : new BizError('CONFLICT', '该岗位不在冻结状态');
    }
    this.invalidateFeed();
    await this.audit.record(actor, { action: 'job.restore', targetType: 'job', targetId: id, from: 'frozen', to: 'published', reason }, requestId);
    return toRecruiterJob(updated);
  }

  /** A student's report; the Nth distinct report freezes the job until staff decide. */
  async report(user: AuthUser, id: string, reason: string): Promise<{ frozen: boolean }> {
    const jobId = new Types.ObjectId(id);
    if (!(await this.jobs.exists({ _id: jobId, status: { $in: ['published', 'frozen'] } }))) throw notFound('岗位');
    try {
      await this.db.model(JobReportModel).create({ jobId, studentId: new Types.ObjectId(user.id), reason });
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) throw new BizError('JOB_ALREADY_REPORTED');
      throw err;
    }
    const counted = await this.jobs.findOneAndUpdate({ _id: jobId }, { $inc: { reportCount: 1 } }, { new: true, projection: { reportCount: 1 } }).lean();
    if (counted && counted.reportCount >= REPORTS_TO_FREEZE) {
      const frozen = await this.jobs.updateOne({ _id: jobId, status: 'published' }, { $set: { status: 'frozen' } });
      if (frozen.modifiedCount) this.invalidateFeed();
      return { frozen: true };
    }
    return { frozen: false };
  }

  // ---------------------------------------------------------------- demo data

  /** The demo jobs, published by the demo enterprises (seeded first); inserted once by seed key. */
  async seedDemo(now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    const enterprises = await this.enterprises.seeded(JOB_SEEDS.map(seed => seed.enterprise));
    for (const seed of JOB_SEEDS) {
      const enterprise = enterprises.get(seed.enterprise);
      if (!enterprise) throw new Error(`seed job ${seed.seedKey} names unknown enterprise ${seed.enterprise}`);
      const { enterprise: _key, deadlineInDays, publishedHoursAgo, ...fields } = seed;
      const result = await this.jobs.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            ...fields,
            enterpriseId: enterprise._id,
            enterpriseName: enterprise.name,
            industry: enterprise.industry,
            searchKeys: jobSearchKeys({ ...fields, enterpriseName: enterprise.name }),
            status: 'published',
            deadline: new Date(now.getTime() + deadlineInDays * DAY),
            publishedAt: new Date(now.getTime() - publishedHoursAgo * HOUR),
          },
        },
        { upsert: true },
      );
      // Demo jobs seeded before postings had to state duties and requirements get them once.
      await this.jobs.updateOne({ seedKey: seed.seedKey, duties: { $exists: false } }, { $set: { duties: fields.duties, requirements: fields.requirements } });
      count('jobs', result.upsertedCount > 0);
    }
    log(`jobs: ${JOB_SEEDS.length}`);
  }

  /** Seeded demo jobs by seed key (those present). */
  async seeded(keys: readonly string[]): Promise<Map<string, JobBrief>> {
    const docs = await this.jobs.find({ seedKey: { $in: [...keys] } }, { ...BRIEF_FIELDS, seedKey: 1 }).lean<Array<JobBrief & { seedKey?: string }>>();
    return new Map(docs.flatMap(({ seedKey, ...brief }) => (seedKey ? [[seedKey, brief] as const] : [])));
  }
}

export function jobSearchKeys(job: Pick<JobInput, 'title' | 'tags' | 'majors'> & { enterpriseName: string }): string[] {
  return searchKeysOf([job.title, job.enterpriseName, ...job.tags, ...job.majors]);
}

export function toJobSummary(doc: JobDoc): JobSummary {
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    title: doc.title,
    enterpriseId: doc.enterpriseId.toHexString(),
    enterpriseName: doc.enterpriseName,
    salaryMin: doc.salaryMin,
    salaryMax: doc.salaryMax,
    education: doc.education,
    district: doc.district,
    headcount: doc.headcount,
    tags: doc.tags,
    deadline: doc.deadline.toISOString(),
    publishedAt: (doc.publishedAt ?? doc.createdAt).toISOString(),
  };
}

export function toJobDetail(doc: JobDoc): JobDetail {
  const detail: JobDetail = {
    ...toJobSummary(doc),
    description: doc.description ?? '',
    duties: doc.duties ?? '',
    requirements: doc.requirements ?? '',
    majors: doc.majors ?? [],
    address: doc.address ?? '',
    contactPolicy: doc.contactPolicy ?? '',
  };
  if (doc.repost && doc.repostSource) detail.repostSource = doc.repostSource;
  return detail;
}

export function toRecruiterJob(doc: JobDoc): RecruiterJob {
  return {
    ...toJobDetail(doc),
    status: doc.status,
    applicationCount: doc.applicationCount ?? 0,
    hiredCount: doc.hiredCount ?? 0,
    ...(doc.holds?.length ? { hiddenBecause: [...doc.holds] } : {}),
  };
}
