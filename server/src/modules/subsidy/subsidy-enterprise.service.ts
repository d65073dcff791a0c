import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import {
  SUBSIDY_ENTERPRISE_CONSENT_TEXT,
  type EnterpriseSubsidyInput,
  type EnterpriseSubsidyOverview,
  type SubsidyApplicationView,
  type SubsidyDocumentKind,
  type AccountCorrectionInput,
} from '../../contract/subsidy';
import { beijingDay } from '../../contract/time';
import { BizError } from '../../core/errors';
import { maskResidentId, PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { EnterpriseService, type EnterpriseDoc } from '../enterprise/enterprise.service';
import { SubsidyApplicationService, type DocumentFile } from './subsidy-application.service';
import { SubsidyProgramService } from './subsidy-program.service';
import {
  checkHiredGraduates,
  checkOpenProgram,
  enterpriseFacts,
  enterpriseFormMissing,
  hiredGraduateList,
  saveStep,
  type HiredGraduateEntry,
} from './subsidy.form.rules';
import type { StoredHiredGraduate, SubsidyApplicationDoc } from './subsidy.model';
import { evaluate, referencedFields, stagesFor } from './subsidy.rules';
import { toProgramWithEligibility } from './subsidy.view';

/**
 * Enterprise applications: a recruiter applies on behalf of their (verified) enterprise. The
 * application belongs to the enterprise — its id is the applicant key of the unique
 * (applicant, program, period) index — so every recruiter of it sees and continues the same one.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyEnterpriseService {
  @Inject()
  private pii!: PiiService;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private programs!: SubsidyProgramService;

  @Inject()
  private applications!: SubsidyApplicationService;

  /** The caller's enterprise, if it may apply now: verified and not under a complaint's freeze. */
  private async verified(user: AuthUser): Promise<EnterpriseDoc> {
    const enterprise = await this.enterprises.requireMine(user);
    if (enterprise.status !== 'verified') throw new BizError('ENTERPRISE_NOT_VERIFIED', '企业尚未通过审核，暂不能申请补贴');
    if (enterprise.frozenAt) throw new BizError('ENTERPRISE_FROZEN', '企业因投诉正在核查，暂不能申请或修改补贴申请');
    return enterprise;
  }

  /** The enterprise as recorded and every active enterprise program, with whether it qualifies and why (not). */
  async overview(user: AuthUser): Promise<EnterpriseSubsidyOverview> {
    const today = beijingDay(this.applications.now());
    const enterprise = await this.enterprises.requireMine(user);
    const [programs, last] = await Promise.all([this.programs.activePrograms('enterprise'), this.applications.latestOf(enterprise._id)]);
    const facts = enterpriseFacts(enterprise, last?.socialInsuranceMonths, last?.graduates?.length ?? 0, today);
    return {
      enterprise: {
        id: enterprise._id.toHexString(),
        name: enterprise.name,
        uscc: enterprise.uscc,
        district: enterprise.district,
        industry: enterprise.industry,
        size: enterprise.size,
        status: enterprise.status,
      },
      programs: programs.map(p => toProgramWithEligibility(p, facts, today)),
    };
  }

  async list(user: AuthUser): Promise<SubsidyApplicationView[]> {
    return this.applications.listOf((await this.enterprises.requireMine(user))._id);
  }

  async one(user: AuthUser, id: string): Promise<SubsidyApplicationView> {
    return this.applications.oneOf((await this.enterprises.requireMine(user))._id, id);
  }

  async addDocument(user: AuthUser, id: string, kind: SubsidyDocumentKind, file: DocumentFile): Promise<SubsidyApplicationView> {
    const enterprise = await this.verified(user);
    return this.applications.attachDocument(enterprise._id, id, kind, file);
  }

  /** Any recruiter of the enterprise corrects its corporate account after a bank return (a frozen or unverified enterprise may too: it is owed the money). */
  async correctAccount(user: AuthUser, id: string, input: AccountCorrectionInput): Promise<SubsidyApplicationView> {
    const enterprise = await this.enterprises.requireMine(user);
    return this.applications.correctAccount(enterprise._id, user.id, id, input);
  }

  /** New graduates' IDs are sealed once, before any write; saved ones are named by key. */
  private seal(entries: HiredGraduateEntry[]): Array<{ key: string } | { fresh: StoredHiredGraduate }> {
    return entries.map(entry => {
      if ('key' in entry) return entry;
      const sealed = this.pii.seal(entry.idNumber);
      return { fresh: { key: randomBytes(6).toString('hex'), name: entry.name, idNumberEnc: sealed.enc, idNumberHash: sealed.hash, idNumberMasked: maskResidentId(entry.idNumber) } };
    });
  }

  /** Saves a draft or submits for the caller's enterprise; two recruiters submitting at once make one application. */
  async save(user: AuthUser, input: EnterpriseSubsidyInput): Promise<SubsidyApplicationView> {
    const now = this.applications.now();
    const today = beijingDay(now);
    const program = checkOpenProgram(await this.programs.activeProgram(input.programId), 'enterprise', today);
    const enterprise = await this.verified(user);

    const { form } = input;
    const fields: Partial<SubsidyApplicationDoc> = {};
    if (form.socialInsuranceMonths !== undefined) fields.socialInsuranceMonths = form.socialInsuranceMonths;
    if (form.bankName !== undefined) fields.bankName = form.bankName;
    if (form.bankAccount !== undefined) Object.assign(fields, this.applications.sealBankAccount(form.bankAccount));
    const entries = form.graduates ? this.seal(checkHiredGraduates(form.graduates, now)) : null;
    const asks = referencedFields(program);
    const key = { applicantId: enterprise._id, programId: program._id, period: program.period };
    const found = await this.applications.find(key);

    return this.applications.write(key, found, input.submit, existing => {
      const graduates = entries ? hiredGraduateList(entries, existing?.graduates ?? []) : (existing?.graduates ?? []);
      const merged: Partial<SubsidyApplicationDoc> = { ...(existing ?? {}), ...fields };
      const eligibility = evaluate(program, enterpriseFacts(enterprise, merged.socialInsuranceMonths, graduates.length, today), today);
      const step = saveStep(input, {
        existing,
        program,
        eligibility,
        missing: enterpriseFormMissing(asks, merged, graduates.length),
        stages: stagesFor(program.workflow, false, 'enterprise'),
        consentText: SUBSIDY_ENTERPRISE_CONSENT_TEXT,
        now,
        actorId: user.id,
      });
      const base: Partial<SubsidyApplicationDoc> = {
        ...fields,
        graduates,
        programName: program.name,
        applicantKind: 'enterprise',
        applicantName: enterprise.name,
        employerName: enterprise.name,
        employerUscc: enterprise.uscc,
        employmentDistrict: enterprise.district,
        industry: enterprise.industry,
        enterpriseSize: enterprise.size,
        eligibility,
        amount: eligibility.amount,
      };
      return { set: { ...base, ...step.fields }, entry: step.entry };
    });
  }
}
