import type { Types } from 'mongoose';
import { passesLuhn } from '../../../server/src/contract/bank-account';
import type { EnterpriseStatus, InterviewInvitation } from '../../../server/src/contract/job';
import { CONSENT_TEXTS, type ConsentPurpose } from '../../../server/src/contract/privacy';
import type { ReviewDecision, SubsidyApplicationForm, SubsidyDocumentKind, SubsidyProgramInput } from '../../../server/src/contract/subsidy';
import { beijingAt, beijingDay } from '../../../server/src/contract/time';
import type { StudentProfile } from '../../../server/src/contract/user';
import { usccCheckChar } from '../../../server/src/contract/uscc';
import { EnterpriseModel } from '../../../server/src/modules/enterprise/enterprise.model';
import { JobModel } from '../../../server/src/modules/job/job.model';
import { RealNameModel } from '../../../server/src/modules/enterprise/standing.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { PiiService } from '../../../server/src/core/pii';
import { PaymentBatchModel } from '../../../server/src/modules/subsidy/subsidy-batch.model';
import type { TestApp } from './test-app';
import { png } from './files';

/** A signed-in test user, as `TestApp.user` returns it. */
export type Who = Awaited<ReturnType<TestApp['user']>>;

/** Today in Beijing, its year, and the same day a year ago (29 February falls back to the 28th). */
export const today = beijingDay(new Date());
export const year = Number(today.slice(0, 4));
export const aYearAgo = `${year - 1}${today.slice(4)}`.replace('-02-29', '-02-28');

let counter = 0;
/** A number not used before in this test file: names, credit codes, IDs and accounts stay apart. */
export const nextSeq = (): number => ++counter;

// ---------------------------------------------------------------- people

/** A resident ID (region 210202) with a correct GB 11643 check digit for the birth date. */
export function residentId(birth: string, seq: string | number = '123'): string {
  const body = `210202${birth.replace(/-/g, '')}${String(seq).padStart(3, '0').slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** A graduate of 大连理工大学 graduating this year, with everything an application needs. */
export function studentProfile(patch: Partial<StudentProfile> = {}): Partial<StudentProfile> {
  return {
    name: '李明',
    collegeId: 'dlut',
    schoolName: '大连理工大学',
    doubleFirstClass: true,
    degree: 'bachelor',
    major: '软件工程',
    graduationYear: year,
    originProvince: '辽宁省',
    originCity: '大连市',
    intentionDistricts: [],
    intentionText: '',
    ...patch,
  };
}

/** A real one-page PDF carrying `text` to tell files apart (uploads are parsed as PDFs). */
export { pdf, png } from './files';

// ---------------------------------------------------------------- enterprises and jobs

export interface TestEnterprise {
  id: Types.ObjectId;
  name: string;
  uscc: string;
  district: string;
  recruiters: Who[];
}

/**
 * An enterprise with a valid credit code, verified unless told otherwise. Its recruiters are the
 * users given, or that many new recruiter accounts (one by default).
 */
export async function enterprise(
  t: TestApp,
  options: { recruiters?: number | Who[]; status?: EnterpriseStatus; district?: string; size?: string; name?: string } = {},
): Promise<TestEnterprise> {
  const n = nextSeq();
  const recruiters = Array.isArray(options.recruiters)
    ? options.recruiters
    : await Promise.all(Array.from({ length: options.recruiters ?? 1 }, (_x, i) => t.user({ roles: ['recruiter'], openid: `openid-recruiter-${n}-${i}` })));
  const body = `91210211MA${String(n).padStart(7, '0')}`;
  const doc = await t.db.model(EnterpriseModel).create({
    name: options.name ?? `大连测试${n}号科技有限公司`,
    uscc: body + usccCheckChar(body),
    district: options.district ?? '210211',
    industry: '信息传输、软件和信息技术服务业',
    size: options.size ?? '20-99人',
    ownership: '民营企业',
    status: options.status ?? 'verified',
    recruiterIds: recruiters.map(r => r.doc._id),
  });
  return { id: doc._id, name: doc.name, uscc: doc.uscc, district: doc.district, recruiters };
}

/** A 统一社会信用代码 with a valid check character (GB 32100), made from its first 17 characters. */
export function uscc(body17: string): string {
  return body17 + (usccCheckChar(body17) ?? '');
}

/** What a recruiter sends to register a software enterprise in 高新区; `patch` changes fields (`undefined` leaves one out). */
export const enterpriseInput = (code: string, name = '大连测试科技有限公司', patch: Record<string, unknown> = {}) => ({
  name,
  uscc: code,
  district: 'hitech',
  industry: '信息传输、软件和信息技术服务业',
  size: '100-499人',
  ownership: '民营企业',
  chainTags: ['软件和信息技术服务'],
  category: '新',
  ...patch,
});

/** An ISO time `hours` from now. */
export const inHours = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString();

/** An ISO time `days` from now. */
export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

/** What a recruiter sends to publish a full-time software job in 高新区, open for thirty days. */
export const jobInput = (patch: Record<string, unknown> = {}) => ({
  kind: 'fulltime',
  title: '软件开发工程师',
  description: '有导师带教，五险一金。',
  duties: '负责政务系统后端开发与维护。',
  requirements: '计算机相关专业本科，熟悉一门后端语言。',
  salaryMin: 7000,
  salaryMax: 11000,
  education: 'bachelor',
  majors: ['软件工程'],
  headcount: 1,
  district: 'hitech',
  address: '高新区软件园',
  deadline: inDays(30),
  tags: ['五险一金'],
  ...patch,
});

/** Apart from nextSeq, which names credit codes that hold only two digits of it. */
let realNames = 0;

/**
 * Gives the recruiter a WeChat-verified phone and a real-name check (sealed like the service seals them)
 * that expires `expiresInDays` from now (negative: already lapsed). Its resident ID number.
 */
export async function realNamed(t: TestApp, who: Pick<Who, 'doc'>, expiresInDays = 150, idNumber = residentId('1990-01-01', ++realNames)): Promise<string> {
  const pii = await t.app.getApplicationContext().getAsync(PiiService);
  const phone = pii.seal(`139${String(realNames).padStart(8, '0')}`);
  await t.db.model(UserModel).updateOne({ _id: who.doc._id }, { $set: { phoneEnc: phone.enc, phoneHash: phone.hash, phoneVerified: true } });
  const id = pii.seal(idNumber);
  const name = pii.seal('张三');
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  await t.db.model(RealNameModel).updateOne(
    { userId: who.doc._id },
    { $set: { nameEnc: name.enc, idNumberEnc: id.enc, idNumberHash: id.hash, phoneHash: phone.hash, verifiedAt: new Date(expiresAt.getTime() - 182 * 86_400_000), expiresAt } },
    { upsert: true },
  );
  return idNumber;
}

let licences = 0;

/** Registers `input` as the recruiter's enterprise over HTTP and, unless `verify` is false, uploads its licence and has the bureau verify it; its id. */
export async function registeredEnterprise(t: TestApp, recruiter: Who, bureau: Who, input: object, verify = true): Promise<string> {
  const res = await t.http().post('/api/recruiter/enterprise').set('Authorization', recruiter.auth).send(input);
  expect(res.status).toBe(200);
  if (verify) {
    // Approval rests on a business licence on file.
    const licence = await t.http().post('/api/recruiter/enterprise/licence').set('Authorization', recruiter.auth).attach('file', png(++licences), 'licence.png');
    expect(licence.status).toBe(200);
    const d = await t.http().put(`/api/staff/enterprises/${res.body.id}/decision`).set('Authorization', bureau.auth).send({ decision: 'verify' });
    expect(d.status).toBe(200);
  }
  return res.body.id as string;
}

/** A new recruiter whose enterprise (大连测试N号科技有限公司) is registered over HTTP and, unless told otherwise, verified. */
export async function recruiterWithEnterprise(t: TestApp, bureau: Who, verify = true): Promise<Who & { enterpriseId: string }> {
  const n = nextSeq();
  const r = await t.user({ roles: ['recruiter'], openid: `openid-recruiter-${n}` });
  const input = enterpriseInput(uscc(`912102${String(n).padStart(2, '0')}MA0QC1234`), `大连测试${n}号科技有限公司`);
  await realNamed(t, r);
  return { ...r, enterpriseId: await registeredEnterprise(t, r, bureau, input, verify) };
}

/** Publishes a job as the recruiter over HTTP; its id. */
export async function postedJob(t: TestApp, recruiter: Pick<Who, 'auth'>, input: object = jobInput()): Promise<string> {
  const res = await t.http().post('/api/recruiter/jobs').set('Authorization', recruiter.auth).send(input);
  expect(res.status).toBe(200);
  return res.body.id as string;
}

/** A full-time job published by `owner`, open for thirty days, in the enterprise's district unless `patch` says otherwise. */
export async function publishedJob(t: TestApp, owner: Pick<TestEnterprise, 'id' | 'name' | 'district'>, patch: Record<string, unknown> = {}): Promise<Types.ObjectId> {
  const doc = await t.db.model(JobModel).create({
    kind: 'fulltime',
    title: `测试岗位${nextSeq()}`,
    enterpriseId: owner.id,
    enterpriseName: owner.name,
    salaryMin: 5000,
    salaryMax: 8000,
    education: 'bachelor',
    district: owner.district,
    deadline: new Date(Date.now() + 30 * 86_400_000),
    status: 'published',
    publishedAt: new Date(),
    ...patch,
  });
  return doc._id;
}

// ---------------------------------------------------------------- subsidies

/** A graduate program open all this year, paying a fixed example amount after college, district and bureau review. */
export function subsidyProgram(patch: Partial<SubsidyProgramInput> = {}): SubsidyProgramInput {
  return {
    name: '测试补贴',
    legalBasis: '留连来连行动六',
    applicantKind: 'graduate',
    period: `${year}`,
    opensAt: `${year}-01-01`,
    closesAt: `${year}-12-31`,
    requiredDocuments: ['diploma'],
    conditions: [],
    amount: { kind: 'fixed', amount: 1000 },
    workflow: ['college', 'district', 'bureau'],
    note: '示例金额',
    active: true,
    ...patch,
  };
}

/** A 19-digit bank card number from 18 digits, with the Luhn check digit that completes it. */
export function bankCard(first18: string): string {
  const digit = [...'0123456789'].find(d => passesLuhn(first18 + d));
  return first18 + digit;
}

/** A complete graduate form: graduated a year ago, employed in 庄河市 for six months; each call a new person and account. */
export function graduateForm(patch: SubsidyApplicationForm = {}): SubsidyApplicationForm & { idNumber: string; bankAccount: string } {
  const n = nextSeq();
  return {
    idNumber: residentId('2001-03-04', n),
    graduationDate: aYearAgo,
    employmentDistrict: '210283',
    employerName: '大连示例科技有限公司',
    socialInsuranceMonths: 6,
    bankName: '中国工商银行大连分行',
    bankAccount: bankCard(`6222021500${String(n).padStart(8, '0')}`),
    ...patch,
  };
}

/** Creates a program as the bureau; its id. */
export async function createProgram(t: TestApp, bureau: Who, input: SubsidyProgramInput): Promise<string> {
  const res = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send(input);
  expect(res.status).toBe(200);
  return res.body.id as string;
}

export interface GraduateApplication {
  student: Who;
  id: string;
  form: ReturnType<typeof graduateForm>;
}

/** The user agrees to a separate-consent text (the consent sheet's 同意) at its current version. */
export async function giveConsent(t: TestApp, who: Who, purpose: ConsentPurpose): Promise<void> {
  const res = await t.http().post('/api/me/consents').set('Authorization', who.auth).send({ purpose, version: CONSENT_TEXTS[purpose].version });
  expect(res.status).toBe(200);
}

/** A graduate (a new one unless given) with a draft application to `programId`, after agreeing to the subsidy consent. */
export async function draftApplication(
  t: TestApp,
  programId: string,
  options: { student?: Who; profile?: Partial<StudentProfile>; form?: SubsidyApplicationForm } = {},
): Promise<GraduateApplication> {
  const student = options.student ?? (await t.user({ profile: options.profile ?? studentProfile() }));
  const form = graduateForm(options.form);
  await giveConsent(t, student, 'subsidy');
  const res = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form, submit: false });
  expect(res.status).toBe(200);
  return { student, id: res.body.id as string, form };
}

/** Uploads one application document as its applicant. */
export function uploadDocument(t: TestApp, who: Who, id: string, kind: SubsidyDocumentKind, data: Buffer, name = `${kind}.pdf`) {
  return t.http().post(`/api/subsidy/applications/${id}/documents?kind=${kind}`).set('Authorization', who.auth).attach('file', data, name);
}

/** A graduate's application saved, given `documents`, and submitted with consent: waiting at its first stage. */
export async function submittedApplication(
  t: TestApp,
  programId: string,
  options: { profile?: Partial<StudentProfile>; form?: SubsidyApplicationForm; documents?: Partial<Record<SubsidyDocumentKind, Buffer>> } = {},
): Promise<GraduateApplication> {
  const draft = await draftApplication(t, programId, options);
  for (const [kind, data] of Object.entries(options.documents ?? {}) as Array<[SubsidyDocumentKind, Buffer]>) {
    expect((await uploadDocument(t, draft.student, draft.id, kind, data)).status).toBe(200);
  }
  const res = await t.http().post('/api/subsidy/applications').set('Authorization', draft.student.auth).send({ programId, form: {}, submit: true, consent: true });
  expect(res.status).toBe(200);
  return draft;
}

/** One reviewer's decision on an application. */
export function decide(t: TestApp, who: Who, id: string, decision: ReviewDecision, reason?: string) {
  return t.http().post(`/api/staff/subsidy/applications/${id}/decision`).set('Authorization', who.auth).send({ decision, reason });
}

/** Approves at each stage in turn, one reviewer a stage; the application as the last answer shows it. */
export async function approveThrough(t: TestApp, id: string, reviewers: Who[]): Promise<{ status: string; stage?: string }> {
  let body: { status: string; stage?: string } = { status: 'reviewing' };
  for (const reviewer of reviewers) {
    const res = await decide(t, reviewer, id, 'approve');
    expect(res.status).toBe(200);
    body = res.body;
  }
  return body;
}

/** 生成批次 as the page does it: the preview, then the confirmation with its key; the confirmation's answer. */
export async function unpublishedBatch(t: TestApp, bureau: Who, programId?: string) {
  const body = programId ? { programId } : {};
  const preview = await t.http().post('/api/staff/subsidy/batches/preview').set('Authorization', bureau.auth).send(body);
  expect(preview.status).toBe(200);
  return t.http().post('/api/staff/subsidy/batches').set('Authorization', bureau.auth).send({ ...body, previewKey: preview.body.previewKey });
}

/** The batch published (公示) and its notice period over, as if the working days had passed: ready to pay. */
export async function noticeRun(t: TestApp, bureau: Who, batchId: string): Promise<void> {
  const published = await t.http().post(`/api/staff/subsidy/batches/${batchId}/publicity`).set('Authorization', bureau.auth);
  expect(published.status).toBe(200);
  await t.db.model(PaymentBatchModel).updateOne({ _id: batchId }, { $set: { 'publicity.endsAt': new Date(Date.now() - 1000) } });
}

/** 生成批次, then its 公示 run to the end: a batch the bank file can be exported for (the creation's answer). */
export async function generatedBatch(t: TestApp, bureau: Who, programId?: string) {
  const created = await unpublishedBatch(t, bureau, programId);
  if (created.status === 200) await noticeRun(t, bureau, created.body.id);
  return created;
}

/** An interview invitation for three days from now at 14:00 Beijing time, on site. */
export function interviewInvitation(over: Partial<InterviewInvitation> = {}): InterviewInvitation {
  return {
    startsAt: beijingAt(new Date(), 3, 14).toISOString(),
    mode: 'onsite',
    location: '高新区软件园 9 号楼 302 会议室',
    contactName: '李老师',
    contactPhone: '0411-84751234',
    message: '请携带身份证和纸质简历',
    ...over,
  };
}
