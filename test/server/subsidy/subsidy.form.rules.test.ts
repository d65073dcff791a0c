import { Types } from 'mongoose';
import type { Eligibility, ReviewStage, SubsidyStatus } from '../../../server/src/contract/subsidy';
import {
  checkGraduateForm,
  checkHiredGraduates,
  checkOpenProgram,
  enterpriseFacts,
  enterpriseFormMissing,
  graduateFacts,
  graduateFormMissing,
  hiredGraduateList,
  normaliseBankAccount,
  planDocument,
  planSave,
  saveStep,
} from '../../../server/src/modules/subsidy/subsidy.form.rules';
import type { StoredDocument, SubsidyApplicationDoc, SubsidyProgramDoc } from '../../../server/src/modules/subsidy/subsidy.model';
import { residentId, subsidyProgram } from '../support/factories';
import { expectRefusal } from '../support/refusal';

const now = new Date('2026-06-10T02:00:00.000Z');
const TODAY = '2026-06-10';

const programDoc = (patch: Partial<SubsidyProgramDoc> = {}): SubsidyProgramDoc => ({
  ...subsidyProgram({ opensAt: '2026-01-01', closesAt: '2026-12-31', period: '2026' }),
  policyIds: undefined,
  _id: new Types.ObjectId(),
  createdAt: now,
  updatedAt: now,
  ...patch,
});

const doc = (kind: StoredDocument['kind'], hash: string): StoredDocument => ({ id: hash, kind, key: `subsidy/${hash}.pdf`, type: 'pdf', size: 10, hash, uploadedAt: now });

const application = (status: SubsidyStatus, patch: Partial<SubsidyApplicationDoc> = {}): SubsidyApplicationDoc => ({
  _id: new Types.ObjectId(),
  programId: new Types.ObjectId(),
  programName: '测试补贴',
  period: '2026',
  applicantId: new Types.ObjectId(),
  applicantName: '李明',
  status,
  stages: [],
  documents: [],
  timeline: [],
  eligibility: { outcome: 'incomplete', explanation: '', reasons: [] },
  createdAt: now,
  updatedAt: now,
  ...patch,
});

const eligible: Eligibility = { outcome: 'eligible', amount: 1000, explanation: '本科 → 补贴 1000 元', reasons: [] };
const ineligible: Eligibility = { outcome: 'ineligible', explanation: '不符合条件：社保缴纳月数须不少于3个月', reasons: ['社保缴纳月数须不少于3个月'] };
const STAGES: ReviewStage[] = ['college', 'district', 'bureau'];

const step = (input: { submit: boolean; consent?: boolean }, patch: Partial<Parameters<typeof saveStep>[1]> = {}) =>
  saveStep(input, {
    existing: null,
    program: { requiredDocuments: ['diploma'] },
    eligibility: eligible,
    missing: [],
    stages: STAGES,
    consentText: '同意授权',
    now,
    actorId: 'u1',
    ...patch,
  });

describe('which program an applicant may apply to', () => {
  it('should take an open program of the applicant’s kind', () => {
    const program = programDoc();
    expect(checkOpenProgram(program, 'graduate', TODAY)).toBe(program);
  });

  it('should refuse an unknown program, one for the other kind of applicant, or one outside its window', () => {
    expectRefusal(() => checkOpenProgram(null, 'graduate', TODAY), 'NOT_FOUND', { message: '补贴项目不存在' });
    expectRefusal(() => checkOpenProgram(programDoc(), 'enterprise', TODAY), 'SUBSIDY_APPLICANT_KIND');
    expectRefusal(() => checkOpenProgram(programDoc({ applicantKind: 'enterprise' }), 'graduate', TODAY), 'SUBSIDY_APPLICANT_KIND');
    expectRefusal(() => checkOpenProgram(programDoc({ closesAt: '2026-06-09' }), 'graduate', TODAY), 'SUBSIDY_PROGRAM_CLOSED');
    expectRefusal(() => checkOpenProgram(programDoc({ opensAt: '2026-06-11' }), 'graduate', TODAY), 'SUBSIDY_PROGRAM_CLOSED');
  });
});

describe('saving over an application', () => {
  it('should write a new application, a draft, or one returned for correction', () => {
    expect(planSave(null, false)).toBe('write');
    expect(planSave(application('draft'), true)).toBe('write');
    expect(planSave(application('returned'), false)).toBe('write');
  });

  it('should answer a submission sent again with the application as it stands', () => {
    for (const status of ['reviewing', 'approved', 'rejected', 'paid'] as const) expect(planSave(application(status), true)).toBe('answer');
  });

  it('should refuse to change an application once submitted', () => {
    expectRefusal(() => planSave(application('reviewing'), false), 'SUBSIDY_NOT_EDITABLE');
    expectRefusal(() => planSave(application('rejected'), false), 'SUBSIDY_NOT_EDITABLE');
  });
});

describe('the save step', () => {
  it('should keep a draft a draft, with a saved entry on its timeline', () => {
    expect(step({ submit: false })).toEqual({
      fields: { status: 'draft', stage: undefined, stages: [] },
      entry: { at: now, action: 'saved', actorRole: 'applicant', actorId: 'u1' },
    });
  });

  it('should save a draft even while incomplete, ineligible and without consent', () => {
    expect(step({ submit: false }, { missing: ['form.idNumber'], eligibility: ineligible }).fields.status).toBe('draft');
  });

  it('should submit a complete, eligible, consented application with its documents into review at the first stage', () => {
    const existing = application('draft', { documents: [doc('diploma', 'h1')] });
    const { fields, entry } = step({ submit: true, consent: true }, { existing });
    expect(fields).toEqual({ consentText: '同意授权', consentAt: now, submittedAt: now, status: 'reviewing', stage: 'college', stages: STAGES });
    expect(entry.action).toBe('submitted');
  });

  it('should refuse an incomplete form first, naming the first missing field', () => {
    expectRefusal(() => step({ submit: true }, { missing: ['form.graduationDate', 'form.bankAccount'], eligibility: ineligible }), 'SUBSIDY_FORM_INCOMPLETE', {
      field: 'form.graduationDate',
    });
  });

  it('should refuse to submit without consent', () => {
    expectRefusal(() => step({ submit: true }), 'SUBSIDY_CONSENT_REQUIRED', { field: 'consent' });
    expectRefusal(() => step({ submit: true, consent: false }), 'SUBSIDY_CONSENT_REQUIRED', { field: 'consent' });
  });

  it('should refuse an ineligible application with the explanation', () => {
    expectRefusal(() => step({ submit: true, consent: true }, { eligibility: ineligible }), 'SUBSIDY_NOT_ELIGIBLE', { message: ineligible.explanation });
  });

  it('should refuse a submission lacking a required document, naming it', () => {
    const existing = application('draft', { documents: [doc('idCard', 'h1')] });
    expectRefusal(() => step({ submit: true, consent: true }, { existing, program: { requiredDocuments: ['idCard', 'diploma'] } }), 'SUBSIDY_DOCUMENTS_MISSING', {
      field: 'documents.diploma',
    });
  });

  it('should resubmit a returned application at the stage that returned it, keeping its first submission time', () => {
    const firstSubmitted = new Date('2026-05-01T00:00:00.000Z');
    const existing = application('returned', { stage: 'district', stages: STAGES, submittedAt: firstSubmitted, documents: [doc('diploma', 'h1')] });
    const { fields, entry } = step({ submit: true, consent: true }, { existing, stages: ['bureau'] });
    expect(fields).toMatchObject({ status: 'reviewing', stage: 'district', stages: STAGES, submittedAt: firstSubmitted });
    expect(entry.action).toBe('resubmitted');
  });

  it('should submit straight to the bureau when that is the only stage', () => {
    expect(step({ submit: true, consent: true }, { program: { requiredDocuments: [] }, stages: ['bureau'] }).fields).toMatchObject({ stage: 'bureau', stages: ['bureau'] });
  });
});

describe('the forms', () => {
  it('should name what a graduate’s form lacks, in the order of the form', () => {
    expect(graduateFormMissing({})).toEqual(['form.idNumber', 'form.graduationDate', 'form.employmentDistrict', 'form.bankName', 'form.bankAccount']);
    expect(
      graduateFormMissing({ idNumberEnc: 'x', graduationDate: '2025-06-30', employmentDistrict: '210283', bankName: '工商银行', bankAccountEnc: 'y' }),
    ).toEqual([]);
  });

  it('should ask an enterprise only for the facts its program uses, and always for the corporate account', () => {
    expect(enterpriseFormMissing(['enterpriseSize'], {}, 0)).toEqual(['form.bankName', 'form.bankAccount']);
    expect(enterpriseFormMissing(['socialInsuranceMonths', 'graduatesHired'], { bankName: '招商银行', bankAccountEnc: 'y' }, 0)).toEqual([
      'form.socialInsuranceMonths',
      'form.graduates',
    ]);
    expect(enterpriseFormMissing(['socialInsuranceMonths', 'graduatesHired'], { socialInsuranceMonths: 0, bankName: '招商银行', bankAccountEnc: 'y' }, 2)).toEqual([]);
  });

  it('should take a resident ID with a valid check digit, spaces and a lower-case x aside', () => {
    const id = residentId('2001-03-04', 7);
    expect(checkGraduateForm({ idNumber: ` ${id.slice(0, 6)} ${id.slice(6).toLowerCase()}` }, now, TODAY)).toEqual({ idNumber: id });
    expect(checkGraduateForm({}, now, TODAY)).toEqual({ idNumber: undefined });
  });

  it('should refuse a wrong check digit and a graduation date after today', () => {
    const id = residentId('2001-03-04', 7);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expectRefusal(() => checkGraduateForm({ idNumber: wrong }, now, TODAY), 'ID_NUMBER_INVALID', { field: 'form.idNumber' });
    expectRefusal(() => checkGraduateForm({ graduationDate: '2026-06-11' }, now, TODAY), 'SUBSIDY_GRADUATION_DATE_INVALID', { field: 'form.graduationDate' });
    expect(checkGraduateForm({ graduationDate: TODAY }, now, TODAY)).toEqual({ idNumber: undefined });
  });

  it('should take a bank account of 12 to 30 digits, spaces aside', () => {
    expect(normaliseBankAccount('6222 0215 0000 1234')).toBe('6222021500001234');
    expectRefusal(() => normaliseBankAccount('62220215'), 'SUBSIDY_BANK_ACCOUNT_INVALID', { field: 'form.bankAccount' });
    expectRefusal(() => normaliseBankAccount('6222-0215-0000-1234'), 'SUBSIDY_BANK_ACCOUNT_INVALID');
  });
});

describe('eligibility facts', () => {
  it('should judge a graduate on the profile, the form and the age from the ID', () => {
    const facts = graduateFacts({ degree: 'master', doubleFirstClass: true }, { graduationDate: '2025-06-30', employmentDistrict: '210283', hardship: false }, residentId('2001-06-11'), TODAY);
    expect(facts).toMatchObject({
      degree: 'master',
      doubleFirstClass: true,
      graduationDate: '2025-06-30',
      employmentDistrict: '210283',
      districtClass: 'twoCitiesOneCounty',
      employedInDalian: true,
      hardship: false,
      age: 24,
    });
  });

  it('should judge an enterprise on its registered district and size, and count the graduates listed', () => {
    expect(enterpriseFacts({ district: '210211', size: '20-99人' }, 6, 2, TODAY)).toEqual({
      employmentDistrict: '210211',
      districtClass: 'other',
      employedInDalian: true,
      socialInsuranceMonths: 6,
      graduatesHired: 2,
      enterpriseSize: '20-99人',
    });
    expect(enterpriseFacts({ district: '210211', size: '20-99人' }, undefined, 0, TODAY).graduatesHired).toBeUndefined();
  });
});

describe('graduates an enterprise lists', () => {
  it('should take saved graduates by key and new ones by name and checked ID', () => {
    const id = residentId('2002-03-04', 1);
    expect(checkHiredGraduates([{ key: 'k1' }, { name: ' 王芳 ', idNumber: id.toLowerCase() }], now)).toEqual([{ key: 'k1' }, { name: '王芳', idNumber: id }]);
  });

  it('should refuse a new graduate without a name or with a wrong ID, naming the row', () => {
    expectRefusal(() => checkHiredGraduates([{ key: 'k1' }, { name: ' ', idNumber: residentId('2002-03-04') }], now), 'SUBSIDY_FORM_INCOMPLETE', { field: 'form.graduates.1.name' });
    expectRefusal(() => checkHiredGraduates([{ name: '赵雷', idNumber: '210202200203041234' }], now), 'ID_NUMBER_INVALID', {
      field: 'form.graduates.0.idNumber',
      message: '第1名毕业生的身份证号码不正确',
    });
  });

  const saved = [
    { key: 'a', idNumberHash: 'h-a' },
    { key: 'b', idNumberHash: 'h-b' },
  ];

  it('should build the list in the order submitted from saved and new graduates', () => {
    const fresh = { key: 'c', idNumberHash: 'h-c' };
    expect(hiredGraduateList([{ key: 'b' }, { fresh }, { key: 'a' }], saved)).toEqual([saved[1], fresh, saved[0]]);
  });

  it('should refuse a saved graduate no longer on the list: another recruiter changed it', () => {
    expectRefusal(() => hiredGraduateList([{ key: 'a' }, { key: 'gone' }], saved), 'SUBSIDY_STATE_CHANGED', { field: 'form.graduates.1' });
  });

  it('should refuse the same person listed twice, by the ID behind the entries', () => {
    expectRefusal(() => hiredGraduateList([{ key: 'a' }, { fresh: { key: 'new', idNumberHash: 'h-a' } }], saved), 'SUBSIDY_GRADUATE_DUPLICATE', {
      field: 'form.graduates.1.idNumber',
    });
  });
});

describe('documents', () => {
  it('should add a document while the application is a draft or returned', () => {
    expect(planDocument(application('draft'), 'diploma', 'h1')).toBe('add');
    expect(planDocument(application('returned', { documents: [doc('diploma', 'h1')] }), 'diploma', 'h2')).toBe('add');
  });

  it('should keep the same file of the same kind once, even after submission', () => {
    expect(planDocument(application('reviewing', { documents: [doc('diploma', 'h1')] }), 'diploma', 'h1')).toBe('answer');
  });

  it('should take the same file as another kind of document as a new one', () => {
    expect(planDocument(application('draft', { documents: [doc('diploma', 'h1')] }), 'idCard', 'h1')).toBe('add');
  });

  it('should refuse a new document once the application is submitted', () => {
    expectRefusal(() => planDocument(application('reviewing'), 'diploma', 'h1'), 'SUBSIDY_NOT_EDITABLE');
  });
});
