import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomUUID } from 'crypto';
import { Types } from 'mongoose';
import {
  RESPONSIVENESS_WINDOW_DAYS,
  hasEnoughData,
  responsivenessBadge,
  type ResponsivenessBadge,
  type SlowEnterprise,
} from '../../contract/responsiveness';
import { Database } from '../../core/database';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { NoticeService } from '../notice/notice.service';
import { ApplicationModel, type ApplicationStepDoc } from './application.model';
import { JobModel } from './job.model';
import { searchKeysOf } from './job.rules';
import { HISTORY_APPLICANTS, HISTORY_SEEDS } from './responsiveness.seed';
import { ResponsivenessModel, type ResponsivenessDoc } from './responsiveness.model';
import { figuresOf, slownessOf } from './responsiveness.rules';

const DAY_MS = 24 * 3600_000;
/** Rows not recomputed for this long are, as the window slides. */
const REFRESH_MS = DAY_MS;
const LEASE_MS = 60_000;
/** How long a process trusts the figures it read (a change shows on cards within this plus the worker's check). */
const CACHE_MS = 60_000;
const CACHE_MAX = 20_000;

interface Cached {
  badge: ResponsivenessBadge | null;
  expires: number;
}

/**
 * Recruiter responsiveness (issue 17 §2): figures per enterprise over the last 90 days, precomputed in
 * `enterprise_responsiveness` by whichever worker claims a changed row, and read by job cards through a
 * per-process cache (one `$in` query per page for the enterprises it has not seen lately).
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class ResponsivenessService {
  @Inject()
  private db!: Database;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private enterprises!: EnterpriseService;

  private cache = new Map<string, Cached>();

  private get rows() {
    return this.db.model(ResponsivenessModel);
  }

  /** Workers recompute changed enterprises on their reminder check (every minute), like fair reminders. */
  @Init()
  init(): void {
    this.notices.registerReminderSource('job-responsiveness', now => this.recomputeDue(now));
  }

  /** An application of this enterprise was made or changed: its figures are recomputed by a worker. */
  async markChanged(enterpriseId: Types.ObjectId, now: Date = new Date()): Promise<void> {
    await this.rows.updateOne({ _id: enterpriseId }, { $set: { dirtyAt: now } }, { upsert: true });
  }

  /**
   * Claims and recomputes rows that changed or are a day old, at most `max` per call. A claim is a
   * conditional update setting a fresh token and a lease, so two workers never compute one row at once;
   * a worker that dies leaves the row to be claimed again when the lease ends. The result is written only
   * under the worker's own token, and `dirtyAt` is cleared only if no change came in during the computation.
   */
  async recomputeDue(now: Date = new Date(), max = 200): Promise<number> {
    let done = 0;
    while (done < max) {
      const token = randomUUID();
      const claimed = await this.rows
        .findOneAndUpdate(
          {
            leaseUntil: { $lte: now },
            $or: [{ dirtyAt: { $ne: null } }, { computedAt: { $lte: new Date(now.getTime() - REFRESH_MS) } }],
          },
          { $set: { claim: token, leaseUntil: new Date(now.getTime() + LEASE_MS) } },
          { new: true },
        )
        .lean();
      if (!claimed) break;
      await this.recompute(claimed, token, now);
      done += 1;
    }
    return done;
  }

  private async recompute(row: ResponsivenessDoc, token: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - RESPONSIVENESS_WINDOW_DAYS * DAY_MS);
    const apps = await this.db
      .model(ApplicationModel)
      .find({ enterpriseId: row._id, createdAt: { $gte: since } }, { status: 1, createdAt: 1, steps: 1, enterpriseName: 1 })
      .lean();
    const { unanswered, ...figures } = figuresOf(apps);
    const figuresSet = {
      ...figures,
      unanswered,
      enterpriseName: apps[0]?.enterpriseName ?? row.enterpriseName,
      enough: hasEnoughData(figures),
      slowness: slownessOf(figures, RESPONSIVENESS_WINDOW_DAYS),
      computedAt: now,
      claim: null,
      leaseUntil: new Date(0),
    };
    // One write releases the claim and, when no change came in since the claim, clears dirtyAt: another
    // worker never sees the row released but still dirty from this computation.
    const clean = await this.rows.updateOne({ _id: row._id, claim: token, dirtyAt: row.dirtyAt }, { $set: { ...figuresSet, dirtyAt: null } });
    if (!clean.modifiedCount) await this.rows.updateOne({ _id: row._id, claim: token }, { $set: figuresSet });
    this.cache.delete(row._id.toHexString());
  }

  /** Badges of these enterprises (hex ids) that have enough data. */
  async badgesOf(enterpriseIds: readonly string[], now = Date.now()): Promise<Map<string, ResponsivenessBadge>> {
    const missing = [...new Set(enterpriseIds)].filter(id => !((this.cache.get(id)?.expires ?? 0) > now));
    if (missing.length) {
      const rows = await this.rows
        .find({ _id: { $in: missing.map(id => new Types.ObjectId(id)) } }, { applications: 1, settled: 1, answered: 1, firstViewMedianHours: 1, decisionMedianHours: 1 })
        .lean();
      const byId = new Map(rows.map(r => [r._id.toHexString(), r]));
      if (this.cache.size + missing.length > CACHE_MAX) this.cache.clear();
      for (const id of missing) {
        const row = byId.get(id);
        this.cache.set(id, { badge: row ? responsivenessBadge(row) : null, expires: now + CACHE_MS });
      }
    }
    const out = new Map<string, ResponsivenessBadge>();
    for (const id of enterpriseIds) {
      const badge = this.cache.get(id)?.badge;
      if (badge) out.set(id, badge);
    }
    return out;
  }

  /** The same items with their enterprise's badge where it has one (new objects: cached pages stay as they are). */
  async withBadges<T extends { enterpriseId: string; responsiveness?: ResponsivenessBadge }>(items: readonly T[]): Promise<T[]> {
    const badges = await this.badgesOf(items.map(i => i.enterpriseId));
    return items.map(item => {
      const badge = badges.get(item.enterpriseId);
      return badge ? { ...item, responsiveness: badge } : item;
    });
  }

  /** Enterprises with enough data, slowest first (staff). */
  async slowest(limit: number): Promise<SlowEnterprise[]> {
    const rows = await this.rows.find({ enough: true }).sort({ slowness: -1, _id: 1 }).limit(limit).lean();
    return rows.map(r => ({
      enterpriseId: r._id.toHexString(),
      enterpriseName: r.enterpriseName,
      figures: {
        applications: r.applications,
        settled: r.settled,
        answered: r.answered,
        firstViewMedianHours: r.firstViewMedianHours,
        decisionMedianHours: r.decisionMedianHours,
      },
      unanswered: r.unanswered,
      computedAt: (r.computedAt ?? new Date(0)).toISOString(),
    }));
  }

  // ---------------------------------------------------------------- demo data

  /**
   * The demo enterprises' earlier, closed postings with three months of applications and steps
   * (responsiveness.seed.ts), inserted once by seed key; then their figures are computed at once.
   */
  async seedDemo(now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    const enterprises = await this.enterprises.seeded(HISTORY_SEEDS.map(seed => seed.enterprise));
    const jobs = this.db.model(JobModel);
    const applications = this.db.model(ApplicationModel);
    const at = (daysAgo: number, hours = 0) => new Date(now.getTime() - daysAgo * DAY_MS + hours * 3600_000);
    for (const seed of HISTORY_SEEDS) {
      const enterprise = enterprises.get(seed.enterprise);
      if (!enterprise) throw new Error(`history seed ${seed.seedKey} names unknown enterprise ${seed.enterprise}`);
      const { enterprise: _key, publishedDaysAgo, closedDaysAgo, applications: apps, ...fields } = seed;
      await jobs.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            ...fields,
            enterpriseId: enterprise._id,
            enterpriseName: enterprise.name,
            industry: enterprise.industry,
            headcount: 2,
            tags: [],
            searchKeys: searchKeysOf([fields.title, enterprise.name]),
            status: 'closed',
            deadline: at(closedDaysAgo),
            publishedAt: at(publishedDaysAgo),
            applicationCount: apps.length,
          },
        },
        { upsert: true },
      );
      const job = await jobs.findOne({ seedKey: seed.seedKey }, { _id: 1 }).lean();
      if (!job) continue;
      for (const [index, app] of apps.entries()) {
        const profile = HISTORY_APPLICANTS[index % HISTORY_APPLICANTS.length];
        const createdAt = at(app.appliedDaysAgo);
        // A stable id per (posting, applicant): re-seeding finds the same application.
        const studentId = new Types.ObjectId(createHash('sha256').update(`${seed.seedKey}:${index}`).digest('hex').slice(0, 24));
        const steps: ApplicationStepDoc[] = [
          { status: 'submitted', at: createdAt, by: studentId },
          ...app.steps.map(step => ({ status: step.status, at: at(app.appliedDaysAgo, step.afterHours), ...(step.note ? { note: step.note } : {}) })),
        ];
        const last = steps[steps.length - 1];
        // Through the driver: the history needs its own createdAt, which mongoose keeps immutable.
        const result = await applications.collection.updateOne(
          { jobId: job._id, studentId },
          {
            $setOnInsert: {
              jobTitle: seed.title,
              enterpriseId: enterprise._id,
              enterpriseName: enterprise.name,
              profile: { ...profile },
              status: last.status,
              steps,
              pendingNotices: [],
              createdAt,
              updatedAt: last.at,
            },
          },
          { upsert: true },
        );
        count('job-applications', result.upsertedCount > 0);
      }
      await this.markChanged(enterprise._id, now);
    }
    await this.recomputeDue(now);
    log(`responsiveness history: ${HISTORY_SEEDS.length} closed postings`);
  }
}
