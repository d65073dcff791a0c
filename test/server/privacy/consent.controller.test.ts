import { CONSENT_TEXTS, type ConsentView } from '../../../server/src/contract/privacy';
import { PiiService } from '../../../server/src/core/pii';
import { ConsentModel } from '../../../server/src/modules/privacy/consent.model';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import { SupportCaseModel } from '../../../server/src/modules/support/support.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { createProgram, draftApplication, graduateForm, pdf, residentId, studentProfile, submittedApplication, subsidyProgram, uploadDocument, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const SUBSIDY = CONSENT_TEXTS.subsidy;

describe('consents for sensitive personal information', () => {
  let t: TestApp;
  let programId: string;
  /** A program that asks about hardship (a form only takes the answers its program's rules refer to). */
  let hardshipProgramId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const bureau = await t.user({ roles: ['bureau'] });
    programId = await createProgram(t, bureau, subsidyProgram({ name: '同意测试补贴' }));
    hardshipProgramId = await createProgram(t, bureau, subsidyProgram({ name: '困难同意测试补贴', conditions: [{ field: 'hardship', op: 'eq', value: true }] }));
  });

  afterAll(async () => {
    await t?.close();
  });

  const student = () => t.user({ profile: studentProfile() });
  const list = (who: Who) => t.http().get('/api/me/consents').set('Authorization', who.auth);
  const give = (who: Who, body: object) => t.http().post('/api/me/consents').set('Authorization', who.auth).send(body);
  const withdraw = (who: Who, purpose = 'subsidy') => t.http().post(`/api/me/consents/${purpose}/withdraw`).set('Authorization', who.auth).send({});
  const save = (who: Who, body: object) => t.http().post('/api/subsidy/applications').set('Authorization', who.auth).send({ programId, ...body });
  const record = (who: Who, purpose = 'subsidy') => t.db.model(ConsentModel).findOne({ userId: who.doc._id, purpose }).lean();

  it('should need a signed-in user', async () => {
    expect((await t.http().get('/api/me/consents')).status).toBe(401);
    expect((await t.http().post('/api/me/consents').send({ purpose: 'subsidy', version: 1 })).status).toBe(401);
    expect((await t.http().post('/api/me/consents/subsidy/withdraw').send({})).status).toBe(401);
  });

  it('should list each purpose with its text, scope and status none before anything is given', async () => {
    const s = await student();
    const res = await list(s);
    expect(res.status).toBe(200);
    expect((res.body as ConsentView[]).map(c => [c.purpose, c.status])).toEqual([['subsidy', 'none'], ['real-name', 'none'], ['support', 'none']]);
    const [subsidy] = res.body as ConsentView[];
    expect(subsidy).toMatchObject({ purpose: 'subsidy', version: SUBSIDY.version, status: 'none', items: ['身份证号码', '银行账号', '家庭困难情况'] });
    expect(subsidy.purposeText).toBeTruthy();
    expect(subsidy.necessity).toBeTruthy();
    expect(subsidy.effect).toBeTruthy();
  });

  it('should refuse an unknown purpose, an old text version, and withdrawing what was never given', async () => {
    const s = await student();
    expect((await give(s, { purpose: 'marketing', version: 1 })).status).toBe(422);
    const old = await give(s, { purpose: 'subsidy', version: SUBSIDY.version + 1 });
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('CONSENT_VERSION_OUTDATED');
    const never = await withdraw(s);
    expect(never.status).toBe(409);
    expect(never.body.code).toBe('CONSENT_NOT_GIVEN');
    expect(await record(s)).toBeNull();
  });

  it('should record a consent with its version, scope and time, once however often it is sent', async () => {
    const s = await student();
    const first = await give(s, { purpose: 'subsidy', version: SUBSIDY.version });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'given', givenVersion: SUBSIDY.version });
    expect((await give(s, { purpose: 'subsidy', version: SUBSIDY.version })).status).toBe(200);
    const stored = await record(s);
    expect(stored).toMatchObject({ status: 'given', version: SUBSIDY.version, scope: [...SUBSIDY.items] });
    expect(stored?.history).toHaveLength(1);
    expect(stored?.givenAt).toBeInstanceOf(Date);
  });

  it('should refuse a first draft holding an ID number, bank account or hardship before the consent, write nothing, and take it once agreed', async () => {
    const s = await student();
    for (const form of [graduateForm(), { idNumber: graduateForm().idNumber }, { bankAccount: graduateForm().bankAccount }, { hardship: true }]) {
      const refused = await save(s, { form, submit: false });
      expect([refused.status, refused.body.code, refused.body.field]).toEqual([409, 'CONSENT_REQUIRED', 'consent']);
    }
    // Neither the form's own declaration box counts as the separate consent, nor a submission.
    const submitted = await save(s, { form: graduateForm(), submit: true, consent: true });
    expect(submitted.body.code).toBe('CONSENT_REQUIRED');
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: s.doc._id })).toBe(0);
    expect(await record(s)).toBeNull();

    // What holds nothing sensitive may be kept as a draft meanwhile.
    expect((await save(s, { form: { graduationDate: graduateForm().graduationDate }, submit: false })).status).toBe(200);

    // Agreed on the consent sheet: the same request now goes through; retried, it stays one application.
    await give(s, { purpose: 'subsidy', version: SUBSIDY.version });
    const form = graduateForm();
    const first = await save(s, { form, submit: false });
    expect(first.status).toBe(200);
    const retried = await save(s, { form, submit: false });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(first.body.id);
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: s.doc._id })).toBe(1);
    // A later draft goes on under the same consent.
    expect((await save(s, { form: { hardship: false }, submit: false })).status).toBe(200);
  });

  it('should refuse a submission without a separate consent even for a draft kept from before the consent was required', async () => {
    const draft = await draftApplication(t, programId);
    await t.db.model(ConsentModel).deleteOne({ userId: draft.student.doc._id });
    expect((await uploadDocument(t, draft.student, draft.id, 'diploma', pdf('diploma'))).status).toBe(200);
    const refused = await save(draft.student, { form: {}, submit: true, consent: true });
    expect(refused.body.code).toBe('CONSENT_REQUIRED');
    expect((await t.db.model(SubsidyApplicationModel).findById(draft.id).lean())?.status).toBe('draft');

    const done = await submittedApplication(t, programId, { documents: { diploma: pdf('diploma') } });
    expect(await record(done.student)).toMatchObject({ status: 'given', version: SUBSIDY.version });
  });

  it('should stop new processing after a withdrawal with 409 CONSENT_WITHDRAWN and change nothing', async () => {
    const s = await student();
    await give(s, { purpose: 'subsidy', version: SUBSIDY.version });
    const saved = await save(s, { form: graduateForm(), submit: false });
    expect(saved.status).toBe(200);
    const before = await t.db.model(SubsidyApplicationModel).findById(saved.body.id).lean();

    const done = await withdraw(s);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'withdrawn' });
    expect(done.body.withdrawnAt).toBeTruthy();

    for (const body of [
      { form: graduateForm({ bankAccount: undefined }), submit: false },
      { programId: hardshipProgramId, form: { hardship: true }, submit: false },
      { form: {}, submit: true, consent: true },
    ]) {
      const refused = await save(s, body);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONSENT_WITHDRAWN');
    }
    expect(await t.db.model(SubsidyApplicationModel).findById(saved.body.id).lean()).toEqual(before);
    // Retried, the refusal is the same and still changes nothing.
    expect((await save(s, { form: graduateForm(), submit: false })).body.code).toBe('CONSENT_WITHDRAWN');
    expect(await t.db.model(SubsidyApplicationModel).findById(saved.body.id).lean()).toEqual(before);

    const twice = await withdraw(s);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CONSENT_WITHDRAWN');
    expect((await record(s))?.history.map(h => h.event)).toEqual(['given', 'withdrawn']);

    // Agreeing again through the consent sheet lets the user go on.
    expect((await give(s, { purpose: 'subsidy', version: SUBSIDY.version })).body.status).toBe('given');
    expect((await save(s, { form: { hardship: false }, submit: false })).status).toBe(200);
  });

  it('should ask again when the stored consent is for an older text version', async () => {
    const s = await student();
    await give(s, { purpose: 'subsidy', version: SUBSIDY.version });
    await t.db.model(ConsentModel).updateOne({ userId: s.doc._id }, { $set: { version: SUBSIDY.version - 1 } });
    expect((await list(s)).body[0].status).toBe('outdated');
    const refused = await save(s, { form: graduateForm(), submit: false });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSENT_REQUIRED');
  });

  describe('the 1311 consent for the ID number in the profile', () => {
    const saveProfile = (who: Who, idNumber: string) => t.http().put('/api/me/profile').set('Authorization', who.auth).send({ ...studentProfile(), idNumber });
    const stored = async (who: Who) => t.db.model(UserModel).findById(who.doc._id, { idNumberEnc: 1, idNumberHash: 1 }).lean();

    it('should keep a profile ID number only under the consent, erase it on withdrawal and refuse it again until agreed anew', async () => {
      const s = await student();
      const id = residentId('2002-02-02', 61);
      const refused = await saveProfile(s, id);
      expect([refused.status, refused.body.code, refused.body.field]).toEqual([409, 'CONSENT_REQUIRED', 'consent']);
      expect(await stored(s)).toEqual({ _id: s.doc._id });
      // The rest of the profile is saved without a number meanwhile.
      const { idNumber: _none, ...rest } = { ...studentProfile(), idNumber: undefined };
      expect((await t.http().put('/api/me/profile').set('Authorization', s.auth).send(rest)).status).toBe(200);

      await give(s, { purpose: 'support', version: CONSENT_TEXTS.support.version });
      expect((await saveProfile(s, id)).body.idNumber).toMatch(/^\d{4}\*+\d{4}$/);
      expect((await stored(s))?.idNumberHash).toBeTruthy();

      expect((await withdraw(s, 'support')).status).toBe(200);
      expect(await stored(s)).toEqual({ _id: s.doc._id });
      expect((await t.http().get('/api/me').set('Authorization', s.auth)).body.idNumber).toBeUndefined();
      const again = await saveProfile(s, id);
      expect(again.body.code).toBe('CONSENT_WITHDRAWN');
      expect(await stored(s)).toEqual({ _id: s.doc._id });
      // Withdrawing twice is refused and changes nothing more.
      expect((await withdraw(s, 'support')).body.code).toBe('CONSENT_WITHDRAWN');
      expect((await record(s, 'support'))?.history.map(h => h.event)).toEqual(['given', 'withdrawn']);
      // The other purposes are untouched.
      expect(await record(s)).toBeNull();
    });

    it('should link a self-registered 1311 case to the registry by the profile ID only under the consent', async () => {
      const pii = await t.app.getApplicationContext().getAsync(PiiService);
      const link = async (consent: boolean): Promise<string | undefined> => {
        const s = await student();
        const id = residentId('2002-03-03', consent ? 71 : 72);
        const sealed = pii.seal(id);
        await t.db.model(GraduateModel).create({
          name: '孙同意', idNumberEnc: sealed.enc, idNumberHash: sealed.hash, idNumberMasked: 'x', collegeId: 'dlut', schoolName: '大连理工大学', doubleFirstClass: true,
          degree: 'bachelor', major: '机械', graduationYear: 2026, originProvince: '辽宁省', originCity: '大连市', originInProvince: true,
        });
        // A number kept from before consents were recorded: present in the profile, but with no consent on record.
        await t.db.model(UserModel).updateOne({ _id: s.doc._id }, { $set: { idNumberEnc: sealed.enc, idNumberHash: sealed.hash } });
        if (consent) await give(s, { purpose: 'support', version: CONSENT_TEXTS.support.version });
        expect((await t.http().post('/api/support/register').set('Authorization', s.auth).send({ districtCode: '210211' })).status).toBe(200);
        return (await t.db.model(SupportCaseModel).findOne({ studentId: s.doc._id }).lean())?.graduateId?.toHexString();
      };
      expect(await link(false)).toBeUndefined();
      expect(await link(true)).toMatch(/^[0-9a-f]{24}$/);
    });
  });
});
