import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Database } from '../../core/database';
import { ComplaintSeeder } from '../complaint/complaint.seed';
import { GrowthSeeder } from '../growth/growth.seed';
import { CONTENT_SEEDS } from '../content/content.seed';
import { ContentModel } from '../content/content.model';
import { searchKeys } from '../content/content.rules';
import { EnterpriseModel } from '../job/enterprise.model';
import { JobModel } from '../job/job.model';
import { PushSeeder } from '../notice/push.seed';
import { ENTERPRISE_SEEDS, JOB_SEEDS } from '../job/job.seed';
import { jobSearchKeys } from '../job/job.service';
import { LIVE_SESSION_SEEDS, applyLiveSeeds } from '../live/live.seed';
import { SubsidyProgramModel } from '../subsidy/subsidy.model';
import { SUBSIDY_PROGRAM_SEEDS } from '../subsidy/subsidy.seed';
import { UserModel } from '../user/user.model';
import { DEMO_USER_SEEDS } from '../user/user.seed';

export interface SeedSummary {
  inserted: Record<string, number>;
  existing: Record<string, number>;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Demo data drawn from the plan. Upserts by stable keys with $setOnInsert, so
 * running it again inserts nothing and never overwrites what staff changed.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DemoSeeder {
  @Inject()
  private db!: Database;

  @Inject()
  private complaintSeeder!: ComplaintSeeder;

  @Inject()
  private growthSeeder!: GrowthSeeder;

  @Inject()
  private pushSeeder!: PushSeeder;

  async seed(log: (line: string) => void = () => undefined, now = new Date()): Promise<SeedSummary> {
    const summary: SeedSummary = { inserted: {}, existing: {} };
    const count = (kind: string, inserted: boolean) => {
      const bucket = inserted ? summary.inserted : summary.existing;
      bucket[kind] = (bucket[kind] ?? 0) + 1;
    };

    const contents = this.db.model(ContentModel);
    for (const [i, seed] of CONTENT_SEEDS.entries()) {
      const result = await contents.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            kind: seed.kind,
            action: seed.action,
            title: seed.title,
            summary: seed.summary,
            body: seed.body.map(p => `<p>${escapeHtml(p)}</p>`).join(''),
            issuer: seed.issuer,
            tags: seed.tags,
            district: seed.district,
            institution: seed.institution,
            audience: {
              graduationYears: [],
              degrees: [],
              districts: seed.audience?.districts ?? [],
              majorKeywords: [],
              inDalianCollege: seed.audience?.inDalianCollege,
              doubleFirstClassOnly: seed.audience?.doubleFirstClassOnly ?? false,
              hardshipOnly: seed.audience?.hardshipOnly ?? false,
            },
            attachments: [],
            status: 'published',
            searchKeys: searchKeys(seed.title, seed.summary, seed.tags.join(' '), seed.body.join(' ')),
            effectiveFrom: new Date('2022-05-11T00:00:00+08:00'),
            publishedAt: new Date(now.getTime() - (i + 1) * HOUR),
          },
        },
        { upsert: true },
      );
      count('contents', result.upsertedCount > 0);
      // Entries seeded before search keys existed get them once; API edits keep them current.
      await contents.updateOne(
        { seedKey: seed.seedKey, 'searchKeys.0': { $exists: false } },
        { $set: { searchKeys: searchKeys(seed.title, seed.summary, seed.tags.join(' '), seed.body.join(' ')) } },
      );
    }
    await contents.updateMany({ version: { $exists: false } }, { $set: { version: 1 } });
    log(`contents: ${CONTENT_SEEDS.length} from the plan`);

    const enterprises = this.db.model(EnterpriseModel);
    const enterpriseIds = new Map<string, { id: unknown; name: string; industry: string }>();
    for (const seed of ENTERPRISE_SEEDS) {
      const result = await enterprises.findOneAndUpdate(
        { seedKey: seed.seedKey },
        { $setOnInsert: { ...seed, chainTags: [...seed.chainTags], status: 'verified' } },
        { upsert: true, new: true, includeResultMetadata: true },
      );
      const doc = result.value;
      if (doc) enterpriseIds.set(seed.seedKey, { id: doc._id, name: doc.name, industry: doc.industry });
      count('enterprises', !result.lastErrorObject?.updatedExisting);
    }
    log(`enterprises: ${ENTERPRISE_SEEDS.length} (示例)`);

    const jobs = this.db.model(JobModel);
    for (const seed of JOB_SEEDS) {
      const enterprise = enterpriseIds.get(seed.enterprise);
      if (!enterprise) throw new Error(`seed job ${seed.seedKey} names unknown enterprise ${seed.enterprise}`);
      const { enterprise: _key, deadlineInDays, publishedHoursAgo, ...fields } = seed;
      const result = await jobs.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            ...fields,
            enterpriseId: enterprise.id,
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
      count('jobs', result.upsertedCount > 0);
    }
    log(`jobs: ${JOB_SEEDS.length}`);

    const users = this.db.model(UserModel);
    for (const seed of DEMO_USER_SEEDS) {
      const result = await users.findOneAndUpdate(
        { devAccount: seed.devAccount },
        {
          $setOnInsert: {
            devAccount: seed.devAccount,
            devDescription: seed.description,
            nickname: seed.nickname,
            roles: seed.roles,
            scope: seed.scope ?? {},
            profile: seed.profile ?? {},
          },
        },
        { upsert: true, new: true, includeResultMetadata: true },
      );
      const enterprise = seed.enterprise ? enterpriseIds.get(seed.enterprise) : undefined;
      if (enterprise && result.value) {
        await enterprises.updateOne({ _id: enterprise.id }, { $addToSet: { recruiterIds: result.value._id } });
      }
      count('users', !result.lastErrorObject?.updatedExisting);
    }
    log(`demo users: ${DEMO_USER_SEEDS.length} (every role)`);

    const programs = this.db.model(SubsidyProgramModel);
    for (const { seedKey, ...program } of SUBSIDY_PROGRAM_SEEDS) {
      const result = await programs.updateOne({ seedKey }, { $setOnInsert: program }, { upsert: true });
      count('subsidyPrograms', result.upsertedCount > 0);
    }
    log(`subsidy programs: ${SUBSIDY_PROGRAM_SEEDS.length} (示例金额)`);

    const live = await applyLiveSeeds(this.db, now);
    summary.inserted.liveSessions = live.inserted;
    summary.existing.liveSessions = live.existing;
    log(`live sessions: ${LIVE_SESSION_SEEDS.length} (示例)${live.skipped.length ? `, skipped (jobs missing): ${live.skipped.join(', ')}` : ''}`);
    await this.complaintSeeder.seed(now, count, log);
    await this.growthSeeder.seed(now, count, log);
    await this.pushSeeder.seed(count, log);
    return summary;
  }
}
