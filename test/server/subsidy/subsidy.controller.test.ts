import { promises as fs } from 'fs';
import { join } from 'path';
import type { CollegeId } from '../../../server/src/contract/reference';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ContentModel } from '../../../server/src/modules/content/content.model';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import {
  aYearAgo,
  createProgram,
  decide,
  draftApplication,
  giveConsent,
  graduateForm,
  pdf,
  residentId,
  studentProfile,
  submittedApplication,
  subsidyProgram,
  uploadDocument,
  year,
  type Who,
} from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const nextYear = `${year + 1}-01-01`;

const housing = subsidyProgram({
  name: '测试住房补贴',
  conditions: [
    { field: 'degree', op: 'in', value: ['bachelor', 'master', 'doctor'] },
    { field: 'graduationDate', op: 'withinYears', value: 2 },
    { field: 'employedInDalian', op: 'eq', value: true },
    { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
  ],
  amount: {
    kind: 'table',
    rows: [
      { when: { degree: 'master' }, amount: 2000, label: '硕士标准（示例金额）' },
      { when: { degree: 'bachelor' }, amount: 1000, label: '本科标准（示例金额）' },
    ],
  },
});

const profile = (collegeId: CollegeId) => studentProfile({ collegeId });
const PDF = pdf('diploma scan');
const form = () => graduateForm();

describe('subsidy routes', () => {
  let t: TestApp;
  let programId: string;
  let bureau: Who;
  let dlut: Who;
  let dlut2: Who;
  let dlmu: Who;
  let zhuanghe: Who;

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    dlut = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    dlut2 = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    dlmu = await t.user({ roles: ['college'], scope: { collegeId: 'dlmu' } });
    zhuanghe = await t.user({ roles: ['district'], scope: { districtCode: '210283' } });
    programId = await createProgram(t, bureau, housing);
  });

  afterAll(async () => {
    await t.close();
  });

  /** A graduate of `collegeId` with an application submitted and waiting at the first stage. */
  const submitted = (collegeId: CollegeId = 'dlut', overrides: { bankAccount?: string } = {}) =>
    submittedApplication(t, programId, { profile: profile(collegeId), form: overrides, documents: { diploma: PDF } });

  describe('access', () => {
    it.each([
      ['get', '/api/subsidy/programs'],
      ['post', '/api/subsidy/applications'],
      ['get', '/api/staff/subsidy/applications'],
      ['post', '/api/staff/subsidy/programs'],
    ] as const)('should answer 401 to %s %s without a token', async (method, path) => {
      const res = await t.http()[method](path);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('should answer 403 to a student opening the review queue', async () => {
      const s = await t.user({ profile: profile('dlut') });
      expect((await t.http().get('/api/staff/subsidy/applications').set('Authorization', s.auth)).status).toBe(403);
    });

    it('should answer 403 to a college reviewer editing programs', async () => {
      const res = await t.http().post('/api/staff/subsidy/programs').set('Authorization', dlut.auth).send(housing);
      expect(res.status).toBe(403);
    });

    it('should answer 403 to a recruiter listing graduate programs', async () => {
      const r = await t.user({ roles: ['recruiter'] });
      expect((await t.http().get('/api/subsidy/programs').set('Authorization', r.auth)).status).toBe(403);
    });

    it('should not show a college reviewer another college’s applicants', async () => {
      const { id } = await submitted('dlut');
      const queue = await t.http().get('/api/staff/subsidy/applications').set('Authorization', dlmu.auth);
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
      const detail = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', dlmu.auth);
      expect(detail.status).toBe(403);
      expect(detail.body.code).toBe('OUT_OF_SCOPE');
      expect((await decide(t, dlmu, id, 'approve')).status).toBe(403);
      const own = await t.http().get('/api/staff/subsidy/applications').set('Authorization', dlut.auth);
      expect(own.body.items.map((a: { id: string }) => a.id)).toContain(id);
    });

    it('should not let the district act before the college has verified, and tell each viewer whether the decision is theirs', async () => {
      const { id } = await submitted('dlut');
      const res = await decide(t, zhuanghe, id, 'approve');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
      const asCollege = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', dlut.auth);
      expect(asCollege.body).toMatchObject({ stage: 'college', mayDecide: true });
      const asBureau = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', bureau.auth);
      expect(asBureau.body).toMatchObject({ stage: 'college', mayDecide: false });
    });

    it('should not let another graduate read an application or its documents', async () => {
      const { id } = await submitted('dlut');
      const other = await t.user({ profile: profile('dlut') });
      expect((await t.http().get(`/api/subsidy/applications/${id}`).set('Authorization', other.auth)).status).toBe(404);
      const detail = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', dlut.auth);
      const url = detail.body.documents[0].url as string;
      expect((await t.http().get(url).set('Authorization', other.auth)).status).toBe(403);
      const seen = await t.http().get(url).set('Authorization', dlut.auth);
      expect(seen.status).toBe(200);
      expect(seen.headers['content-type']).toBe('application/pdf');
    });
  });

  describe('bad input', () => {
    it('should reject a program whose amount rule references an unknown field, naming it', async () => {
      const bad = { ...housing, amount: { kind: 'table', rows: [{ when: { salary: 5000 }, amount: 100, label: '按工资' }] } };
      const res = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send(bad);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'SUBSIDY_PROGRAM_INVALID', field: 'amount.rows.0.when.salary' });
      expect(res.body.message).toContain('salary');
    });

    it('should reject a wrong ID check digit', async () => {
      const s = await t.user({ profile: profile('dlut') });
      const id = residentId('2001-03-04');
      const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      const res = await t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId, form: { idNumber: wrong }, submit: false });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'ID_NUMBER_INVALID', field: 'form.idNumber' });
    });

    it('should reject a graduation date in the future', async () => {
      const s = await t.user({ profile: profile('dlut') });
      const res = await t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId, form: { graduationDate: nextYear }, submit: false });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SUBSIDY_GRADUATION_DATE_INVALID');
    });

    it('should reject a forged document type and an oversized file, keeping nothing', async () => {
      const { student: s, id } = await draftApplication(t, programId);
      const url = `/api/subsidy/applications/${id}/documents?kind=diploma`;
      const forged = await t.http().post(url).set('Authorization', s.auth).attach('file', Buffer.from('MZ\x90\x00this is an exe'), 'diploma.pdf');
      expect(forged.status).toBe(422);
      expect(forged.body.code).toBe('FILE_TYPE_INVALID');
      const text = await t.http().post(url).set('Authorization', s.auth).attach('file', Buffer.from('just text'), 'diploma.pdf');
      expect(text.body.code).toBe('FILE_TYPE_INVALID');
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024)]);
      const tooBig = await t.http().post(url).set('Authorization', s.auth).attach('file', big, 'diploma.pdf');
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.code).toBe('FILE_TOO_LARGE');
      const mine = await t.http().get(`/api/subsidy/applications/${id}`).set('Authorization', s.auth);
      expect(mine.body.documents).toEqual([]);
    });

    it('should refuse to submit without consent, documents or eligibility', async () => {
      const s = await t.user({ profile: profile('dlut') });
      await giveConsent(t, s, 'subsidy');
      const send = (body: object) => t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId, ...body });
      expect((await send({ form: { graduationDate: aYearAgo }, submit: true, consent: true })).body.code).toBe('SUBSIDY_FORM_INCOMPLETE');
      expect((await send({ form: form(), submit: true })).body.code).toBe('SUBSIDY_CONSENT_REQUIRED');
      expect((await send({ form: form(), submit: false })).body.status).toBe('draft');
      expect((await send({ form: {}, submit: true, consent: true })).body.code).toBe('SUBSIDY_DOCUMENTS_MISSING');
      const low = await send({ form: { socialInsuranceMonths: 1 }, submit: true, consent: true });
      expect(low.status).toBe(422);
      expect(low.body).toMatchObject({ code: 'SUBSIDY_NOT_ELIGIBLE' });
      expect(low.body.message).toContain('社保缴纳月数须不少于3个月');
    });

    it('should require a reason to return or reject', async () => {
      const { id } = await submitted('dlut');
      const res = await decide(t, dlut, id, 'reject', '  ');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SUBSIDY_REASON_REQUIRED');
    });
  });

  describe('applying', () => {
    it('should list programs with eligibility explained', async () => {
      const { student: s } = await draftApplication(t, programId);
      const res = await t.http().get('/api/subsidy/programs').set('Authorization', s.auth);
      expect(res.status).toBe(200);
      const mine = res.body.find((p: { program: { id: string } }) => p.program.id === programId);
      expect(mine.eligibility).toMatchObject({ outcome: 'eligible', amount: 1000 });
      expect(mine.eligibility.explanation).toContain('本科，毕业2年内，在庄河市就业');
    });

    it('should save a draft, mask the ID and bank account and resume it', async () => {
      const s = await t.user({ profile: profile('dlut') });
      await giveConsent(t, s, 'subsidy');
      const f = form();
      const res = await t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId, form: f, submit: false });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('draft');
      expect(res.body.form.bankAccount).toBe(`${'*'.repeat(f.bankAccount.length - 4)}${f.bankAccount.slice(-4)}`);
      expect(res.body.form.idNumber).not.toContain(f.idNumber.slice(6, 14));
      const again = await t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId, form: { socialInsuranceMonths: 9 }, submit: false });
      expect(again.body.id).toBe(res.body.id);
      expect(again.body.form).toMatchObject({ socialInsuranceMonths: 9, employmentDistrict: '210283' });
      const stored = await t.db.model(SubsidyApplicationModel).findById(res.body.id).lean();
      expect(stored?.bankAccountEnc).not.toContain(f.bankAccount);
    });

    it('should keep one copy of a document uploaded again after a lost answer, also when both arrive at once', async () => {
      const { student: s, id } = await draftApplication(t, programId);
      const upload = (data: Buffer) => uploadDocument(t, s, id, 'diploma', data);
      const [a, b] = await Promise.all([upload(PDF), upload(PDF)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const again = await upload(PDF);
      expect(again.status).toBe(200);
      expect(again.body.documents).toHaveLength(1);
    });

    it('should hold one document per kind: a new file replaces the old one, whose stored file is deleted', async () => {
      const { student: s, id } = await draftApplication(t, programId);
      const upload = (kind: 'diploma' | 'idCard', data: Buffer) => uploadDocument(t, s, id, kind, data);
      const first = await upload('diploma', pdf('diploma, first scan'));
      const oldKey = (await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents[0].key ?? '';
      const card = await upload('idCard', pdf('id card'));
      expect(card.body.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['diploma', 'idCard']);
      const second = await upload('diploma', pdf('diploma, better scan'));
      expect(second.status).toBe(200);
      expect(second.body.documents).toHaveLength(2);
      const diploma = second.body.documents.find((d: { kind: string }) => d.kind === 'diploma');
      expect(diploma.id).not.toBe(first.body.documents[0].id);
      await expect(fs.stat(join(t.settings.storage.localDir, oldKey))).rejects.toMatchObject({ code: 'ENOENT' });

      // Four different files of one kind at once (the defect: four diplomas were kept): one stays, and the idCard too.
      const four = await Promise.all([1, 2, 3, 4].map(i => upload('diploma', pdf(`diploma ${i}`))));
      expect(four.every(r => r.status === 200 || (r.status === 409 && r.body.code === 'CONFLICT'))).toBe(true);
      const stored = await t.db.model(SubsidyApplicationModel).findById(id).lean();
      expect(stored?.documents.map(d => d.kind).sort()).toEqual(['diploma', 'idCard']);
      // Only the files the record names are left of this application's uploads.
      const onDisk = new Set(await fs.readdir(join(t.settings.storage.localDir, 'subsidy')));
      for (const d of stored?.documents ?? []) expect(onDisk.has(d.key.slice('subsidy/'.length))).toBe(true);
    });

    it('should create one application when the same graduate submits from two phones at once', async () => {
      const { student: s, id } = await draftApplication(t, programId);
      await uploadDocument(t, s, id, 'diploma', PDF);
      const submit = () => t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId, form: {}, submit: true, consent: true });
      const results = await Promise.all([submit(), submit(), submit()]);
      expect(results.map(r => r.status)).toEqual([200, 200, 200]);
      expect(new Set(results.map(r => r.body.id)).size).toBe(1);
      const count = await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: s.doc._id });
      expect(count).toBe(1);
      const stored = await t.db.model(SubsidyApplicationModel).findById(id).lean();
      expect(stored?.timeline.filter(e => e.action === 'submitted')).toHaveLength(1);
    });

    it('should create one application when a first submission races itself', async () => {
      const s = await t.user({ profile: profile('dlut') });
      await giveConsent(t, s, 'subsidy');
      const send = () => t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId, form: form(), submit: false });
      const results = await Promise.all([send(), send(), send(), send()]);
      expect(results.every(r => r.status === 200)).toBe(true);
      expect(await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: s.doc._id })).toBe(1);
    });
  });

  describe('reviewing', () => {
    it('should let exactly one of two concurrent approvals win', async () => {
      const { id } = await submitted('dlut');
      const [a, b] = await Promise.all([decide(t, dlut, id, 'approve'), decide(t, dlut2, id, 'approve')]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a.body.code, b.body.code]).toContain('SUBSIDY_STATE_CHANGED');
      const stored = await t.db.model(SubsidyApplicationModel).findById(id).lean();
      expect(stored?.stage).toBe('district');
      expect(stored?.timeline.filter(e => e.action === 'approved')).toHaveLength(1);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: id })).toBe(1);
      const late = await decide(t, dlut2, id, 'approve');
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('SUBSIDY_STATE_CHANGED');
    });

    it('should return for correction, take the answer and go on from the same step', async () => {
      const { id, student } = await submitted('dlut');
      const back = await decide(t, dlut, id, 'return', '毕业证书照片不清晰');
      expect(back.body.status).toBe('returned');
      const seen = await t.http().get(`/api/subsidy/applications/${id}`).set('Authorization', student.auth);
      expect(seen.body.timeline.at(-1)).toMatchObject({ action: 'returned', stage: 'college', reason: '毕业证书照片不清晰' });
      await uploadDocument(t, student, id, 'diploma', PDF, 'clear.pdf');
      const again = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form: {}, submit: true, consent: true });
      expect(again.body).toMatchObject({ status: 'reviewing', stage: 'college' });
      expect(again.body.timeline.at(-1).action).toBe('resubmitted');
    });

    it('should go college → district → bureau, audit each step and flag shared bank accounts', async () => {
      const { id, student, form: f } = await submitted('dlut');
      const other = await submitted('dlut', { bankAccount: f.bankAccount });
      expect((await decide(t, dlut, id, 'approve')).body.stage).toBe('district');
      const detail = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', zhuanghe.auth);
      expect(detail.status).toBe(200);
      const kinds = detail.body.flags.map((f: { kind: string }) => f.kind);
      expect(kinds).toEqual(expect.arrayContaining(['sameBankAccount', 'sameDocument', 'employerNotVerified']));
      expect(detail.body.flags.find((f: { kind: string }) => f.kind === 'sameBankAccount').otherApplicationIds).toContain(other.id);
      expect(detail.body.eligibility.explanation).toContain('适用本科标准');
      expect((await decide(t, zhuanghe, id, 'approve')).body.stage).toBe('bureau');
      const done = await decide(t, bureau, id, 'approve');
      expect(done.body).toMatchObject({ status: 'approved', statusLabel: '待发放', amount: 1000 });
      const retry = await decide(t, bureau, id, 'approve');
      expect(retry.status).toBe(409);
      const audits = await t.db.model(AuditModel).find({ targetId: id }).lean();
      expect(audits.map(a => a.to).sort()).toEqual(['approved', 'reviewing:bureau', 'reviewing:district']);
      const mine = await t.http().get(`/api/subsidy/applications/${id}`).set('Authorization', student.auth);
      expect(mine.body.timeline.map((e: { action: string }) => e.action)).toEqual(['saved', 'submitted', 'approved', 'approved', 'approved']);
    });

    it("should name who took each step, for which unit and when, in the reviewer's 办理记录", async () => {
      const { id } = await submitted('dlut');
      await decide(t, dlut, id, 'approve');
      await decide(t, zhuanghe, id, 'return', '请补充社保缴费证明');
      const detail = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', zhuanghe.auth);
      expect(detail.status).toBe(200);
      const staffName = async (who: Who) => (await t.http().get('/api/me').set('Authorization', who.auth)).body.nickname;
      expect(detail.body.timeline).toEqual([
        expect.objectContaining({ action: 'saved', actorRole: 'applicant', actorName: detail.body.applicantName }),
        expect.objectContaining({ action: 'submitted', actorRole: 'applicant', actorName: detail.body.applicantName }),
        expect.objectContaining({ action: 'approved', stage: 'college', actorUnit: '大连理工大学', actorName: await staffName(dlut) }),
        expect.objectContaining({
          action: 'returned',
          stage: 'district',
          actorUnit: '庄河市人力资源和社会保障局',
          actorName: await staffName(zhuanghe),
          reason: '请补充社保缴费证明',
        }),
      ]);
      for (const entry of detail.body.timeline) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    });

    it('should reject with a reason and keep the application closed', async () => {
      const { id, student } = await submitted('dlut');
      const res = await decide(t, dlut, id, 'reject', '非本校毕业生');
      expect(res.body.status).toBe('rejected');
      const edit = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form: {}, submit: false });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe('SUBSIDY_NOT_EDITABLE');
    });

    it('should audit program edits by the bureau', async () => {
      const res = await t.http().put(`/api/staff/subsidy/programs/${programId}`).set('Authorization', bureau.auth).send({ ...housing, note: '示例金额，已更新' });
      expect(res.status).toBe(200);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: programId, action: 'subsidy.program.update' })).toBe(1);
    });
  });
  describe('办事指南, policies and the form a program asks', () => {
    let policyId: string;
    let guidedId: string;
    let enterpriseId: string;
    const guide = {
      audience: '毕业2年内在大连就业的高校毕业生。',
      otherConditions: ['签订1年以上劳动合同'],
      standardNote: '每个申请年度核发一次。',
      materials: [{ kind: 'diploma' as const, detail: '毕业证书照片', example: '证书编号可以看清' }],
      contacts: [{ unit: '大连市人力资源和社会保障服务热线', phone: '12333' }],
    };

    beforeAll(async () => {
      policyId = (await t.db.model(ContentModel).create({ kind: 'policy', title: '住房补贴政策', status: 'published' }))._id.toHexString();
      guidedId = await createProgram(t, bureau, { ...housing, name: '指南住房补贴', exampleAmounts: true, guide, policyIds: [policyId] });
      enterpriseId = await createProgram(
        t,
        bureau,
        subsidyProgram({
          name: '指南企业补贴',
          applicantKind: 'enterprise',
          conditions: [{ field: 'socialInsuranceMonths', op: 'gte', value: 1 }],
          amount: { kind: 'perGraduate', amount: 1000, maxGraduates: 10 },
          requiredDocuments: [],
          policyIds: [policyId],
        }),
      );
    });

    it('should let a guest read a policy’s programs with conditions, amounts, materials, limits and contacts', async () => {
      const res = await t.http().get('/api/subsidy-guides').query({ policyId });
      expect(res.status).toBe(200);
      expect(res.body.map((g: { name: string }) => g.name).sort()).toEqual(['指南企业补贴', '指南住房补贴']);
      const one = await t.http().get(`/api/subsidy-guides/${guidedId}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        audience: guide.audience,
        conditions: ['学历为本科、硕士研究生、博士研究生', '毕业2年内（以毕业证书日期计）', '在大连就业', '社保缴纳月数不少于3个月', '签订1年以上劳动合同'],
        amountSummary: '1000–2000 元',
        exampleAmounts: true,
        policyIds: [policyId],
        contacts: guide.contacts,
      });
      expect(one.body.materials.find((m: { kind: string }) => m.kind === 'diploma')).toEqual({ kind: 'diploma', label: '毕业证书', detail: '毕业证书照片', example: '证书编号可以看清' });
      expect(one.body.steps.map((s: { label: string; workingDays?: number }) => s.workingDays)).toEqual([undefined, 5, 10, 10, 30]);
    });

    it('should never offer a student an enterprise program, by policy, by id or in the eligibility list', async () => {
      const s = await t.user({ profile: profile('dlut') });
      const byPolicy = await t.http().get('/api/subsidy-guides').query({ policyId }).set('Authorization', s.auth);
      expect(byPolicy.body.map((g: { name: string }) => g.name)).toEqual(['指南住房补贴']);
      const one = await t.http().get(`/api/subsidy-guides/${enterpriseId}`).set('Authorization', s.auth);
      expect(one.status).toBe(404);
      const list = await t.http().get('/api/subsidy/programs').set('Authorization', s.auth);
      expect(list.body.every((p: { program: { applicantKind: string } }) => p.program.applicantKind === 'graduate')).toBe(true);
      expect(list.body.find((p: { program: { id: string } }) => p.program.id === guidedId).amountSummary).toBe('1000–2000 元');
    });

    it('should offer a recruiter only the enterprise program of the policy', async () => {
      const r = await t.user({ roles: ['recruiter'] });
      const res = await t.http().get('/api/subsidy-guides').query({ policyId }).set('Authorization', r.auth);
      expect(res.body.map((g: { name: string }) => g.name)).toEqual(['指南企业补贴']);
    });

    it('should answer 422 naming the field to an unknown policy, or guide text for a document the program does not require', async () => {
      const missing = '0123456789abcdef01234567';
      const bad = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send({ ...housing, policyIds: [missing] });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'SUBSIDY_PROGRAM_INVALID', field: 'policyIds.0' });
      const extra = { ...guide, materials: [{ kind: 'hardshipProof', detail: '证明', example: '低保证' }] };
      const wrong = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send({ ...housing, guide: extra });
      expect(wrong.status).toBe(422);
      expect(wrong.body.field).toBe('guide.materials.0.kind');
    });

    it('should let the bureau edit the guide through the program, keep it when an update leaves it out, and the guide follow the rules', async () => {
      const put = (body: object) => t.http().put(`/api/staff/subsidy/programs/${guidedId}`).set('Authorization', bureau.auth).send(body);
      const edited = await put({ ...housing, name: '指南住房补贴', guide: { ...guide, audience: '修改后的申请对象' } });
      expect(edited.status).toBe(200);
      const rules = housing.conditions.map(c => (c.field === 'socialInsuranceMonths' ? { ...c, value: 6 } : c));
      expect((await put({ ...housing, name: '指南住房补贴', conditions: rules })).status).toBe(200);
      const one = await t.http().get(`/api/subsidy-guides/${guidedId}`);
      expect(one.body.audience).toBe('修改后的申请对象');
      expect(one.body.conditions).toContain('社保缴纳月数不少于6个月');
      expect(one.body.policyIds).toEqual([policyId]);
      const audit = await t.db.model(AuditModel).findOne({ action: 'subsidy.program.update', targetId: guidedId }).lean();
      expect(audit).toBeTruthy();
    });

    it('should not take answers the program does not ask (a housing application has no traineeship or hardship)', async () => {
      const s = await t.user({ profile: profile('dlut') });
      await giveConsent(t, s, 'subsidy');
      const res = await t.http()
        .post('/api/subsidy/applications')
        .set('Authorization', s.auth)
        .send({ programId, form: { ...form(), traineeMonths: 6, businessRegistered: true }, submit: false });
      expect(res.status).toBe(200);
      expect(res.body.form.traineeMonths).toBeUndefined();
      expect(res.body.form.businessRegistered).toBeUndefined();
      expect(res.body.form.socialInsuranceMonths).toBe(6);
    });

    it('should submit a program that refers to no work without asking where the graduate works', async () => {
      const hardshipOnly = await createProgram(
        t,
        bureau,
        subsidyProgram({ name: '困难补贴（仅市局）', conditions: [{ field: 'hardship', op: 'eq', value: true }], amount: { kind: 'fixed', amount: 500 }, workflow: ['bureau'], requiredDocuments: [] }),
      );
      const s = await t.user({ profile: profile('dlut') });
      await giveConsent(t, s, 'subsidy');
      const { employmentDistrict: _d, employerName: _e, graduationDate: _g, socialInsuranceMonths: _m, ...rest } = form();
      const res = await t.http()
        .post('/api/subsidy/applications')
        .set('Authorization', s.auth)
        .send({ programId: hardshipOnly, form: { ...rest, hardship: true }, submit: true, consent: true });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('reviewing');
      expect(res.body.amount).toBe(500);
    });

    it('should give the form the graduate’s profile to start from', async () => {
      const s = await t.user({ profile: studentProfile({ collegeId: 'dlut', degree: 'master', graduationYear: year - 1 }) });
      const res = await t.http().get('/api/subsidy/prefill').set('Authorization', s.auth);
      expect(res.status).toBe(200);
      expect(res.body.profile).toMatchObject({ degree: 'master', graduationYear: year - 1 });
    });
  });
});
