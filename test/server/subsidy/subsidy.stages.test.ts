import type { InboxItem } from '../../../server/src/contract/notice';
import type { SubsidyApplicationView } from '../../../server/src/contract/subsidy';
import type { OverdueCount, StageSettingsView } from '../../../server/src/contract/subsidy-stages';
import { DAY_MS, addDays, beijingDay } from '../../../server/src/contract/time';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { SubsidyStagesService } from '../../../server/src/modules/subsidy/subsidy-stages.service';
import { CalendarYearModel } from '../../../server/src/modules/subsidy/subsidy-stages.model';
import { SubsidyApplicationModel, SubsidyProgramModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { createProgram, decide, pdf, studentProfile, submittedApplication, subsidyProgram, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('subsidy stage time limits, the working-day calendar and escalation', () => {
  let t: TestApp;
  let bureau: Who;
  let dlut: Who;
  let zhuanghe: Who;
  let programId: string;
  let stages: SubsidyStagesService;

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    dlut = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    zhuanghe = await t.user({ roles: ['district'], scope: { districtCode: '210283' } });
    programId = await createProgram(t, bureau, subsidyProgram({ name: '测试时限补贴' }));
    stages = await t.app.getApplicationContext().getAsync(SubsidyStagesService);
  });

  afterEach(() => {
    stages.now = () => new Date();
  });

  afterAll(async () => {
    await t.close();
  });

  const put = (who: Who, path: string, body: object) => t.http().put(`/api/staff/subsidy${path}`).set('Authorization', who.auth).send(body);
  const limits = { college: 5, district: 10, bureau: 10, payment: 30 };

  it('should answer 401 without a token and 403 to anyone but the bureau for the settings', async () => {
    expect((await t.http().get('/api/staff/subsidy/stage-settings')).status).toBe(401);
    expect((await t.http().get('/api/staff/subsidy/stage-settings').set('Authorization', dlut.auth)).status).toBe(403);
    expect((await put(zhuanghe, `/programs/${programId}/limits`, { limits })).status).toBe(403);
    expect((await put(dlut, '/calendar/2027', { holidays: [], workdays: [], source: '' })).status).toBe(403);
    const student = await t.user({ profile: studentProfile() });
    expect((await t.http().get('/api/staff/subsidy/overdue').set('Authorization', student.auth)).status).toBe(403);
  });

  it('should refuse a limit of 0 or below, naming the stage, and change nothing', async () => {
    const zero = await put(bureau, `/programs/${programId}/limits`, { limits: { ...limits, college: 0 } });
    expect(zero.status).toBe(422);
    expect(zero.body).toMatchObject({ code: 'SUBSIDY_STAGE_LIMIT_INVALID', field: 'limits.college' });
    const negative = await put(bureau, `/programs/${programId}/limits`, { limits: { ...limits, payment: -3 } });
    expect(negative.body).toMatchObject({ code: 'SUBSIDY_STAGE_LIMIT_INVALID', field: 'limits.payment' });
    expect((await put(bureau, `/programs/${programId}/limits`, { limits: { college: 5 } })).status).toBe(422);
    expect((await t.db.model(SubsidyProgramModel).findById(programId).lean())?.stageLimits).toBeUndefined();
    expect((await put(bureau, '/programs/0123456789abcdef01234567/limits', { limits })).status).toBe(404);
  });

  it('should refuse a calendar with a malformed date, naming the entry, and change nothing', async () => {
    const bad = await put(bureau, '/calendar/2027', { holidays: ['2027-01-01', '2027-02-30'], workdays: [], source: '测试' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'SUBSIDY_CALENDAR_INVALID', field: 'holidays.1' });
    expect(bad.body.message).toContain('2027-02-30');
    const otherYear = await put(bureau, '/calendar/2027', { holidays: [], workdays: ['2026-10-10'], source: '' });
    expect(otherYear.body).toMatchObject({ code: 'SUBSIDY_CALENDAR_INVALID', field: 'workdays.0' });
    expect((await put(bureau, '/calendar/1999', { holidays: [], workdays: [], source: '' })).status).toBe(422);
    expect(await t.db.model(CalendarYearModel).countDocuments({})).toBe(0);
    const schedule = await put(bureau, '/schedule', { daysOfMonth: [10, 31], bankWorkingDays: 3 });
    expect(schedule.body).toMatchObject({ code: 'SUBSIDY_SCHEDULE_INVALID', field: 'daysOfMonth.1' });
  });

  it('should show the built-in 2026 calendar and default limits, then keep the bureau’s edits, audited', async () => {
    const before = (await t.http().get('/api/staff/subsidy/stage-settings').set('Authorization', bureau.auth)).body as StageSettingsView;
    expect(before.calendars.find(c => c.year === 2026)).toMatchObject({ source: expect.stringContaining('国务院办公厅'), workdays: expect.arrayContaining(['2026-02-14']) });
    expect(before.schedule).toMatchObject({ daysOfMonth: [10, 25], bankWorkingDays: 3 });
    expect(before.programs.find(p => p.id === programId)).toMatchObject({ limits, custom: false });

    expect((await put(bureau, `/programs/${programId}/limits`, { limits: { ...limits, college: 3 } })).body).toEqual({ ...limits, college: 3 });
    const year = await put(bureau, '/calendar/2027', { holidays: ['2027-01-01', '2027-01-01'], workdays: [], source: '测试：2027年元旦' });
    expect(year.body).toMatchObject({ year: 2027, holidays: ['2027-01-01'] });
    expect((await put(bureau, '/schedule', { daysOfMonth: [15], bankWorkingDays: 2 })).body).toMatchObject({ daysOfMonth: [15], bankWorkingDays: 2 });

    const after = (await t.http().get('/api/staff/subsidy/stage-settings').set('Authorization', bureau.auth)).body as StageSettingsView;
    expect(after.programs.find(p => p.id === programId)).toMatchObject({ limits: { college: 3 }, custom: true });
    expect(after.calendars.map(c => c.year)).toEqual([2026, 2027]);
    const actions = (await t.db.model(AuditModel).find({ action: /^subsidy\.(limits|calendar|schedule)/ }).lean()).map(a => a.action).sort();
    expect(actions).toEqual(['subsidy.calendar.update', 'subsidy.limits.update', 'subsidy.schedule.update']);
    // Back to the defaults for the tests below.
    expect((await put(bureau, `/programs/${programId}/limits`, { limits })).status).toBe(200);
    expect((await put(bureau, '/schedule', { daysOfMonth: [10, 25], bankWorkingDays: 3 })).status).toBe(200);
  });

  it('should show the graduate the stage, since when, days spent, the deadline and the expected payment day; finished stages with unit and time', async () => {
    const app = await submittedApplication(t, programId, { profile: studentProfile({ collegeId: 'dlut' }), documents: { diploma: pdf('stage diploma') } });
    const mine = (await t.http().get(`/api/subsidy/applications/${app.id}`).set('Authorization', app.student.auth)).body as SubsidyApplicationView;
    expect(mine.progress).toMatchObject({ stage: 'college', limit: 5, workingDaysSpent: 0, overdue: false, deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(mine.progress?.expectedPaymentDay && mine.progress.expectedPaymentDay > (mine.progress?.deadline ?? '')).toBe(true);

    expect((await decide(t, dlut, app.id, 'approve')).status).toBe(200);
    const list = (await t.http().get('/api/subsidy/applications').set('Authorization', app.student.auth)).body as SubsidyApplicationView[];
    const moved = list.find(a => a.id === app.id);
    expect(moved?.progress).toMatchObject({ stage: 'district', limit: 10 });
    expect(moved?.timeline.at(-1)).toMatchObject({ action: 'approved', stage: 'college', actorUnit: '大连理工大学', at: expect.any(String) });
    expect(moved?.timeline.at(-1)?.actorName).toBeUndefined();
  });

  it('should mark an application overdue on the queue, count it per unit and stage, and escalate it once however many sweep', async () => {
    const app = await submittedApplication(t, programId, { profile: studentProfile({ collegeId: 'dlut' }), documents: { diploma: pdf('late diploma') } });
    const later = new Date(Date.now() + 20 * DAY_MS);
    stages.now = () => later;
    const queue = (await t.http().get('/api/staff/subsidy/applications').set('Authorization', dlut.auth)).body.items as SubsidyApplicationView[];
    expect(queue.find(a => a.id === app.id)?.progress).toMatchObject({ stage: 'college', overdue: true });

    const counts = (await t.http().get('/api/staff/subsidy/overdue').set('Authorization', bureau.auth)).body as OverdueCount[];
    expect(counts).toContainEqual({ stage: 'college', unit: '大连理工大学', count: expect.any(Number) });
    const own = (await t.http().get('/api/staff/subsidy/overdue').set('Authorization', dlut.auth)).body as OverdueCount[];
    expect(own.every(r => r.unit === '大连理工大学')).toBe(true);
    const district = (await t.http().get('/api/staff/subsidy/overdue').set('Authorization', zhuanghe.auth)).body as OverdueCount[];
    expect(district.every(r => r.stage === 'district' && r.unit === '庄河市人力资源和社会保障局')).toBe(true);

    const written = await Promise.all([stages.escalateOverdue(later), stages.escalateOverdue(later), stages.escalateOverdue(later)]);
    expect(written.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await stages.escalateOverdue(later)).toBe(0);
    const inbox = (await t.http().get('/api/inbox?limit=50').set('Authorization', bureau.auth)).body.items as InboxItem[];
    const mine = inbox.filter(i => i.page?.endsWith(`?id=${app.id}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: '补贴申请办理超时：测试时限补贴', summary: expect.stringContaining('大连理工大学的高校核验环节已超过办理时限') });
    const stored = await t.db.model(SubsidyApplicationModel).findById(app.id).lean();
    expect(stored?.escalated).toHaveLength(1);
    expect(stored?.pendingNotices).toEqual([]);

    // Passed on, the application waits at the district: a new wait, not overdue yet.
    stages.now = () => new Date();
    expect((await decide(t, dlut, app.id, 'approve')).status).toBe(200);
    expect(await stages.escalateOverdue(new Date())).toBe(0);
    const today = beijingDay(new Date());
    const detail = (await t.http().get(`/api/staff/subsidy/applications/${app.id}`).set('Authorization', zhuanghe.auth)).body as SubsidyApplicationView;
    expect(detail.progress).toMatchObject({ stage: 'district', overdue: false });
    expect(detail.progress?.deadline && detail.progress.deadline > addDays(today, 9)).toBe(true);
  });

  it('should name the missing documents and the next step when a reviewer returns an application, and refuse a return without either', async () => {
    const app = await submittedApplication(t, programId, { profile: studentProfile({ collegeId: 'dlut' }), documents: { diploma: pdf('return diploma') } });
    const empty = await t.http().post(`/api/staff/subsidy/applications/${app.id}/decision`).set('Authorization', dlut.auth).send({ decision: 'return', reason: '' });
    expect(empty.body).toMatchObject({ code: 'SUBSIDY_REASON_REQUIRED', field: 'reason' });
    const unknown = await t.http().post(`/api/staff/subsidy/applications/${app.id}/decision`).set('Authorization', dlut.auth).send({ decision: 'return', missingDocuments: ['passport'] });
    expect(unknown.status).toBe(422);
    const res = await t.http().post(`/api/staff/subsidy/applications/${app.id}/decision`).set('Authorization', dlut.auth).send({ decision: 'return', missingDocuments: ['diploma'] });
    expect(res.status).toBe(200);
    expect(res.body.timeline.at(-1)).toMatchObject({
      action: 'returned',
      reason: '缺少或需更换的材料：毕业证书',
      nextStep: expect.stringContaining('上传毕业证书后重新提交'),
      actorUnit: '大连理工大学',
    });
  });
});
