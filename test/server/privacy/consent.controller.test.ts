import { CONSENT_TEXTS, type ConsentView } from '../../../server/src/contract/privacy';
import { ConsentModel } from '../../../server/src/modules/privacy/consent.model';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { createProgram, draftApplication, graduateForm, pdf, studentProfile, submittedApplication, subsidyProgram, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const SUBSIDY = CONSENT_TEXTS.subsidy;

describe('consents for sensitive personal information', () => {
  let t: TestApp;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const bureau = await t.user({ roles: ['bureau'] });
    programId = await createProgram(t, bureau, subsidyProgram({ name: '同意测试补贴' }));
  });

  afterAll(async () => {
    await t?.close();
  });

  const student = () => t.user({ profile: studentProfile() });
  const list = (who: Who) => t.http().get('/api/me/consents').set('Authorization', who.auth);
  const give = (who: Who, body: object) => t.http().post('/api/me/consents').set('Authorization', who.auth).send(body);
  const withdraw = (who: Who, purpose = 'subsidy') => t.http().post(`/api/me/consents/${purpose}/withdraw`).set('Authorization', who.auth).send({});
  const save = (who: Who, body: object) => t.http().post('/api/subsidy/applications').set('Authorization', who.auth).send({ programId, ...body });
  const record = (who: Who) => t.db.model(ConsentModel).findOne({ userId: who.doc._id }).lean();

  it('should need a signed-in user', async () => {
    expect((await t.http().get('/api/me/consents')).status).toBe(401);
    expect((await t.http().post('/api/me/consents').send({ purpose: 'subsidy', version: 1 })).status).toBe(401);
    expect((await t.http().post('/api/me/consents/subsidy/withdraw').send({})).status).toBe(401);
  });

  it('should list each purpose with its text, scope and status none before anything is given', async () => {
    const s = await student();
    const res = await list(s);
    expect(res.status).toBe(200);
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

  it('should record the consent box of a submitted subsidy application as the first consent, and nothing for a refused one', async () => {
    const draft = await draftApplication(t, programId);
    const refused = await save(draft.student, { form: {}, submit: true, consent: true });
    expect(refused.body.code).toBe('SUBSIDY_DOCUMENTS_MISSING');
    expect(await record(draft.student)).toBeNull();

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
      { form: { hardship: true }, submit: false },
      { form: {}, submit: true, consent: true },
    ]) {
      const refused = await save(s, body);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONSENT_WITHDRAWN');
    }
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
});
