import { beijingDay } from '../../../server/src/contract/time';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { EMPLOYER_A, EMPLOYER_B, insuranceWorkbook } from '../insurance/fixtures';
import { createProgram, decide, draftApplication, pdf, studentProfile, subsidyProgram, uploadDocument, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** 两市一县 pays more: the standard rests on the district. Bureau review only, six months of insurance. */
const talent = subsidyProgram({
  name: '测试就业补贴（两市一县）',
  requiredDocuments: ['diploma'],
  conditions: [{ field: 'socialInsuranceMonths', op: 'gte', value: 6 }],
  amount: {
    kind: 'table',
    rows: [
      { when: { districtClass: 'twoCitiesOneCounty' }, amount: 15000, label: '两市一县标准（示例金额）' },
      { when: {}, amount: 8000, label: '其他地区标准（示例金额）' },
    ],
  },
  workflow: ['bureau'],
});

describe('subsidy record flags over HTTP', () => {
  let t: TestApp;
  let bureau: Who;
  let programId: string;
  const thisMonth = beijingDay(new Date()).slice(0, 7);

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    programId = await createProgram(t, bureau, talent);
  });

  afterAll(async () => {
    await t.close();
  });

  const importInsurance = async (rows: Array<Array<string | number>>) =>
    t.http().post('/api/staff/insurance/import').set('Authorization', bureau.auth).attach('file', await insuranceWorkbook(rows), '社保.xlsx');

  /** A graduate hired (recorded in the registry) in 中山区, who types 庄河市 and another employer's credit code. */
  async function contradictedApplication(): Promise<{ student: Who; id: string }> {
    const student = await t.user({ profile: studentProfile() });
    await t.db.model(GraduateModel).create({
      name: '王芳',
      idNumberEnc: 'sealed',
      idNumberHash: `hash-${student.doc._id.toHexString()}`,
      idNumberMasked: '2102**********0000',
      schoolName: '大连理工大学',
      degree: 'bachelor',
      major: '软件工程',
      graduationYear: 2026,
      originProvince: '辽宁省',
      originCity: '大连市',
      originInProvince: true,
      userId: student.doc._id,
      destination: { kind: 'market-job', employer: '大连中山示例科技有限公司', districtCode: '210202', date: new Date('2026-07-01T00:00:00Z'), source: 'job-hire' },
    });
    const prefill = await t.http().get('/api/subsidy/prefill').set('Authorization', student.auth);
    expect(prefill.status).toBe(200);
    expect(prefill.body).toMatchObject({ employmentDistrict: '210202', employerName: '大连中山示例科技有限公司', source: '平台录用记录（2026年7月1日）' });
    const draft = await draftApplication(t, programId, { student, form: { employmentDistrict: '210283', employerName: '大连中山示例科技有限公司', employerUscc: EMPLOYER_B, socialInsuranceMonths: 6 } });
    // The 社保 export: insurance at employer A since this month, one month paid.
    const report = await importInsurance([[draft.form.idNumber, EMPLOYER_A, thisMonth, 1]]);
    expect(report.body).toMatchObject({ imported: true, created: 1 });
    expect((await uploadDocument(t, student, draft.id, 'diploma', pdf('diploma'))).status).toBe(200);
    const submit = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form: {}, submit: true, consent: true });
    expect(submit.status).toBe(200);
    expect(submit.body.amount).toBe(15000);
    return { student, id: draft.id };
  }

  it('should refuse the pre-fill to a guest and to staff', async () => {
    expect((await t.http().get('/api/subsidy/prefill')).status).toBe(401);
    expect((await t.http().get('/api/subsidy/prefill').set('Authorization', bureau.auth)).status).toBe(403);
  });

  it('should pre-fill no place of work for a graduate the platform knows nothing about, only the profile', async () => {
    const student = await t.user({ profile: studentProfile() });
    const res = await t.http().get('/api/subsidy/prefill').set('Authorization', student.auth);
    expect(res.status).toBe(200);
    // Only the profile: no district, employer or source to start the form from.
    expect(Object.keys(res.body)).toEqual(['profile']);
  });

  it('should show the reviewer each contradiction with its reason and both values', async () => {
    const { id } = await contradictedApplication();
    const res = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', bureau.auth);
    expect(res.status).toBe(200);
    const flags = res.body.flags as Array<{ kind: string; message: string; declared?: string; recorded?: string }>;
    expect(flags.find(f => f.kind === 'districtDiffers')).toEqual({
      kind: 'districtDiffers',
      message: '申请填写的就业地区与平台记录不一致（平台录用记录，2026年7月1日），补贴标准按就业地区确定，请核实',
      declared: '庄河市',
      recorded: '中山区',
    });
    expect(flags.find(f => f.kind === 'insuranceEmployer')).toMatchObject({ declared: `统一社会信用代码 ${EMPLOYER_B}`, recorded: expect.stringContaining(EMPLOYER_A) });
    expect(flags.find(f => f.kind === 'insuranceRecent')?.message).toContain('存在挂靠参保风险');
    expect(flags.find(f => f.kind === 'insuranceMonthsShort')).toMatchObject({ message: '社保记录累计缴费 1 个月，少于本项目要求的 6 个月', declared: '6 个月', recorded: '1 个月' });
  });

  it('should flag an application with no insurance record once the bureau holds records', async () => {
    const student = await t.user({ profile: studentProfile() });
    const draft = await draftApplication(t, programId, { student, form: { employmentDistrict: '210202' } });
    const res = await t.http().get(`/api/staff/subsidy/applications/${draft.id}`).set('Authorization', bureau.auth);
    expect(res.body.flags).toContainEqual({ kind: 'insuranceMissing', message: '社保记录中没有该申请人的参保记录，请核实是否在大连参保缴费' });
    expect(res.body.flags.map((f: { kind: string }) => f.kind)).not.toContain('districtDiffers');
  });

  it('should not let the bureau approve a flagged application without a written reason, and change nothing', async () => {
    const { id } = await contradictedApplication();
    const before = await t.db.model(SubsidyApplicationModel).findById(id).lean();
    for (const reason of [undefined, '   ']) {
      const res = await decide(t, bureau, id, 'approve', reason);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'SUBSIDY_FLAG_REASON_REQUIRED', field: 'reason' });
    }
    const after = await t.db.model(SubsidyApplicationModel).findById(id).lean();
    expect(after).toMatchObject({ status: 'reviewing', stage: 'bureau' });
    expect(after?.timeline).toHaveLength(before!.timeline.length);
  });

  it('should approve a flagged application with a written reason, kept in the timeline and audited with the flags', async () => {
    const { id } = await contradictedApplication();
    const reason = '已调取劳动合同和工资流水，单位注册地在中山区、实际办公在庄河市，按庄河市标准';
    const res = await decide(t, bureau, id, 'approve', reason);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'approved', reason });
    const audit = await t.db.model(AuditModel).findOne({ action: 'subsidy.approve', targetId: id }).lean();
    expect(audit).toMatchObject({ reason, detail: { flags: expect.arrayContaining(['districtDiffers', 'insuranceRecent', 'insuranceEmployer', 'insuranceMonthsShort']) } });
  });

  it('should let a clean application through the bureau without a reason', async () => {
    const student = await t.user({ profile: studentProfile() });
    const draft = await draftApplication(t, programId, { student, form: { employmentDistrict: '210283', employerUscc: EMPLOYER_A, socialInsuranceMonths: 8 } });
    expect((await importInsurance([[draft.form.idNumber, EMPLOYER_A, '2025-12', 12]])).status).toBe(200);
    expect((await uploadDocument(t, student, draft.id, 'diploma', pdf('diploma'))).status).toBe(200);
    expect((await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form: {}, submit: true, consent: true })).status).toBe(200);
    const detail = await t.http().get(`/api/staff/subsidy/applications/${draft.id}`).set('Authorization', bureau.auth);
    expect(detail.body.flags.filter((f: { kind: string }) => f.kind.startsWith('insurance') || f.kind.endsWith('Differs'))).toEqual([]);
    const res = await decide(t, bureau, draft.id, 'approve');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
  });
});
