import { isValidResidentId, normaliseResidentId } from '../../contract/resident-id';
import type {
  ApplicantKind,
  HiredGraduateInput,
  ReviewStage,
  SubsidyApplicationForm,
  SubsidyDocumentKind,
  SubsidyFactField,
  SubsidyStatus,
  TimelineEntry,
} from '../../contract/subsidy';
import { requiredGraduateKeys, type GraduateFormKey } from '../../contract/subsidy-eligibility';
import { BizError, notFound } from '../../core/errors';
import type { StoredTimelineEntry, SubsidyApplicationDoc, SubsidyProgramDoc } from './subsidy.model';
import { EDITABLE, factsOf, isWindowOpen, type Facts } from './subsidy.rules';

/** The program, if an applicant of `kind` may apply to it today. */
export function checkOpenProgram(program: SubsidyProgramDoc | null, kind: ApplicantKind, today: string): SubsidyProgramDoc {
  if (!program) throw notFound('补贴项目');
  if (program.applicantKind !== kind) throw new BizError('SUBSIDY_APPLICANT_KIND');
  if (!isWindowOpen(program.opensAt, program.closesAt, today)) throw new BizError('SUBSIDY_PROGRAM_CLOSED');
  return program;
}

/**
 * What a save does to the application as it stands: write it while a draft or returned; answer a
 * submitted one as it is when submitted again (a retried submission); refuse any other change.
 */
export function planSave(existing: Pick<SubsidyApplicationDoc, 'status'> | null, submit: boolean): 'write' | 'answer' {
  if (!existing || EDITABLE.includes(existing.status)) return 'write';
  if (submit) return 'answer';
  throw new BizError('SUBSIDY_NOT_EDITABLE');
}

/** The facts a graduate's eligibility is judged on: the profile, the form as saved, the age from the ID. */
export function graduateFacts(
  profile: { degree?: string; doubleFirstClass?: boolean } | undefined,
  app: Partial<SubsidyApplicationDoc> | null | undefined,
  idNumber: string | undefined,
  today: string,
): Facts {
  return factsOf(
    {
      degree: profile?.degree,
      doubleFirstClass: profile?.doubleFirstClass,
      graduationDate: app?.graduationDate,
      employmentDistrict: app?.employmentDistrict,
      socialInsuranceMonths: app?.socialInsuranceMonths,
      traineeMonths: app?.traineeMonths,
      hardship: app?.hardship,
      businessRegistered: app?.businessRegistered,
      idNumber,
    },
    today,
  );
}

/** An enterprise's facts: its registered district and size from its record, what the form says, the graduates listed. */
export function enterpriseFacts(enterprise: { district: string; size: string }, socialInsuranceMonths: number | undefined, graduatesHired: number, today: string): Facts {
  return factsOf(
    { employmentDistrict: enterprise.district, enterpriseSize: enterprise.size, socialInsuranceMonths, graduatesHired: graduatesHired || undefined },
    today,
  );
}

/** The graduate's form as typed, checked: a resident ID with a valid check digit (returned normalised), a graduation date not after today. */
export function checkGraduateForm(form: Pick<SubsidyApplicationForm, 'idNumber' | 'graduationDate'>, now: Date, today: string): { idNumber?: string } {
  const idNumber = form.idNumber === undefined ? undefined : normaliseResidentId(form.idNumber);
  if (idNumber !== undefined && !isValidResidentId(idNumber, now)) throw new BizError('ID_NUMBER_INVALID', undefined, 'form.idNumber');
  if (form.graduationDate !== undefined && form.graduationDate > today) {
    throw new BizError('SUBSIDY_GRADUATION_DATE_INVALID', undefined, 'form.graduationDate');
  }
  return { idNumber };
}

const BANK_ACCOUNT = /^\d{12,30}$/;

/** A bank account as digits; refused unless 12 to 30 of them. */
export function normaliseBankAccount(raw: string): string {
  const account = raw.replace(/\s+/g, '');
  if (!BANK_ACCOUNT.test(account)) throw new BizError('SUBSIDY_BANK_ACCOUNT_INVALID', undefined, 'form.bankAccount');
  return account;
}

/** What a graduate's form lacks for submission, as field paths, of the fields its program asks (`asks`: all when absent). */
export function graduateFormMissing(app: Partial<SubsidyApplicationDoc>, asks: readonly GraduateFormKey[] = ALL_GRADUATE_KEYS): string[] {
  const filled: Record<GraduateFormKey, boolean> = {
    idNumber: Boolean(app.idNumberEnc),
    graduationDate: Boolean(app.graduationDate),
    employmentDistrict: Boolean(app.employmentDistrict),
    employerName: true,
    employerUscc: true,
    socialInsuranceMonths: true,
    traineeMonths: true,
    hardship: true,
    businessRegistered: true,
    bankName: Boolean(app.bankName),
    bankAccount: Boolean(app.bankAccountEnc),
  };
  return requiredGraduateKeys(asks)
    .filter(k => !filled[k])
    .map(k => `form.${k}`);
}

const ALL_GRADUATE_KEYS: readonly GraduateFormKey[] = ['idNumber', 'graduationDate', 'employmentDistrict', 'bankName', 'bankAccount'];

/** The form as the program asks it: a field its rules never refer to is not taken (e.g. 困难家庭 in a housing application). */
export function askedForm(form: SubsidyApplicationForm, asks: readonly GraduateFormKey[]): SubsidyApplicationForm {
  return Object.fromEntries(Object.entries(form).filter(([key]) => (asks as readonly string[]).includes(key))) as SubsidyApplicationForm;
}

/** What an enterprise's form lacks: the facts its program asks for (`asks`), and the corporate account. */
export function enterpriseFormMissing(asks: readonly SubsidyFactField[], app: Partial<SubsidyApplicationDoc>, graduates: number): string[] {
  return [
    asks.includes('socialInsuranceMonths') && app.socialInsuranceMonths === undefined && 'form.socialInsuranceMonths',
    asks.includes('graduatesHired') && graduates === 0 && 'form.graduates',
    !app.bankName && 'form.bankName',
    !app.bankAccountEnc && 'form.bankAccount',
  ].filter((f): f is string => Boolean(f));
}

/** A graduate an enterprise lists: one already saved (by key), or a new one by name and checked resident ID. */
export type HiredGraduateEntry = { key: string } | { name: string; idNumber: string };

export function checkHiredGraduates(input: readonly HiredGraduateInput[], now: Date): HiredGraduateEntry[] {
  return input.map((g, i) => {
    if (g.key) return { key: g.key };
    const name = g.name?.trim();
    if (!name) throw new BizError('SUBSIDY_FORM_INCOMPLETE', '请填写毕业生姓名', `form.graduates.${i}.name`);
    const idNumber = normaliseResidentId(g.idNumber ?? '');
    if (!isValidResidentId(idNumber, now)) throw new BizError('ID_NUMBER_INVALID', `第${i + 1}名毕业生的身份证号码不正确`, `form.graduates.${i}.idNumber`);
    return { name, idNumber };
  });
}

/**
 * The list as submitted, from saved graduates (by key) and new ones. Refused when a saved one is gone
 * (another recruiter changed the list since this one read it) or a person is listed twice.
 */
export function hiredGraduateList<G extends { key: string; idNumberHash: string }>(entries: ReadonlyArray<{ key: string } | { fresh: G }>, saved: readonly G[]): G[] {
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const g = 'fresh' in entry ? entry.fresh : saved.find(s => s.key === entry.key);
    if (!g) throw new BizError('SUBSIDY_STATE_CHANGED', '毕业生名单已被其他招聘者修改，请刷新后重试', `form.graduates.${i}`);
    if (seen.has(g.idNumberHash)) throw new BizError('SUBSIDY_GRADUATE_DUPLICATE', undefined, `form.graduates.${i}.idNumber`);
    seen.add(g.idNumberHash);
    return g;
  });
}

/** Adding a document: the same file of the same kind again is a retried upload; otherwise only while the applicant may edit. */
export function planDocument(doc: Pick<SubsidyApplicationDoc, 'status' | 'documents'>, kind: SubsidyDocumentKind, hash: string): 'answer' | 'add' {
  if (doc.documents.some(d => d.kind === kind && d.hash === hash)) return 'answer';
  if (!EDITABLE.includes(doc.status)) throw new BizError('SUBSIDY_NOT_EDITABLE');
  return 'add';
}

/** The documents a new file of `kind` replaces: one per kind (earlier ones the old rule let in go too). */
export function planDocumentSlot(doc: Pick<SubsidyApplicationDoc, 'documents'>, kind: SubsidyDocumentKind): SubsidyApplicationDoc['documents'] {
  return doc.documents.filter(d => d.kind === kind);
}

/**
 * The state a save leaves an application in, and its timeline entry. A draft keeps its state; a
 * submit needs a complete form (`missing` names what is not filled), consent, eligibility and every
 * required document, then enters review at the first of `stages` (a returned application resumes its own).
 */
export function saveStep(
  input: { submit: boolean; consent?: boolean },
  s: {
    existing: SubsidyApplicationDoc | null;
    program: Pick<SubsidyProgramDoc, 'requiredDocuments'>;
    eligibility: SubsidyApplicationDoc['eligibility'];
    missing: readonly string[];
    stages: readonly ReviewStage[];
    consentText: string;
    now: Date;
    actorId: string;
  },
): { fields: Partial<SubsidyApplicationDoc>; entry: StoredTimelineEntry } {
  const { existing } = s;
  let status: SubsidyStatus = existing?.status ?? 'draft';
  let stage = existing?.stage;
  let stages = existing?.stages ?? [];
  let action: TimelineEntry['action'] = 'saved';
  if (input.submit) {
    if (s.missing.length > 0) throw new BizError('SUBSIDY_FORM_INCOMPLETE', undefined, s.missing[0]);
    if (!input.consent) throw new BizError('SUBSIDY_CONSENT_REQUIRED', undefined, 'consent');
    if (s.eligibility.outcome !== 'eligible') throw new BizError('SUBSIDY_NOT_ELIGIBLE', s.eligibility.explanation);
    const have = new Set((existing?.documents ?? []).map(d => d.kind));
    const lacking = s.program.requiredDocuments.filter(k => !have.has(k));
    if (lacking.length > 0) throw new BizError('SUBSIDY_DOCUMENTS_MISSING', undefined, `documents.${lacking[0]}`);
    action = existing?.status === 'returned' ? 'resubmitted' : 'submitted';
    if (existing?.status !== 'returned') {
      stages = [...s.stages];
      stage = stages[0];
    }
    status = 'reviewing';
  }
  const submitFields = input.submit ? { consentText: s.consentText, consentAt: s.now, submittedAt: existing?.submittedAt ?? s.now } : {};
  return {
    fields: { ...submitFields, status, stage, stages },
    entry: { at: s.now, action, actorRole: 'applicant', actorId: s.actorId },
  };
}
