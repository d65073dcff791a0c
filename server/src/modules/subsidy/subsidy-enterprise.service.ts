import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import {
  SUBSIDY_ENTERPRISE_CONSENT_TEXT,
  type EnterpriseSubsidyInput,
  type EnterpriseSubsidyOverview,
  type HiredGraduateInput,
  type SubsidyApplicationView,
  type SubsidyDocumentKind,
} from '../../contract/subsidy';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import type { EnterpriseDoc } from '../job/enterprise.model';
import { EnterpriseService } from '../job/enterprise.service';
import { isValidResidentId, maskResidentId, normaliseResidentId } from '../user/user.rules';
import {
  SubsidyApplicationModel,
  SubsidyProgramModel,
  type StoredHiredGraduate,
  type SubsidyApplicationDoc,
} from './subsidy.model';
import { evaluate, factsOf, isWindowOpen, referencedFields, stagesFor, type Facts } from './subsidy.rules';
import { saveStep, SubsidyService, toApplicationView, toProgram } from './subsidy.service';
import { beijingDay } from '../../contract/time';

/** An entry of the submitted list: one already saved (by key), or a new one with its ID sealed. */
type GraduateEntry = { key: string } | { fresh: StoredHiredGraduate };

function enterpriseFacts(enterprise: EnterpriseDoc, socialInsuranceMonths: number | undefined, graduatesHired: number, today: string): Facts {
  return factsOf(
    { employmentDistrict: enterprise.district, enterpriseSize: enterprise.size, socialInsuranceMonths, graduatesHired: graduatesHired || undefined },
    today,
  );
}

/**
 * Enterprise applications: a recruiter applies on behalf of their (verified) enterprise. The
 * application belongs to the enterprise — its id is the applicant key of the unique
 * (applicant, program, period) index — so every recruiter of it sees and continues the same one.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyEnterpriseService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private subsidies!: SubsidyService;

  @Inject()
  private enterprises!: EnterpriseService;

  /** The caller's enterprise, if it may apply now: verified and not under a complaint's freeze. */
  private async verified(user: AuthUser): Promise<EnterpriseDoc> {
    const enterprise = await this.enterprises.requireMine(user);
    if (enterprise.status !== 'verified') throw new BizError('ENTERPRISE_NOT_VERIFIED', '企业尚未通过审核，暂不能申请补贴');
    if (enterprise.frozenAt) throw new BizError('ENTERPRISE_FROZEN', '企业因投诉正在核查，暂不能申请或修改补贴申请');
    return enterprise;
  }

  /** The enterprise as recorded and every active enterprise program, with whether it qualifies and why (not). */
  async overview(user: AuthUser): Promise<EnterpriseSubsidyOverview> {
    const today = beijingDay(this.subsidies.now());
    const enterprise = await this.enterprises.requireMine(user);
    const [programs, last] = await Promise.all([
      this.db.model(SubsidyProgramModel).find({ active: true, applicantKind: 'enterprise' }).sort({ closesAt: -1, _id: -1 }).limit(100).lean(),
      this.db.model(SubsidyApplicationModel).findOne({ applicantId: enterprise._id }).sort({ updatedAt: -1 }).lean(),
    ]);
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
      programs: programs.map(p => ({
        program: toProgram(p),
        eligibility: evaluate(p, facts, today),
        open: isWindowOpen(p.opensAt, p.closesAt, today),
        fields: referencedFields(p),
      })),
    };
  }

  async list(user: AuthUser): Promise<SubsidyApplicationView[]> {
    const enterprise = await this.enterprises.requireMine(user);
    const docs = await this.db.model(SubsidyApplicationModel).find({ applicantId: enterprise._id }).sort({ updatedAt: -1 }).limit(100).lean();
    return docs.map(toApplicationView);
  }

  async one(user: AuthUser, id: string): Promise<SubsidyApplicationView> {
    const enterprise = await this.enterprises.requireMine(user);
    const doc = await this.db.model(SubsidyApplicationModel).findOne({ _id: id, applicantId: enterprise._id }).lean();
    if (!doc) throw notFound('申请');
    return toApplicationView(doc);
  }

  async addDocument(user: AuthUser, id: string, kind: SubsidyDocumentKind, file: { data: Buffer; type: 'pdf' | 'png' | 'jpeg' }): Promise<SubsidyApplicationView> {
    const enterprise = await this.verified(user);
    return this.subsidies.attachDocument(enterprise._id, id, kind, file);
  }

  /** New graduates are checked and sealed once, before any write; saved ones are named by key. */
  private graduateEntries(input: HiredGraduateInput[], now: Date): GraduateEntry[] {
    return input.map((g, i) => {
      if (g.key) return { key: g.key };
      const name = g.name?.trim();
      if (!name) throw new BizError('SUBSIDY_FORM_INCOMPLETE', '请填写毕业生姓名', `form.graduates.${i}.name`);
      const id = normaliseResidentId(g.idNumber ?? '');
      if (!isValidResidentId(id, now)) throw new BizError('ID_NUMBER_INVALID', `第${i + 1}名毕业生的身份证号码不正确`, `form.graduates.${i}.idNumber`);
      const sealed = this.pii.seal(id);
      return { fresh: { key: randomBytes(6).toString('hex'), name, idNumberEnc: sealed.enc, idNumberHash: sealed.hash, idNumberMasked: maskResidentId(id) } };
    });
  }

  /** Saves a draft or submits for the caller's enterprise; two recruiters submitting at once make one application. */
  async save(user: AuthUser, input: EnterpriseSubsidyInput): Promise<SubsidyApplicationView> {
    const now = this.subsidies.now();
    const today = beijingDay(now);
    const program = await this.subsidies.activeProgram(input.programId);
    if (!program) throw notFound('补贴项目');
    if (program.applicantKind !== 'enterprise') throw new BizError('SUBSIDY_APPLICANT_KIND');
    if (!isWindowOpen(program.opensAt, program.closesAt, today)) throw new BizError('SUBSIDY_PROGRAM_CLOSED');
    const enterprise = await this.verified(user);

    const { form } = input;
    const fields: Partial<SubsidyApplicationDoc> = {};
    if (form.socialInsuranceMonths !== undefined) fields.socialInsuranceMonths = form.socialInsuranceMonths;
    if (form.bankName !== undefined) fields.bankName = form.bankName;
    if (form.bankAccount !== undefined) Object.assign(fields, this.subsidies.bankAccountFields(form.bankAccount));
    const entries = form.graduates ? this.graduateEntries(form.graduates, now) : null;
    const asks = referencedFields(program);
    const key = { applicantId: enterprise._id, programId: program._id, period: program.period };
    const found = await this.db.model(SubsidyApplicationModel).findOne(key).lean();

    return this.subsidies.writeApplication(key, found, input.submit, existing => {
      let graduates = existing?.graduates ?? [];
      if (entries) {
        const seen = new Set<string>();
        graduates = entries.map((entry, i) => {
          const g = 'fresh' in entry ? entry.fresh : graduates.find(saved => saved.key === entry.key);
          // Another recruiter changed the list since this one read it.
          if (!g) throw new BizError('SUBSIDY_STATE_CHANGED', '毕业生名单已被其他招聘者修改，请刷新后重试', `form.graduates.${i}`);
          if (seen.has(g.idNumberHash)) throw new BizError('SUBSIDY_GRADUATE_DUPLICATE', undefined, `form.graduates.${i}.idNumber`);
          seen.add(g.idNumberHash);
          return g;
        });
      }
      const merged = { ...(existing ?? {}), ...fields } as Partial<SubsidyApplicationDoc>;
      const eligibility = evaluate(program, enterpriseFacts(enterprise, merged.socialInsuranceMonths, graduates.length, today), today);
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
      const step = saveStep(input, {
        existing,
        program,
        eligibility,
        missing: () =>
          [
            asks.includes('socialInsuranceMonths') && merged.socialInsuranceMonths === undefined && 'form.socialInsuranceMonths',
            asks.includes('graduatesHired') && graduates.length === 0 && 'form.graduates',
            !merged.bankName && 'form.bankName',
            !merged.bankAccountEnc && 'form.bankAccount',
          ].filter((f): f is string => Boolean(f)),
        stages: () => stagesFor(program.workflow, false, 'enterprise'),
        consentText: SUBSIDY_ENTERPRISE_CONSENT_TEXT,
        now,
        actorId: user.id,
      });
      return { set: { ...base, ...step.fields }, entry: step.entry };
    });
  }
}
