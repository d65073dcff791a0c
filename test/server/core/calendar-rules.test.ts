import { RuleType } from '@midwayjs/validate';
import { calendarDay, calendarInstant } from '../../../server/src/core/calendar-rules';
import { createProgram, graduateForm, jobInput, recruiterWithEnterprise, studentProfile, subsidyProgram, year, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('calendar date rules', () => {
  const day = RuleType.object({ on: calendarDay() });
  const instant = RuleType.object({ at: calendarInstant().greater('now') });

  it('should refuse days that do not exist instead of rolling them over', () => {
    for (const bad of ['2025-02-30', '2025-02-29', '2025-13-45', '2025-04-31', '2025-00-10']) {
      expect(day.validate({ on: bad }).error?.details[0].type).toBe('calendarDay.invalid');
    }
    expect(day.validate({ on: '2024-02-29' }).value).toEqual({ on: '2024-02-29' });
    expect(day.validate({ on: '2025-2-3' }).error).toBeDefined();
  });

  it('should refuse a date-time on a day that does not exist, and convert a real one', () => {
    expect(instant.validate({ at: '2099-02-30T10:00:00+08:00' }).error?.details[0].type).toBe('date.calendar');
    expect(instant.validate({ at: '2099-13-01T10:00:00Z' }).error?.details[0].type).toBe('date.calendar');
    const ok = instant.validate({ at: '2099-03-01T10:00:00+08:00' });
    expect(ok.error).toBeUndefined();
    expect((ok.value.at as Date).toISOString()).toBe('2099-03-01T02:00:00.000Z');
    expect(instant.validate({ at: '2000-03-01T10:00:00+08:00' }).error?.details[0].type).toBe('date.greater');
  });
});

describe('impossible dates over HTTP', () => {
  let t: TestApp;
  let bureau: Who;

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  const expectRefused = (res: { status: number; body: { code?: string; field?: string; message?: string } }, field: string) => {
    expect([res.status, res.body.code, res.body.field]).toEqual([422, 'VALIDATION_FAILED', field]);
    expect(res.body.message).toContain('不是日历上存在的日期');
  };

  it('should refuse a program opening on 02-30 and store nothing', async () => {
    const res = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send(subsidyProgram({ name: '不存在的日期补贴', opensAt: `${year}-02-30` }));
    expectRefused(res, 'opensAt');
    const list = await t.http().get('/api/staff/subsidy/programs').set('Authorization', bureau.auth);
    expect(JSON.stringify(list.body)).not.toContain('不存在的日期补贴');
  });

  it('should refuse a graduation date of 2025-13-45 on the subsidy form', async () => {
    const programId = await createProgram(t, bureau, subsidyProgram());
    const student = await t.user({ profile: studentProfile() });
    const res = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form: graduateForm({ graduationDate: '2025-13-45' }), submit: false });
    expectRefused(res, 'form.graduationDate');
  });

  it('should refuse a job deadline on a day that does not exist', async () => {
    const recruiter = await recruiterWithEnterprise(t, bureau);
    const res = await t.http().post('/api/recruiter/jobs').set('Authorization', recruiter.auth).send(jobInput({ deadline: `${year + 1}-02-30T18:00:00+08:00` }));
    expectRefused(res, 'deadline');
  });
});
