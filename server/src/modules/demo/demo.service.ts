import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ComplaintDemoService } from '../complaint/complaint-demo.service';
import { ContentService } from '../content/content.service';
import { addDays } from '../../contract/time';
import { DEMO_CALENDAR_SPAN_DAYS, demoToday, type DemoCalendar } from '../../core/demo.rules';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { FairService } from '../fair/fair.service';
import { StandingService } from '../enterprise/standing.service';
import { GrowthDemoService } from '../growth/growth-demo.service';
import { JobService } from '../job/job.service';
import { ResponsivenessService } from '../job/responsiveness.service';
import { LiveService } from '../live/live.service';
import { PushDemoService } from '../notice/push-demo.service';
import { StatisticsTargetService } from '../statistics/statistics-targets.service';
import { RegistryService } from '../registry/registry.service';
import { SupportService } from '../support/support.service';
import { SubsidyProgramService } from '../subsidy/subsidy-program.service';
import { SubsidyStagesService } from '../subsidy/subsidy-stages.service';
import { SubsidyOfferDemoService } from '../subsidy/subsidy-offer-demo.service';
import { SubsidyDemoService } from '../subsidy/subsidy-demo.service';
import { UserService } from '../user/user.service';

/** Graduates in the demo city's registry: a sample of a year (the plan's target is 50,000 staying). */
export const DEMO_CITY_GRADUATES = 3600;

export interface SeedSummary {
  inserted: Record<string, number>;
  existing: Record<string, number>;
}

/**
 * Demo data drawn from the plan. Each module upserts its own by stable keys with $setOnInsert, so
 * running it again inserts nothing and never overwrites what staff changed. The order matters:
 * jobs need their enterprises, recruiters their enterprise, fairs, sessions and complaints their jobs and users.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DemoSeeder {
  @Inject()
  private contents!: ContentService;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private standing!: StandingService;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private responsiveness!: ResponsivenessService;

  @Inject()
  private users!: UserService;

  @Inject()
  private live!: LiveService;

  @Inject()
  private fairs!: FairService;

  @Inject()
  private stages!: SubsidyStagesService;

  @Inject()
  private subsidyPrograms!: SubsidyProgramService;

  @Inject()
  private complaints!: ComplaintDemoService;

  @Inject()
  private growth!: GrowthDemoService;

  @Inject()
  private pushSeeder!: PushDemoService;

  @Inject()
  private statisticsTargets!: StatisticsTargetService;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private support!: SupportService;

  @Inject()
  private offerDemo!: SubsidyOfferDemoService;

  @Inject()
  private subsidyDemo!: SubsidyDemoService;

  async seed(log: (line: string) => void = () => undefined, now = new Date()): Promise<SeedSummary> {
    const summary: SeedSummary = { inserted: {}, existing: {} };
    const count = (kind: string, inserted: boolean) => {
      const bucket = inserted ? summary.inserted : summary.existing;
      bucket[kind] = (bucket[kind] ?? 0) + 1;
    };

    await this.contents.seedDemo(now, count, log);
    await this.enterprises.seedDemo(count, log);
    await this.jobs.seedDemo(now, count, log);
    await this.responsiveness.seedDemo(now, count, log);
    for (const { userId, enterprise } of await this.users.seedDemo(count, log)) {
      await this.enterprises.addDemoRecruiter(enterprise, userId);
      await this.standing.seedDemo(userId, now, count);
    }

    await this.subsidyPrograms.seedDemo(count, log);

    const calendar = await this.calendar(now);
    await this.fairs.seedDemo(calendar, count, log);
    await this.live.seedDemo(calendar, count, log);
    await this.complaints.seed(now, count, log);
    await this.growth.seed(now, count, log);
    await this.pushSeeder.seed(count, log);
    await this.statisticsTargets.seedDemo(now, count, log);
    return summary;
  }

  /**
   * The city at work, on top of `seed`: a registry of `graduates` generated graduates across the Dalian colleges,
   * 1311 cases for those not yet placed (so the dashboard has real figures), and subsidy applications at every
   * stage (draft to paid and bank-returned, the demo graduate's own among them). Only `npm start` runs it (`DEMO_CITY`, on by default there); tests and
   * the e2e harness start without it, so their start-up does not pay for thousands of rows.
   */
  async seedCity(log: (line: string) => void = () => undefined, now = new Date(), graduates = DEMO_CITY_GRADUATES): Promise<SeedSummary> {
    const summary: SeedSummary = { inserted: {}, existing: {} };
    const count = (kind: string, inserted: boolean) => {
      const bucket = inserted ? summary.inserted : summary.existing;
      bucket[kind] = (bucket[kind] ?? 0) + 1;
    };
    await this.registry.seedCityDemo(graduates, now, count, log);
    await this.support.seedCityDemo(now, count, log);
    await this.offerDemo.seedCityDemo(count, log);
    await this.subsidyDemo.seedCityDemo(count, log);
    return summary;
  }

  /** Working days around today by the bureau's calendar (subsidy module), so events fall on days people work. */
  private async calendar(now: Date): Promise<DemoCalendar> {
    const today = demoToday(now);
    return { today, workingDays: await this.stages.workingDaysBetween(addDays(today, -DEMO_CALENDAR_SPAN_DAYS), addDays(today, DEMO_CALENDAR_SPAN_DAYS)) };
  }
}
