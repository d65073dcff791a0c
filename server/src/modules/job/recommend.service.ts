import { Config, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { createHash, randomUUID } from 'crypto';
import { hostname } from 'os';
import type { Types } from 'mongoose';
import type { Page } from '../../contract/common';
import type { JobSummary } from '../../contract/job';
import { Database } from '../../core/database';
import { BizError } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import type { AppSettings, AuthUser, RecommendSettings } from '../../interface';
import { UserService } from '../user/user.service';
import type { JobQueryDTO } from './job.dto';
import { matchScore, type MatchProfile } from './job.rules';
import { JobService, RECOMMEND_CANDIDATES, toJobSummary, type JobDoc } from './job.service';
import { RECOMMEND_STATE_ID, RecommendStateModel, RecommendWindowModel, type RecommendStateDoc, type WindowEntry } from './recommend.model';
import {
  matchProfileKey,
  openPrefix,
  rankCandidates,
  rankedPage,
  windowExact,
  windowValidUntil,
  type OpenPrefix,
  type Ranking,
} from './recommend.rules';

/** Filtered candidate lists a process keeps (the filter bar's combinations in use). */
const FILTERED_MAX = 64;
/** Students whose profile a process keeps (a few fields each). */
const PROFILES_MAX = 100_000;

/** A candidate window in this process, with the rankings of the profile buckets asked so far. */
class LoadedWindow {
  private prefix?: OpenPrefix;
  private readonly rankings = new Map<string, Ranking>();
  readonly validUntil: string | undefined;

  constructor(
    readonly id: string,
    readonly jobs: readonly WindowEntry[],
    complete: boolean,
    private readonly maxRankings: number,
  ) {
    this.validUntil = windowValidUntil(jobs, RECOMMEND_CANDIDATES, complete);
  }

  exactAt(nowIso: string): boolean {
    return windowExact(this.validUntil, nowIso);
  }

  prefixAt(nowIso: string): OpenPrefix {
    if (!this.prefix || (this.prefix.changesAfter !== undefined && nowIso > this.prefix.changesAfter)) {
      this.prefix = openPrefix(this.jobs, nowIso, RECOMMEND_CANDIDATES);
    }
    return this.prefix;
  }

  rankingFor(profile: MatchProfile): Ranking {
    const key = matchProfileKey(profile);
    let ranking = this.rankings.get(key);
    if (ranking) {
      this.rankings.delete(key);
    } else {
      ranking = rankCandidates(profile, this.jobs);
      if (this.rankings.size >= this.maxRankings) this.rankings.delete(this.rankings.keys().next().value as string);
    }
    this.rankings.set(key, ranking);
    return ranking;
  }
}

interface FilteredEntry {
  /** The count of job changes the shared window had seen when this list was read. */
  seen: number;
  expires: number;
  window: Promise<LoadedWindow>;
}

function windowEntry(doc: JobDoc): WindowEntry {
  return { ...toJobSummary(doc), majors: doc.majors ?? [] };
}

function hasFilter(query: JobQueryDTO): boolean {
  return Boolean(query.kind || query.district || query.industry || query.education || query.salaryMin !== undefined || query.major || query.q);
}

/**
 * "Recommended for me" without ranking every open job per request (issue 17 §4, docs/jobs.md).
 *
 * The candidates are what the live query read: the newest open jobs, newest first. One process at
 * a time (a lease on the state document) reads them after a job change is announced (JobService.
 * invalidateFeed counts it in the database) or at least every `rebuildMs`, and stores them as one
 * window document; every process reads the small state document every `syncMs` and loads a new
 * window by `_id`. A request reads the student's profile by `_id`, ranks the window once per
 * profile bucket (matchProfileKey) and window, and pages that ranking: the same order, scores and
 * reasons as ranking the live query's answer. Filtered requests rank the filter's newest open jobs,
 * read once per filter and announced change.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RecommendService {
  @Inject()
  private db!: Database;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private users!: UserService;

  @Logger()
  private logger!: ILogger;

  @Config('app.recommend')
  private settings!: RecommendSettings;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  private readonly owner = `${hostname()}:${process.pid}`;
  private current?: LoadedWindow;
  private lastSync = 0;
  /** Job changes the last-read state had seen (keys the filtered lists). */
  private seen = -1;
  private syncing?: Promise<void>;
  /** A job changed in this process since the last rebuild began: rebuild before answering. */
  private localDirty = false;
  private readonly filtered = new Map<string, FilteredEntry>();
  private readonly profiles = new Map<string, { profile: MatchProfile; expires: number }>();
  private timer?: NodeJS.Timeout;

  @Init()
  init(): void {
    this.jobs.onFeedChange(origin => {
      // A change elsewhere is rebuilt by whoever holds the lease; filtered lists are re-read here.
      if (origin === 'here') this.localDirty = true;
      this.filtered.clear();
    });
    this.users.onProfileChange(userId => {
      if (userId) this.profiles.delete(userId);
      else this.profiles.clear();
    });
  }

  private get states() {
    return this.db.model(RecommendStateModel);
  }

  private get windows() {
    return this.db.model(RecommendWindowModel);
  }

  /** Keeps this process's window fresh every `syncMs` (off when 0: requests sync themselves). */
  start(): void {
    if (this.timer || !(this.settings.syncMs > 0)) return;
    this.timer = setInterval(() => {
      this.sync().catch(err => this.logger.warn(`recommend: sync failed: ${(err as Error).message}`));
    }, this.settings.syncMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.syncing?.catch(() => undefined);
  }

  async recommended(user: AuthUser, query: JobQueryDTO, now = new Date()): Promise<Page<JobSummary>> {
    const after = this.cursorOf(query.cursor);
    const profile = await this.profileOf(user.id);
    const nowIso = now.toISOString();
    const window = hasFilter(query) ? await this.filteredWindow(query, now) : await this.window(now);
    const { rows, more } = rankedPage(window.rankingFor(profile), window.jobs, window.prefixAt(nowIso).included, after, query.limit);
    const items = rows.map(({ index, score }) => {
      const { majors: _majors, ...summary } = window.jobs[index];
      return { ...summary, score, reasons: matchScore(profile, window.jobs[index]).reasons };
    });
    const last = rows[rows.length - 1];
    return {
      items,
      nextCursor: more && last ? encodeCursor(['match', last.score, window.jobs[last.index].id], this.auth.tokenSecret) : undefined,
    };
  }

  /**
   * What the score reads of the student's profile. Kept for `profileCacheMs`: a change made in this
   * process drops it at once, one made elsewhere at once with Redis, otherwise within that time.
   */
  private async profileOf(userId: string): Promise<MatchProfile> {
    const now = Date.now();
    const hit = this.profiles.get(userId);
    if (hit && hit.expires > now) return hit.profile;
    const full = (await this.users.cardOf(userId))?.profile ?? {};
    const profile: MatchProfile = { major: full.major, degree: full.degree, intentionDistricts: full.intentionDistricts, intentionText: full.intentionText };
    if (this.settings.profileCacheMs > 0) {
      this.profiles.delete(userId);
      if (this.profiles.size >= PROFILES_MAX) this.profiles.delete(this.profiles.keys().next().value as string);
      this.profiles.set(userId, { profile, expires: now + this.settings.profileCacheMs });
    }
    return profile;
  }

  private cursorOf(cursor: string | undefined): { score: number; id: string } | undefined {
    if (!cursor) return undefined;
    // Tagged, so a cursor of the newest-first feed cannot be replayed here.
    const [tag, score, id] = decodeCursor(cursor, this.auth.tokenSecret, 3);
    if (tag !== 'match' || typeof score !== 'number' || typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) {
      throw new BizError('CURSOR_INVALID', undefined, 'cursor');
    }
    return { score, id };
  }

  /** The shared window, synced first when this process changed a job, has none or it ran short. */
  private async window(now: Date): Promise<LoadedWindow> {
    await this.freshen(now.toISOString());
    const current = this.current;
    if (current?.exactAt(now.toISOString())) return current;
    // No usable window yet (another process holds the lease to build the first): the live query.
    return this.liveWindow(undefined, now);
  }

  private async freshen(nowIso: string): Promise<void> {
    const due = Date.now() - this.lastSync >= this.settings.syncMs;
    if (!this.current || this.localDirty || !this.current.exactAt(nowIso) || (due && this.settings.syncMs === 0)) {
      await this.sync();
    } else if (due) {
      this.sync().catch(err => this.logger.warn(`recommend: sync failed: ${(err as Error).message}`));
    }
  }

  private async filteredWindow(query: JobQueryDTO, now: Date): Promise<LoadedWindow> {
    const nowIso = now.toISOString();
    await this.freshen(nowIso);
    const key = JSON.stringify([query.kind, query.district, query.industry, query.education, query.salaryMin, query.major, query.q]);
    const hit = this.filtered.get(key);
    if (hit && hit.seen === this.seen && hit.expires > Date.now()) {
      const window = await hit.window;
      if (window.exactAt(nowIso)) return window;
    }
    const entry: FilteredEntry = { seen: this.seen, expires: Date.now() + this.settings.rebuildMs, window: this.liveWindow(query, now) };
    if (this.filtered.size >= FILTERED_MAX) this.filtered.delete(this.filtered.keys().next().value as string);
    this.filtered.set(key, entry);
    try {
      return await entry.window;
    } catch (err) {
      if (this.filtered.get(key) === entry) this.filtered.delete(key);
      throw err;
    }
  }

  private async liveWindow(query: JobQueryDTO | undefined, now: Date): Promise<LoadedWindow> {
    const limit = RECOMMEND_CANDIDATES + this.settings.margin;
    const docs = await this.jobs.newestOpen(query, limit, now);
    return new LoadedWindow('live', docs.map(windowEntry), docs.length < limit, this.settings.rankingCacheSize);
  }

  /** Reads the shared state, rebuilds when due, loads a new window. One at a time per process. */
  sync(): Promise<void> {
    this.syncing ??= this.syncOnce().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const started = Date.now();
    let state = await this.states.findById(RECOMMEND_STATE_ID).lean<RecommendStateDoc>();
    if (this.buildDue(state, new Date(started))) {
      await this.build(state);
      state = await this.states.findById(RECOMMEND_STATE_ID).lean<RecommendStateDoc>();
    }
    if (state?.windowId && state.windowId.toHexString() !== this.current?.id) await this.load(state.windowId);
    this.seen = state?.builtFor ?? -1;
    this.lastSync = started;
  }

  private buildDue(state: RecommendStateDoc | null, now: Date): boolean {
    if (!state?.windowId || !state.builtAt || this.localDirty || state.dirty > state.builtFor) return true;
    if (!windowExact(state.validUntil, now.toISOString())) return true;
    return now.getTime() - state.builtAt.getTime() >= this.settings.rebuildMs;
  }

  private async load(windowId: Types.ObjectId): Promise<void> {
    const doc = await this.windows.findById(windowId).lean();
    // Replaced twice since the state was read: the next sync loads the newer one.
    if (!doc) return;
    this.current = new LoadedWindow(windowId.toHexString(), doc.jobs, doc.complete, this.settings.rankingCacheSize);
    this.filtered.clear();
  }

  /**
   * Rebuilds the shared window under the lease. Safe to run in several processes at once (one
   * wins the lease) and to repeat (the same jobs give the same fingerprint and no new window).
   * Returns false when another process holds the lease.
   */
  async build(state?: RecommendStateDoc | null, now = new Date()): Promise<boolean> {
    if (state === undefined) state = await this.states.findById(RECOMMEND_STATE_ID).lean<RecommendStateDoc>();
    if (!state) {
      try {
        await this.states.create({ _id: RECOMMEND_STATE_ID, dirty: 0, builtFor: -1 });
      } catch (err) {
        if ((err as { code?: unknown }).code !== 11000) throw err;
      }
    }
    const token = `${this.owner}/${randomUUID()}`;
    const claimed = await this.states
      .findOneAndUpdate(
        { _id: RECOMMEND_STATE_ID, $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lt: now } }] },
        { $set: { leaseOwner: token, leaseUntil: new Date(now.getTime() + this.settings.leaseMs) } },
        { new: true },
      )
      .lean<RecommendStateDoc>();
    // Someone else is rebuilding; their window covers this process's change or the next one will.
    this.localDirty = false;
    if (!claimed) return false;
    const release = { leaseOwner: 1, leaseUntil: 1 } as const;
    try {
      const limit = RECOMMEND_CANDIDATES + this.settings.margin;
      const docs = await this.jobs.newestOpen(undefined, limit, now);
      const entries = docs.map(windowEntry);
      const complete = docs.length < limit;
      const validUntil = windowValidUntil(entries, RECOMMEND_CANDIDATES, complete);
      const fingerprint = createHash('sha1').update(JSON.stringify([complete, entries])).digest('base64url');
      const built = { builtFor: claimed.dirty, builtAt: now };
      const expiry = validUntil === undefined ? { $unset: { ...release, validUntil: 1 } } : { $unset: release };
      const expirySet = validUntil === undefined ? {} : { validUntil };
      if (claimed.windowId && fingerprint === claimed.fingerprint) {
        await this.states.updateOne({ _id: RECOMMEND_STATE_ID, leaseOwner: token }, { $set: { ...built, ...expirySet }, ...expiry });
        return true;
      }
      const created = await this.windows.create({ jobs: entries, complete, builtAt: now });
      const swapped = await this.states.updateOne(
        { _id: RECOMMEND_STATE_ID, leaseOwner: token },
        { $set: { ...built, ...expirySet, windowId: created._id, previousWindowId: claimed.windowId, fingerprint }, ...expiry },
      );
      if (!swapped.modifiedCount) {
        // The lease ran out and another process took over: its window stands.
        await this.windows.deleteOne({ _id: created._id });
        return false;
      }
      // The previous window stays for processes that are loading it right now.
      await this.windows.deleteMany({ _id: { $nin: claimed.windowId ? [created._id, claimed.windowId] : [created._id] } });
      return true;
    } catch (err) {
      await this.states.updateOne({ _id: RECOMMEND_STATE_ID, leaseOwner: token }, { $unset: release }).catch(() => undefined);
      throw err;
    }
  }
}
