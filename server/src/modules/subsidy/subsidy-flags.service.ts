import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { SubsidyFlag, SubsidyPrefill } from '../../contract/subsidy';
import { chineseDate } from '../../contract/time';
import { Database } from '../../core/database';
import type { AuthUser, SubsidyFlagSettings } from '../../interface';
import { InsuranceService } from '../insurance/insurance.service';
import { RegistryService } from '../registry/registry.service';
import { UserService } from '../user/user.service';
import { declaredWorkFlags, insuranceFlags, programNeedsInsurance, requiredInsuranceMonths } from './subsidy.flags.rules';
import { SubsidyProgramModel, type SubsidyApplicationDoc } from './subsidy.model';

/**
 * What the platform's own records say against a graduate's application (social insurance, the recorded
 * hire and registry destination), and what they let the form start from.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyFlagService {
  @Inject()
  private db!: Database;

  @Inject()
  private insurance!: InsuranceService;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private users!: UserService;

  @Config('app.subsidyFlags')
  private settings!: SubsidyFlagSettings;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  /** The records' flags on one application (graduate applications; an enterprise's has none of these). */
  async recordFlags(doc: SubsidyApplicationDoc): Promise<SubsidyFlag[]> {
    if (doc.applicantKind === 'enterprise') return [];
    const program = await this.db.model(SubsidyProgramModel).findById(doc.programId, { conditions: 1, requiredDocuments: 1 }).lean();
    const [spells, holdsRecords, recorded] = await Promise.all([
      doc.idNumberHash ? this.insurance.spellsOf(doc.idNumberHash) : Promise.resolve([]),
      this.insurance.holdsAny(),
      this.registry.recordedWork(doc.applicantId.toHexString(), doc.idNumberHash),
    ]);
    return [
      ...insuranceFlags({
        spells,
        holdsRecords,
        needsInsurance: program ? programNeedsInsurance(program) : false,
        requiredMonths: program ? requiredInsuranceMonths(program.conditions) : undefined,
        declaredUscc: doc.employerUscc,
        declaredMonths: doc.socialInsuranceMonths,
        appliedAt: doc.submittedAt ?? this.now(),
        recentDays: this.settings.insuranceRecentDays,
      }),
      ...declaredWorkFlags(doc, recorded),
    ];
  }

  /** Where the graduate works by the platform's records, and their profile, for the application form to start from. */
  async prefill(user: AuthUser): Promise<SubsidyPrefill> {
    const card = await this.users.cardOf(user.id);
    const p = card?.profile;
    const profile: SubsidyPrefill['profile'] = p
      ? {
          ...(p.degree ? { degree: p.degree } : {}),
          ...(p.doubleFirstClass !== undefined ? { doubleFirstClass: p.doubleFirstClass } : {}),
          ...(p.graduationYear ? { graduationYear: p.graduationYear } : {}),
          ...(p.schoolName ? { schoolName: p.schoolName } : {}),
        }
      : undefined;
    const recorded = await this.registry.recordedWork(user.id, card?.idNumberHash);
    if (!recorded) return profile ? { profile } : {};
    return {
      ...(profile ? { profile } : {}),
      ...(recorded.districtCode ? { employmentDistrict: recorded.districtCode } : {}),
      ...(recorded.employer ? { employerName: recorded.employer } : {}),
      source: `${recorded.sourceLabel}（${chineseDate(recorded.date)}）`,
    };
  }
}
