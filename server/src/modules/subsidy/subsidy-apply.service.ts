import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  SUBSIDY_CONSENT_TEXT,
  type ProgramWithEligibility,
  type SubsidyApplicationForm,
  type SubsidyApplicationInput,
  type SubsidyApplicationView,
  type SubsidyDocumentKind,
  type AccountCorrectionInput,
} from '../../contract/subsidy';
import { graduateFormKeys } from '../../contract/subsidy-eligibility';
import { beijingDay } from '../../contract/time';
import { BizError } from '../../core/errors';
import { maskResidentId, PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { ConsentService } from '../privacy/consent.service';
import { UserService } from '../user/user.service';
import { SubsidyApplicationService, type DocumentFile } from './subsidy-application.service';
import { SubsidyProgramService } from './subsidy-program.service';
import { askedForm, checkGraduateForm, checkOpenProgram, graduateFacts, graduateFormMissing, saveStep } from './subsidy.form.rules';
import type { SubsidyApplicationDoc } from './subsidy.model';
import { evaluate, stagesFor } from './subsidy.rules';
import { toProgramWithEligibility } from './subsidy.view';

/** Whether a form carries sensitive personal information (the consent's scope). */
function holdsSensitive(form: SubsidyApplicationForm): boolean {
  return form.idNumber !== undefined || form.bankAccount !== undefined || form.hardship !== undefined;
}

const COPIED_FIELDS = ['employmentDistrict', 'employerName', 'employerUscc', 'socialInsuranceMonths', 'traineeMonths', 'hardship', 'businessRegistered', 'bankName'] as const;

/** The graduate's side: programs with their eligibility, drafts, documents, submission, their applications. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyApplyService {
  @Inject()
  private pii!: PiiService;

  @Inject()
  private users!: UserService;

  @Inject()
  private programs!: SubsidyProgramService;

  @Inject()
  private consents!: ConsentService;

  @Inject()
  private applications!: SubsidyApplicationService;

  /** Every active program for graduates (never an enterprise's), with whether this graduate qualifies and why (not). */
  async programsFor(user: AuthUser): Promise<ProgramWithEligibility[]> {
    const today = beijingDay(this.applications.now());
    const [programs, me, last] = await Promise.all([
      this.programs.activePrograms('graduate'),
      this.users.cardOf(user.id),
      this.applications.latestOf(new Types.ObjectId(user.id)),
    ]);
    const facts = graduateFacts(me?.profile, last, undefined, today);
    return programs.map(p => toProgramWithEligibility(p, facts, today));
  }

  /** The form's fields as stored: checked, with the ID and bank account sealed. */
  private formFields(form: SubsidyApplicationForm, idNumber: string | undefined): Partial<SubsidyApplicationDoc> {
    const set: Partial<SubsidyApplicationDoc> = {};
    if (idNumber) {
      const sealed = this.pii.seal(idNumber);
      Object.assign(set, { idNumberEnc: sealed.enc, idNumberHash: sealed.hash, idNumberMasked: maskResidentId(idNumber) });
    }
    if (form.graduationDate !== undefined) set.graduationDate = form.graduationDate;
    if (form.bankAccount !== undefined) Object.assign(set, this.applications.sealBankAccount(form.bankAccount));
    for (const key of COPIED_FIELDS) {
      if (form[key] !== undefined) Object.assign(set, { [key]: form[key] });
    }
    return set;
  }

  /**
   * Saves a draft or submits. The unique (applicant, program, period) index makes
   * two concurrent submissions produce one application; the loser reads the winner's.
   */
  async save(user: AuthUser, input: SubsidyApplicationInput): Promise<SubsidyApplicationView> {
    const now = this.applications.now();
    const today = beijingDay(now);
    const program = checkOpenProgram(await this.programs.activeProgram(input.programId), 'graduate', today);
    const asks = graduateFormKeys(program);
    const form = askedForm(input.form, asks);
    const { idNumber } = checkGraduateForm(form, now, today);
    const fields = this.formFields(form, idNumber);
    // ID, bank account and hardship are processed only under the separate consent (PIPL art. 29), given on
    // the consent sheet before the form shows them: a draft holding one, and any submission, is refused
    // before anything is written while there is none (first draft), it was withdrawn or its text changed.
    if (input.submit || holdsSensitive(input.form)) await this.consents.require(user.id, 'subsidy');
    const key = { applicantId: new Types.ObjectId(user.id), programId: program._id, period: program.period };
    const [me, found] = await Promise.all([this.users.cardOf(user.id), this.applications.find(key)]);
    if (!me) throw new BizError('UNAUTHENTICATED');
    const profile = me.profile;
    if (!profile?.name || !profile.degree) throw new BizError('PROFILE_INCOMPLETE');
    const name = profile.name;

    return this.applications.write(key, found, input.submit, existing => {
      const merged: Partial<SubsidyApplicationDoc> = { ...(existing ?? {}), ...fields };
      const knownId = idNumber ?? (existing?.idNumberEnc ? this.pii.open(existing.idNumberEnc) : undefined);
      const eligibility = evaluate(program, graduateFacts(profile, merged, knownId, today), today);
      const step = saveStep(input, {
        existing,
        program,
        eligibility,
        missing: graduateFormMissing(merged, asks),
        stages: stagesFor(program.workflow, Boolean(profile.collegeId), 'graduate'),
        consentText: SUBSIDY_CONSENT_TEXT,
        now,
        actorId: user.id,
      });
      const base: Partial<SubsidyApplicationDoc> = {
        ...fields,
        programName: program.name,
        applicantKind: 'graduate',
        applicantName: name,
        collegeId: profile.collegeId,
        degree: profile.degree,
        doubleFirstClass: profile.doubleFirstClass ?? false,
        phoneHash: me.phoneHash,
        eligibility,
        amount: eligibility.amount,
      };
      return { set: { ...base, ...step.fields }, entry: step.entry };
    });
  }

  async mine(user: AuthUser): Promise<SubsidyApplicationView[]> {
    return this.applications.listOf(new Types.ObjectId(user.id));
  }

  async mineOne(user: AuthUser, id: string): Promise<SubsidyApplicationView> {
    return this.applications.oneOf(new Types.ObjectId(user.id), id);
  }

  async addDocument(user: AuthUser, id: string, kind: SubsidyDocumentKind, file: DocumentFile): Promise<SubsidyApplicationView> {
    return this.applications.attachDocument(new Types.ObjectId(user.id), id, kind, file);
  }

  async correctAccount(user: AuthUser, id: string, input: AccountCorrectionInput): Promise<SubsidyApplicationView> {
    return this.applications.correctAccount(new Types.ObjectId(user.id), user.id, id, input);
  }
}
