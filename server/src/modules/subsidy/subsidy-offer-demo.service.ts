import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { CONSENT_TEXTS } from '../../contract/privacy';
import { beijingDay } from '../../contract/time';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { Database } from '../../core/database';
import type { AuthUser } from '../../interface';
import { ConsentService } from '../privacy/consent.service';
import { RegistryService } from '../registry/registry.service';
import { UserService } from '../user/user.service';
import { SubsidyMatchService } from './subsidy-match.service';
import { SubsidyOfferModel } from './subsidy-offer.model';
import { OFFER_DEMO_ACCOUNT, OFFER_DEMO_GRADUATES, OFFER_DEMO_PROGRAM } from './subsidy-offer.seed';
import { SubsidyOfferService } from './subsidy-offer.service';
import { SubsidyProgramModel } from './subsidy.model';
import { isWindowOpen } from './subsidy.rules';

const demoCaller = (id: string, roles: AuthUser['roles']): AuthUser => ({ id, roles, scope: {}, sessionId: 'demo-seed' });

/**
 * The 免申即享 demo (`npm start`, after the demo city's registry): three demo graduates with registry records, then
 * the real match over the whole registry as the demo bureau, then each graduate's own step through the real
 * service (一键确认 with consent and an account; 不需要), so the offers, the application and the counts are what
 * the platform itself would hold. Running it again changes nothing (the match offers no one twice; confirm and
 * decline answer what is already done).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyOfferDemoService {
  @Inject()
  private db!: Database;

  @Inject()
  private users!: UserService;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private consents!: ConsentService;

  @Inject()
  private matches!: SubsidyMatchService;

  @Inject()
  private offers!: SubsidyOfferService;

  async seedCityDemo(count: SeedCounter, log: SeedLog): Promise<void> {
    const program = await this.db.model(SubsidyProgramModel).findOne({ seedKey: OFFER_DEMO_PROGRAM }).lean();
    const today = beijingDay(new Date());
    if (!program || program.offerMode !== 'auto' || !program.active || !isWindowOpen(program.opensAt, program.closesAt, today)) {
      log('免申即享 demo: the demo program is not an open 免申即享 program here (seeded before it was one, or its window is closed); skipped');
      return;
    }
    const started = Date.now();
    const accounts = await this.users.seedDemoGraduates(OFFER_DEMO_GRADUATES, count);
    await this.registry.seedDemoRecords(
      OFFER_DEMO_GRADUATES.flatMap(g => {
        const userId = accounts.get(g.devAccount);
        if (!userId) return [];
        const { name, collegeId, degree, major, graduationYear, originProvince, originCity } = g.profile;
        return [{ userId, idNumber: g.idNumber, hardship: g.hardship, name, collegeId, degree, major, graduationYear, originProvince, originCity }];
      }),
      count,
    );
    const bureau = (await this.users.demoAccounts(['f-bureau'])).get('f-bureau');
    if (!bureau) {
      log('免申即享 demo: no demo bureau account; skipped');
      return;
    }
    const programId = program._id.toHexString();
    // Once: a later start finds the offers there (a match again would write none, but it would be a new run).
    let report = 'offers there already';
    if ((await this.db.model(SubsidyOfferModel).countDocuments({ programId: program._id })) === 0) {
      const run = await this.matches.start(demoCaller(bureau._id.toHexString(), ['bureau']), programId);
      await this.matches.settled();
      const done = await this.matches.get(run.id);
      count('subsidyOfferRuns', true);
      report = `matched ${done.matched} of ${done.scanned} registry graduates, ${done.created} new offers`;
    }
    for (const g of OFFER_DEMO_GRADUATES) {
      const userId = accounts.get(g.devAccount);
      if (!userId || g.step === 'keep') continue;
      const offer = await this.db.model(SubsidyOfferModel).findOne({ programId: program._id, userId }, { _id: 1 }).lean();
      if (!offer) continue;
      const graduate = demoCaller(userId.toHexString(), ['student']);
      if (g.step === 'decline') {
        await this.offers.decline(graduate, offer._id.toHexString());
      } else {
        await this.consents.give(graduate.id, 'subsidy', CONSENT_TEXTS.subsidy.version);
        await this.offers.confirm(graduate, offer._id.toHexString(), { ...OFFER_DEMO_ACCOUNT, consent: true });
      }
    }
    const counts = (await this.offers.counts()).find(c => c.programId === programId);
    log(
      `免申即享 demo: 「${program.name}」 ${report}; ` +
        `待确认 ${counts?.offered ?? 0}, 已确认 ${counts?.confirmed ?? 0}, 不需要 ${counts?.declined ?? 0} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}
