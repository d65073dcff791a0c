import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { captureLogs } from '../support/log-capture';
import {
  bankCard,
  createProgram,
  enterpriseInput,
  graduateForm,
  inHours,
  residentId,
  studentProfile,
  subsidyProgram,
  uscc,
  year,
  giveConsent,
  type Who,
} from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Answer = { status: number; body: { code?: string; field?: string; message?: string } };

/** Issue #13 items 5, 6 and 8 over HTTP: check digits, the text rule, and what a refusal says. */
describe('input rules over HTTP', () => {
  let t: TestApp;
  let bureau: Who;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    // It refers to work, so its form takes the employer and the credit code.
    programId = await createProgram(t, bureau, subsidyProgram({ conditions: [{ field: 'employedInDalian', op: 'eq', value: true }] }));
  });

  afterAll(async () => {
    await t.close();
  });

  const expectRefused = (res: Answer, code: string, field: string) => {
    expect([res.status, res.body.code, res.body.field]).toEqual([422, code, field]);
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
  };

  const saveForm = async (form: object) => {
    const student = await t.user({ profile: studentProfile() });
    await giveConsent(t, student, 'subsidy');
    const res = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form, submit: false });
    return { student, res };
  };

  const storedApplications = async (student: Who) => t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: student.doc._id });

  describe('check digits and account numbers (#13.5)', () => {
    it('should refuse an employer credit code with a wrong check character on the subsidy form, storing nothing', async () => {
      const good = uscc('91210200MA0QC5678');
      const wrong = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
      const { student, res } = await saveForm(graduateForm({ employerUscc: wrong }));
      expectRefused(res, 'USCC_INVALID', 'form.employerUscc');
      expect(res.body.message).toContain('校验位');
      expect(await storedApplications(student)).toBe(0);
    });

    it('should refuse a bank card number failing Luhn on the subsidy form, storing nothing', async () => {
      const { student, res } = await saveForm(graduateForm({ bankAccount: '6222021234567890123' }));
      expectRefused(res, 'SUBSIDY_BANK_ACCOUNT_INVALID', 'form.bankAccount');
      expect(res.body.message).toBe('银行账号：银行卡号校验位不符，请核对卡号');
      expect(await storedApplications(student)).toBe(0);
    });

    it('should take a valid credit code and card typed with spaces and small letters, stored normalised', async () => {
      const code = uscc('91210200MA0QC5679');
      const { student, res } = await saveForm(graduateForm({ employerUscc: code.toLowerCase(), bankAccount: '6222 0212 3456 7890 128' }));
      expect(res.status).toBe(200);
      expect(res.body.form.employerUscc).toBe(code);
      expect(res.body.form.bankAccount).toBe('***************0128');
      expect(await storedApplications(student)).toBe(1);
    });

    it('should refuse an enterprise registration whose credit code fails its check', async () => {
      const recruiter = await t.user({ roles: ['recruiter'] });
      const good = uscc('91210200MA0QC5680');
      const res = await t.http().post('/api/recruiter/enterprise').set('Authorization', recruiter.auth).send(enterpriseInput(good.slice(0, 17) + (good[17] === '1' ? '2' : '1'), '大连校验位测试有限公司'));
      expectRefused(res, 'USCC_INVALID', 'uscc');
    });

    it('should refuse a profile ID number whose birth date does not exist, and change nothing', async () => {
      const student = await t.user({ profile: studentProfile() });
      const res = await t.http().put('/api/me/profile').set('Authorization', student.auth).send({ ...studentProfile(), idNumber: residentId('2001-02-30', 5) });
      expectRefused(res, 'ID_NUMBER_INVALID', 'idNumber');
      expect(res.body.message).toContain('出生日期');
      expect((await t.db.model(UserModel).findById(student.doc._id).lean())?.idNumberHash).toBeUndefined();
    });

    it('should refuse an enterprise subsidy form with a corporate account that is not one', async () => {
      const recruiter = await t.user({ roles: ['recruiter'] });
      const res = await t.http()
        .post('/api/subsidy/enterprise/applications')
        .set('Authorization', recruiter.auth)
        .send({ programId, form: { bankAccount: '12ab' }, submit: false });
      expectRefused(res, 'SUBSIDY_BANK_ACCOUNT_INVALID', 'form.bankAccount');
      expect(res.body.message).toContain('只能包含数字');
    });
  });

  describe('control characters in text (#13.6)', () => {
    it.each([
      ['NUL', '软件\u0000工程'],
      ['an escape', '\u001b[2J软件工程'],
      ['a right-to-left override', '软件\u202e程工'],
      ['a directional isolate', '软件\u2067工程'],
    ])('should refuse %s in a profile field with 422 naming it, storing nothing', async (_what, major) => {
      const student = await t.user({ profile: studentProfile({ major: '原专业' }) });
      const res = await t.http().put('/api/me/profile').set('Authorization', student.auth).send({ ...studentProfile(), major });
      expectRefused(res, 'TEXT_CHARACTER_NOT_ALLOWED', 'major');
      expect(res.body.message).toMatch(/^专业：含有不可见的/);
      expect((await t.db.model(UserModel).findById(student.doc._id).lean())?.profile?.major).toBe('原专业');
    });

    it('should refuse a lone surrogate sent as a JSON escape', async () => {
      const student = await t.user({ profile: studentProfile() });
      const body = JSON.stringify({ ...studentProfile(), intentionText: 'x' }).replace('"intentionText":"x"', '"intentionText":"前\\ud800后"');
      const res = await t.http().put('/api/me/profile').set('Authorization', student.auth).set('Content-Type', 'application/json').send(body);
      expectRefused(res, 'TEXT_CHARACTER_NOT_ALLOWED', 'intentionText');
      expect(res.body.message).toContain('残缺的字符编码');
    });

    it('should refuse it deep in a form, in a list item and in a query string', async () => {
      const nested = await saveForm(graduateForm({ employerName: '大连\u0007公司' }));
      expectRefused(nested.res, 'TEXT_CHARACTER_NOT_ALLOWED', 'form.employerName');
      const recruiter = await t.user({ roles: ['recruiter'] });
      const listed = await t.http()
        .post('/api/subsidy/enterprise/applications')
        .set('Authorization', recruiter.auth)
        .send({ programId, form: { graduates: [{ name: '赵\u202e雷', idNumber: residentId('2001-03-04', 9) }] }, submit: false });
      expectRefused(listed, 'TEXT_CHARACTER_NOT_ALLOWED', 'form.graduates.0.name');
      const student = await t.user();
      const query = await t.http().get('/api/jobs').query({ q: '软件\u0000' }).set('Authorization', student.auth);
      expectRefused(query, 'TEXT_CHARACTER_NOT_ALLOWED', 'q');
    });

    it('should refuse an uploaded file whose name carries a right-to-left override', async () => {
      const { student, res } = await saveForm(graduateForm());
      expect(res.status).toBe(200);
      const upload = await t.http()
        .post(`/api/subsidy/applications/${res.body.id}/documents?kind=diploma`)
        .set('Authorization', student.auth)
        .attach('file', Buffer.from('%PDF-1.4\n'), '毕业证\u202efdp.pdf');
      expectRefused(upload, 'TEXT_CHARACTER_NOT_ALLOWED', 'file');
      expect(upload.body.message).toContain('文件名含有不可见的文字方向控制符');
    });

    it('should keep line breaks, tabs, emoji and rare characters', async () => {
      const student = await t.user({ profile: studentProfile() });
      const intentionText = '第一行\n\t第二行 💪 𠀀';
      const res = await t.http().put('/api/me/profile').set('Authorization', student.auth).send({ ...studentProfile(), intentionText });
      expect(res.status).toBe(200);
      expect((await t.db.model(UserModel).findById(student.doc._id).lean())?.profile?.intentionText).toBe(intentionText);
    });
  });

  describe('what a refusal says (#13.8)', () => {
    it('should list the allowed values of a short list in Chinese, without Joi wording', async () => {
      const res = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send(subsidyProgram({ applicantKind: 'robot' as never }));
      expectRefused(res, 'VALIDATION_FAILED', 'applicantKind');
      expect(res.body.message).toBe('applicantKind：应为以下之一：graduate、enterprise');
    });

    it('should say a wrong type in words', async () => {
      const res = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send(subsidyProgram({ active: 'yes' as never }));
      expect(res.body.message).toBe('active：应为是或否（true / false）');
      const obj = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send(subsidyProgram({ amount: 'x' as never }));
      expect(obj.body.message).not.toMatch(/object|必须/);
    });

    it('should say the human format of a pattern, not the regular expression', async () => {
      const student = await t.user({ profile: studentProfile() });
      const res = await t.http().put('/api/me/profile').set('Authorization', student.auth).send({ ...studentProfile(), name: '李明123' });
      expectRefused(res, 'VALIDATION_FAILED', 'name');
      expect(res.body.message).toBe('姓名：应为汉字或字母组成的姓名');
    });

    it('should never repeat a 100 KB value, in the answer or the log', async () => {
      const student = await t.user({ profile: studentProfile() });
      const huge = `${'长'.repeat(50_000)}${'z'.repeat(50_000)}`;
      const log = captureLogs(t.app);
      try {
        const res = await t.http().put('/api/me/profile').set('Authorization', student.auth).send({ ...studentProfile(), name: huge });
        expectRefused(res, 'VALIDATION_FAILED', 'name');
        expect(res.body.message).toBe('姓名：不能超过30个字符');
        const lines = log.lines.join('\n');
        expect(lines).toContain('rejected VALIDATION_FAILED name: 姓名：不能超过30个字符');
        expect(lines).not.toContain('长长长');
        expect(Math.max(...log.lines.map(l => l.length))).toBeLessThan(1000);
      } finally {
        log.stop();
      }
    });
  });

  describe('growth slot start times (#13.4 leftover)', () => {
    it('should refuse a slot starting on 02-30, naming the field', async () => {
      const staff = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const batch = {
        kind: 'advisor',
        hostName: '王老师',
        hostTitle: '职业指导师',
        mode: 'onsite',
        location: '就业指导中心 201',
        times: [
          { startsAt: inHours(48), durationMinutes: 30 },
          { startsAt: `${year + 1}-02-30T10:00:00+08:00`, durationMinutes: 30 },
        ],
      };
      const res = await t.http().post('/api/staff/growth/slots').set('Authorization', staff.auth).send(batch);
      expectRefused(res, 'VALIDATION_FAILED', 'times.1.startsAt');
      expect(res.body.message).toContain('不是日历上存在的日期');
    });
  });

  it('should use a bank card the factories make valid', () => {
    expect(bankCard('622202150000000042')).toMatch(/^\d{19}$/);
  });
});
