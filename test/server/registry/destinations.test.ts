import { Types } from 'mongoose';
import { ApplicationModel } from '../../../server/src/modules/job/application.model';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import { RegistryService } from '../../../server/src/modules/registry/registry.service';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { decide, enterprise, publishedJob } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** Destinations flowing in from the job module (录用) and from an approved subsidy. */
describe('registry destinations from the platform', () => {
  let t: TestApp;
  let registry: RegistryService;

  beforeAll(async () => {
    t = await createTestApp();
    registry = await t.app.getApplicationContext().getAsync(RegistryService);
  });

  afterAll(async () => {
    await t.close();
  });

  const graduate = (userId: Types.ObjectId | undefined, hash: string) =>
    t.db.model(GraduateModel).create({
      name: '李雷', idNumberEnc: 'v1.x', idNumberHash: hash, idNumberMasked: '2102**********123X', collegeId: 'dlut', schoolName: '大连理工大学',
      doubleFirstClass: true, degree: 'bachelor', major: '软件工程', graduationYear: 2026, originProvince: '辽宁省', originCity: '大连市', originInProvince: true,
      destination: { kind: 'unemployed', date: new Date('2026-06-30T00:00:00Z'), source: 'import' },
      ...(userId ? { userId } : {}),
    });

  async function hiringSetup(kind: 'fulltime' | 'traineeship') {
    const student = await t.user({ roles: ['student'] });
    const recruiter = await t.user({ roles: ['recruiter'] });
    const record = await graduate(student.doc._id, `h-${student.doc._id.toHexString()}`);
    const employer = await enterprise(t, { recruiters: [recruiter], name: '大连示例软件有限公司' });
    const job = await publishedJob(t, employer, { kind, title: '后端工程师', salaryMin: 8000, salaryMax: 12000, headcount: 3 });
    const application = await t.db.model(ApplicationModel).create({
      jobId: job, jobTitle: '后端工程师', enterpriseId: employer.id, enterpriseName: '大连示例软件有限公司', studentId: student.doc._id,
      profile: { name: '李雷', schoolName: '大连理工大学', degree: 'bachelor', major: '软件工程', graduationYear: 2026 },
      status: 'interview', steps: [{ status: 'submitted', at: new Date(), by: student.doc._id }],
    });
    const hire = () => t.http().put(`/api/recruiter/applications/${application._id.toHexString()}/status`).set('Authorization', recruiter.auth).send({ to: 'hired' });
    return { record, hire };
  }

  it('should set the graduate\'s destination to the employer and district when a recruiter moves the application to 录用', async () => {
    const { record, hire } = await hiringSetup('fulltime');
    expect((await hire()).status).toBe(200);
    const stored = await t.db.model(GraduateModel).findById(record._id).lean();
    expect(stored?.destination).toMatchObject({ kind: 'market-job', employer: '大连示例软件有限公司', districtCode: '210211', source: 'job-hire' });
  });

  it('should leave the record untouched when the same hire is reported again', async () => {
    const { record, hire } = await hiringSetup('fulltime');
    await hire();
    const first = await t.db.model(GraduateModel).findById(record._id).lean();
    expect((await hire()).status).toBeGreaterThanOrEqual(400);
    const applied = await registry.recordHire({ studentId: first!.userId!, jobKind: 'fulltime', employer: '大连示例软件有限公司', districtCode: '210211', at: new Date() });
    expect(applied).toBe(true);
    const second = await t.db.model(GraduateModel).findById(record._id).lean();
    expect(second?.updatedAt.getTime()).toBe(first?.updatedAt.getTime());
    expect(second?.destination).toEqual(first?.destination);
  });

  it('should not record a hire on a traineeship as a destination', async () => {
    const { record, hire } = await hiringSetup('traineeship');
    expect((await hire()).status).toBe(200);
    const stored = await t.db.model(GraduateModel).findById(record._id).lean();
    expect(stored?.destination).toMatchObject({ kind: 'unemployed', source: 'import' });
  });

  it('should answer false for a student who is not in the registry, without failing the hire', async () => {
    const stranger = new Types.ObjectId();
    expect(await registry.recordHire({ studentId: stranger, jobKind: 'fulltime', employer: 'x', districtCode: '210211', at: new Date() })).toBe(false);
  });

  it('should record employment when a subsidy proving it is approved at its last stage, by the ID hash when the account is not linked', async () => {
    const applicant = await t.user({ roles: ['student'] });
    const bureau = await t.user({ roles: ['bureau'] });
    const record = await graduate(undefined, 'h-subsidy-1');
    const app = await t.db.model(SubsidyApplicationModel).create({
      programId: new Types.ObjectId(), programName: '高校毕业生住房补贴', period: '2026', applicantId: applicant.doc._id, applicantName: '李雷',
      status: 'reviewing', stage: 'bureau', stages: ['bureau'], employmentDistrict: '210202', employerName: '大连港口集团', socialInsuranceMonths: 6,
      idNumberHash: 'h-subsidy-1', eligibility: { outcome: 'eligible', amount: 1000, explanation: '示例', reasons: [] }, amount: 1000, submittedAt: new Date(),
    });
    const approve = () => decide(t, bureau, app._id.toHexString(), 'approve');
    const res = await approve();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    const stored = await t.db.model(GraduateModel).findById(record._id).lean();
    expect(stored?.destination).toMatchObject({ kind: 'market-job', employer: '大连港口集团', districtCode: '210202', source: 'subsidy' });
    expect((await approve()).status).toBe(409);
    const again = await t.db.model(GraduateModel).findById(record._id).lean();
    expect(again?.updatedAt.getTime()).toBe(stored?.updatedAt.getTime());
  });

  it('should not touch the registry when a subsidy that proves no employment is approved', async () => {
    const applicant = await t.user({ roles: ['student'] });
    const bureau = await t.user({ roles: ['bureau'] });
    const record = await graduate(applicant.doc._id, 'h-subsidy-2');
    const app = await t.db.model(SubsidyApplicationModel).create({
      programId: new Types.ObjectId(), programName: '求职创业补贴', period: '2026', applicantId: applicant.doc._id, applicantName: '韩梅',
      status: 'reviewing', stage: 'bureau', stages: ['bureau'], hardship: true,
      eligibility: { outcome: 'eligible', amount: 1000, explanation: '示例', reasons: [] }, amount: 1000, submittedAt: new Date(),
    });
    const res = await decide(t, bureau, app._id.toHexString(), 'approve');
    expect(res.status).toBe(200);
    const stored = await t.db.model(GraduateModel).findById(record._id).lean();
    expect(stored?.destination).toMatchObject({ kind: 'unemployed', source: 'import' });
  });
});
