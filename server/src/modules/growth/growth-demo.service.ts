import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { addDays, beijingAt, beijingDay } from '../../contract/time';
import { Database } from '../../core/database';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { ContentService } from '../content/content.service';
import { SubsidyProgramService } from '../subsidy/subsidy-program.service';
import { UserService } from '../user/user.service';
import { ContestModel, CourseModel, SlotModel, StoryModel } from './growth.model';
import { CONTEST_SEEDS, COURSE_SEEDS, INCUBATOR_SEEDS, SLOT_SEEDS, STORY_SEEDS, TRAINING_SUBSIDY_SEED } from './growth.seed';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Growth's demo data, applied by DemoSeeder after contents, users and subsidy programs exist; idempotent by seedKey. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class GrowthDemoService {
  @Inject()
  private db!: Database;

  @Inject()
  private contents!: ContentService;

  @Inject()
  private users!: UserService;

  @Inject()
  private subsidyPrograms!: SubsidyProgramService;

  async seed(now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    for (const [i, seed] of INCUBATOR_SEEDS.entries()) {
      const inserted = await this.contents.upsertDemo({
        seedKey: seed.seedKey,
        kind: 'institution',
        action: 5,
        title: seed.title,
        summary: seed.summary,
        body: `<p>${seed.summary}</p>`,
        issuer: '市人社局、市科技局',
        tags: seed.tags,
        district: seed.district,
        institution: seed.institution,
        publishedAt: new Date(now.getTime() - (i + 30) * HOUR),
      });
      count('incubators', inserted);
    }
    log(`incubators / maker spaces: ${INCUBATOR_SEEDS.length} (示例)`);

    const trainingProgram = await this.subsidyPrograms.upsertDemo(TRAINING_SUBSIDY_SEED);
    count('subsidyPrograms', trainingProgram.inserted);

    const accounts = await this.users.demoAccounts(['f-bureau', ...SLOT_SEEDS.map(seed => seed.host)]);
    const creator = accounts.get('f-bureau')?._id.toHexString() ?? 'seed';
    const institutions = await this.contents.seededInstitutions(COURSE_SEEDS.flatMap(seed => (seed.institution ? [seed.institution] : [])));
    const courses = this.db.model(CourseModel);
    for (const seed of COURSE_SEEDS) {
      const institution = seed.institution ? institutions.get(seed.institution) : undefined;
      if (seed.institution && !institution) throw new Error(`course seed ${seed.seedKey} names unknown institution ${seed.institution}`);
      const district = institution?.institution?.district ?? institution?.district;
      const res = await courses.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            kind: seed.kind,
            title: seed.title,
            summary: seed.summary,
            topic: seed.topic,
            format: seed.format,
            url: seed.url,
            location: seed.location,
            speaker: seed.speaker,
            startsAt: beijingAt(now, seed.inDays, 14),
            durationMinutes: seed.durationMinutes,
            capacity: seed.capacity,
            signedUp: 0,
            attendees: [],
            status: 'open',
            institutionId: institution?._id,
            institutionName: institution?.title,
            hours: seed.hours,
            subsidyProgramId: seed.kind === 'training' ? trainingProgram.id : undefined,
            organiser: institution?.title ?? seed.speaker,
            owner: district ? { districtCode: district } : {},
            createdBy: creator,
          },
        },
        { upsert: true },
      );
      count('courses', res.upsertedCount > 0);
    }
    log(`courses: ${COURSE_SEEDS.length} (career + training at the plan's named institutions; 示例)`);

    const contests = this.db.model(ContestModel);
    for (const seed of CONTEST_SEEDS) {
      const res = await contests.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            title: seed.title,
            organiser: seed.organiser,
            summary: seed.summary,
            registrationClosesOn: addDays(beijingDay(now), seed.closesInDays),
            url: '',
            registrations: 0,
            owner: {},
            createdBy: creator,
          },
        },
        { upsert: true },
      );
      count('contests', res.upsertedCount > 0);
    }
    log(`contests: ${CONTEST_SEEDS.length} (from the plan; dates 示例)`);

    const slots = this.db.model(SlotModel);
    for (const seed of SLOT_SEEDS) {
      const host = accounts.get(seed.host);
      if (!host) throw new Error(`slot seed ${seed.seedKey} names unknown user ${seed.host}`);
      const startsAt = beijingAt(now, seed.inDays, seed.hour);
      const res = await slots.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            kind: seed.kind,
            hostUserId: host._id.toHexString(),
            hostName: seed.hostName,
            hostTitle: seed.hostTitle,
            mode: seed.mode,
            location: seed.location,
            startsAt,
            endsAt: new Date(startsAt.getTime() + seed.minutes * 60_000),
            status: 'open',
            collegeId: seed.kind === 'advisor' ? host.scope?.collegeId : undefined,
            owner: seed.kind === 'advisor' ? { collegeId: host.scope?.collegeId } : { districtCode: host.scope?.districtCode },
          },
        },
        { upsert: true },
      );
      count('slots', res.upsertedCount > 0);
    }
    log(`office-hour slots: ${SLOT_SEEDS.length} (职业指导 + 创业诊所; 示例时间)`);

    const stories = this.db.model(StoryModel);
    for (const [i, seed] of STORY_SEEDS.entries()) {
      const res = await stories.updateOne(
        { seedKey: seed.seedKey },
        {
          $setOnInsert: {
            userId: creator,
            authorName: seed.authorName,
            schoolName: seed.schoolName,
            title: seed.title,
            text: seed.text,
            status: 'approved',
            likes: 0,
            publishedAt: new Date(now.getTime() - (i + 1) * DAY),
          },
        },
        { upsert: true },
      );
      count('stories', res.upsertedCount > 0);
    }
    log(`stories: ${STORY_SEEDS.length} (示例, text only)`);
  }
}
