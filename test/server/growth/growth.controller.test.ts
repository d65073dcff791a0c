import type { CourseInput, SlotBatchInput } from '../../../server/src/contract/growth';
import type { StudentProfile } from '../../../server/src/contract/user';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ContentModel } from '../../../server/src/modules/content/content.model';
import { CourseModel, SignupModel, SlotModel } from '../../../server/src/modules/growth/growth.model';
import { SubsidyProgramModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { createTestApp, type TestApp } from '../support/test-app';

type User = Awaited<ReturnType<TestApp['user']>>;

const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

const profile = (collegeId: string, name: string): Partial<StudentProfile> => ({
  name,
  collegeId: collegeId as StudentProfile['collegeId'],
  schoolName: collegeId === 'dlut' ? '大连理工大学' : '大连海事大学',
  major: '软件工程',
});

const career = (overrides: Partial<CourseInput> = {}): CourseInput => ({
  kind: 'career',
  title: '求职技巧直播课',
  summary: '简历与面试',
  topic: 'job-search',
  format: 'live',
  url: 'https://example.com/live/1',
  location: '',
  speaker: '王老师',
  startsAt: inHours(48),
  durationMinutes: 60,
  capacity: 2,
  ...overrides,
});

const slotBatch = (kind: SlotBatchInput['kind'], hours: number[], overrides: Partial<SlotBatchInput> = {}): SlotBatchInput => ({
  kind,
  hostName: '王老师',
  hostTitle: '职业指导师',
  mode: 'onsite',
  location: '就业指导中心 201',
  times: hours.map(h => ({ startsAt: inHours(h), durationMinutes: 30 })),
  ...overrides,
});

/** Smallest bytes that pass the ftyp check, followed by filler. */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41'), Buffer.alloc(2048, 1)]);

describe('growth routes', () => {
  let t: TestApp;
  let bureau: User;
  let dlutStaff: User;
  let dlmuStaff: User;
  let ganjingzi: User;
  let zhongshan: User;
  let recruiter: User;
  let trainingInstitutionId: string;
  let otherTrainingInstitutionId: string;
  let incubatorId: string;
  let programId: string;

  const student = (collegeId = 'dlut', name = '李明') => t.user({ profile: profile(collegeId, name) });
  const as = (who: { auth: string }) => ({
    get: (path: string) => t.http().get(path).set('Authorization', who.auth),
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', who.auth).send(body ?? {}),
  });

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    dlutStaff = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' }, nickname: '大工就业中心' });
    dlmuStaff = await t.user({ roles: ['college'], scope: { collegeId: 'dlmu' } });
    ganjingzi = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    zhongshan = await t.user({ roles: ['district'], scope: { districtCode: '210202' } });
    recruiter = await t.user({ roles: ['recruiter'] });
    const contents = t.db.model(ContentModel);
    const institution = (title: string, type: 'training' | 'incubator', district: string) =>
      contents.create({ kind: 'institution', title, status: 'published', institution: { type, address: '示例地址', contact: '示例', phone: '示例', district } });
    trainingInstitutionId = (await institution('大连东软信息学院', 'training', '210211'))._id.toHexString();
    otherTrainingInstitutionId = (await institution('中山区培训中心', 'training', '210202'))._id.toHexString();
    incubatorId = (await institution('甘井子区青年众创空间', 'incubator', '210211'))._id.toHexString();
    programId = (
      await t.db.model(SubsidyProgramModel).create({
        name: '职业培训补贴', legalBasis: '行动二', applicantKind: 'graduate', period: '2026', opensAt: '2026-01-01', closesAt: '2026-12-31',
        requiredDocuments: [], conditions: [], amount: { kind: 'fixed', amount: 1200 }, workflow: ['district', 'bureau'], note: '示例金额', active: true,
      })
    )._id.toHexString();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('access', () => {
    it.each([
      ['post', '/api/growth/courses/0123456789abcdef01234567/signup'],
      ['post', '/api/growth/slots/0123456789abcdef01234567/book'],
      ['post', '/api/growth/stories'],
      ['post', '/api/growth/stories/0123456789abcdef01234567/like'],
      ['get', '/api/staff/growth/slots'],
      ['post', '/api/staff/growth/stories/0123456789abcdef01234567/decision'],
    ] as const)('should answer 401 to %s %s without a token', async (method, path) => {
      const res = await t.http()[method](path);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('should let anyone read the published stories and the courses without signing in', async () => {
      const res = await t.http().get('/api/growth/stories');
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
      const courses = await t.http().get('/api/growth/courses?kind=career');
      expect(courses.status).toBe(200);
      expect(Array.isArray(courses.body)).toBe(true);
    });

    it('should answer 403 to a student on staff routes and to a recruiter on student routes', async () => {
      const s = await student();
      expect((await as(s).get('/api/staff/growth/slots')).status).toBe(403);
      expect((await as(s).post('/api/staff/growth/courses', career())).status).toBe(403);
      expect((await as(recruiter).post('/api/growth/courses/0123456789abcdef01234567/signup')).status).toBe(403);
    });

    it('should keep story moderation and place decisions away from colleges', async () => {
      expect((await as(dlutStaff).get('/api/staff/growth/stories')).status).toBe(403);
      expect((await as(dlutStaff).get('/api/staff/growth/places')).status).toBe(403);
      expect((await as(ganjingzi).get('/api/staff/growth/stories')).status).toBe(403);
    });

    it('should let only the HR bureaus run 创业诊所 hours and publish contests', async () => {
      const mentor = await as(dlutStaff).post('/api/staff/growth/slots', slotBatch('mentor', [300]));
      expect(mentor.status).toBe(403);
      const contest = await as(dlutStaff).post('/api/staff/growth/contests', { title: '大赛', organiser: '某校', summary: '', registrationClosesOn: '2099-01-01', url: '' });
      expect(contest.status).toBe(403);
    });
  });

  describe('validation', () => {
    it('should refuse a live course without a link, naming the field', async () => {
      const res = await as(dlutStaff).post('/api/staff/growth/courses', career({ url: 'javascript:alert(1)' }));
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('url');
    });

    it('should refuse a capacity of zero and an unknown format', async () => {
      expect((await as(dlutStaff).post('/api/staff/growth/courses', career({ capacity: 0 }))).status).toBe(422);
      expect((await as(dlutStaff).post('/api/staff/growth/courses', { ...career(), format: 'radio' })).status).toBe(422);
    });

    it('should refuse a slot batch without times and a malformed id', async () => {
      expect((await as(dlutStaff).post('/api/staff/growth/slots', slotBatch('advisor', []))).status).toBe(422);
      const s = await student();
      const res = await as(s).post('/api/growth/slots/not-an-id/book', {});
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('id');
    });

    it('should refuse a story with a banned word and one too short, writing nothing', async () => {
      const s = await student();
      const banned = await as(s).post('/api/growth/stories', { title: '我的大连', text: '毕业后在大连做刷单兼职，收入很高很高' });
      expect(banned.status).toBe(422);
      expect(banned.body.code).toBe('STORY_CONTENT_REJECTED');
      expect(banned.body.message).toContain('刷单');
      expect((await as(s).post('/api/growth/stories', { title: '短', text: '太短' })).status).toBe(422);
      expect((await as(s).get('/api/growth/my-stories')).body).toEqual([]);
    });

    it('should answer 404 for a course that does not exist', async () => {
      const s = await student();
      const res = await as(s).post('/api/growth/courses/0123456789abcdef01234567/signup');
      expect(res.status).toBe(404);
    });
  });

  describe('career courses', () => {
    it('should seat a student once however often the sign-up is sent at the same time', async () => {
      const course = await as(dlutStaff).post('/api/staff/growth/courses', career({ capacity: 5 }));
      expect(course.status).toBe(200);
      const s = await student();
      const results = await Promise.all([1, 2, 3, 4].map(() => as(s).post(`/api/growth/courses/${course.body.id}/signup`)));
      expect(results.map(r => r.status)).toEqual([200, 200, 200, 200]);
      const doc = await t.db.model(CourseModel).findById(course.body.id).lean();
      expect(doc?.signedUp).toBe(1);
      expect(await t.db.model(SignupModel).countDocuments({ courseId: doc?._id })).toBe(1);
      expect(results[0].body.mine.status).toBe('signed-up');
      expect(results[0].body.url).toBe('https://example.com/live/1');
    });

    it('should fill a course to capacity and no further when students sign up together', async () => {
      const course = await as(dlutStaff).post('/api/staff/growth/courses', career({ capacity: 2 }));
      const students = await Promise.all([1, 2, 3, 4].map(i => student('dlut', `学生${i}`)));
      const results = await Promise.all(students.map(s => as(s).post(`/api/growth/courses/${course.body.id}/signup`)));
      expect(results.filter(r => r.status === 200)).toHaveLength(2);
      const refused = results.filter(r => r.status !== 200);
      expect(refused).toHaveLength(2);
      refused.forEach(r => expect(r.body.code).toBe('COURSE_FULL'));
      expect((await t.db.model(CourseModel).findById(course.body.id).lean())?.signedUp).toBe(2);
    });

    it('should hide the link from students who have not signed up and free the seat on cancel', async () => {
      const course = await as(dlutStaff).post('/api/staff/growth/courses', career({ capacity: 1 }));
      const [a, b] = [await student(), await student()];
      expect((await as(b).get(`/api/growth/courses/${course.body.id}`)).body.url).toBeUndefined();
      await as(a).post(`/api/growth/courses/${course.body.id}/signup`);
      expect((await as(b).post(`/api/growth/courses/${course.body.id}/signup`)).body.code).toBe('COURSE_FULL');
      const cancelled = await as(a).post(`/api/growth/courses/${course.body.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.mine.status).toBe('cancelled');
      expect((await as(a).post(`/api/growth/courses/${course.body.id}/cancel`)).body.signedUp).toBe(0);
      expect((await as(b).post(`/api/growth/courses/${course.body.id}/signup`)).status).toBe(200);
    });

    it('should record completion only after the course has ended', async () => {
      const upcoming = await as(dlutStaff).post('/api/staff/growth/courses', career({ capacity: 10 }));
      const video = await as(dlutStaff).post('/api/staff/growth/courses', career({ format: 'video', url: 'https://example.com/v.mp4', startsAt: inHours(-1), capacity: 10 }));
      const s = await student();
      expect((await as(s).post(`/api/growth/courses/${video.body.id}/complete`)).body.code).toBe('COURSE_NOT_SIGNED_UP');
      await as(s).post(`/api/growth/courses/${upcoming.body.id}/signup`);
      expect((await as(s).post(`/api/growth/courses/${upcoming.body.id}/complete`)).body.code).toBe('COURSE_NOT_FINISHED');
      await as(s).post(`/api/growth/courses/${video.body.id}/signup`);
      const done = await as(s).post(`/api/growth/courses/${video.body.id}/complete`);
      expect(done.status).toBe(200);
      expect(done.body.mine.status).toBe('completed');
      const mine = await as(s).get('/api/growth/signups');
      expect(mine.body.map((x: { status: string }) => x.status).sort()).toEqual(['completed', 'signed-up']);
    });

    it('should show attendees to the organiser and not to another college', async () => {
      const course = await as(dlutStaff).post('/api/staff/growth/courses', career({ capacity: 10 }));
      const s = await student('dlut', '赵六');
      await as(s).post(`/api/growth/courses/${course.body.id}/signup`);
      const list = await as(dlutStaff).get(`/api/staff/growth/courses/${course.body.id}/attendees`);
      expect(list.status).toBe(200);
      expect(list.body.map((a: { studentName: string }) => a.studentName)).toEqual(['赵六']);
      const other = await as(dlmuStaff).get(`/api/staff/growth/courses/${course.body.id}/attendees`);
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('OUT_OF_SCOPE');
    });
  });

  describe('training at designated institutions', () => {
    const training = (institutionId: string, extra: Partial<CourseInput> = {}): CourseInput =>
      career({ kind: 'training', format: 'onsite', url: '', location: '东软 A 座', topic: 'skills', capacity: 30, institutionId, hours: 120, ...extra });

    it('should let only the institution’s district or the bureau publish its courses', async () => {
      expect((await as(dlutStaff).post('/api/staff/growth/courses', training(trainingInstitutionId))).status).toBe(403);
      const other = await as(zhongshan).post('/api/staff/growth/courses', training(trainingInstitutionId));
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('OUT_OF_SCOPE');
      const notTraining = await as(ganjingzi).post('/api/staff/growth/courses', training(incubatorId));
      expect(notTraining.body.code).toBe('COURSE_INSTITUTION_INVALID');
      const badProgram = await as(ganjingzi).post('/api/staff/growth/courses', training(trainingInstitutionId, { subsidyProgramId: '0123456789abcdef01234567' }));
      expect(badProgram.body.code).toBe('COURSE_SUBSIDY_PROGRAM_INVALID');
    });

    it('should enrol a student, let the district mark completion (audited), and then point to the training subsidy', async () => {
      const course = await as(ganjingzi).post('/api/staff/growth/courses', training(trainingInstitutionId, { subsidyProgramId: programId }));
      expect(course.status).toBe(200);
      expect(course.body.institutionName).toBe('大连东软信息学院');
      const s = await student();
      expect((await as(s).post(`/api/growth/courses/${course.body.id}/signup`)).status).toBe(200);
      expect((await as(s).post(`/api/growth/courses/${course.body.id}/complete`)).status).toBe(403);
      const before = await as(s).get('/api/growth/signups');
      expect(before.body[0].subsidyProgramId).toBeUndefined();
      const list = await as(ganjingzi).get(`/api/staff/growth/courses/${course.body.id}/attendees`);
      const signupId = list.body[0].signupId;
      expect((await as(zhongshan).post(`/api/staff/growth/signups/${signupId}/complete`)).status).toBe(403);
      expect((await as(dlutStaff).post(`/api/staff/growth/signups/${signupId}/complete`)).status).toBe(403);
      const [first, again] = await Promise.all([
        as(ganjingzi).post(`/api/staff/growth/signups/${signupId}/complete`),
        as(ganjingzi).post(`/api/staff/growth/signups/${signupId}/complete`),
      ]);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(first.body.status).toBe('completed');
      expect(await t.db.model(AuditModel).countDocuments({ action: 'growth.training.complete', targetId: signupId })).toBe(1);
      const after = await as(s).get('/api/growth/signups');
      expect(after.body[0]).toMatchObject({ status: 'completed', kind: 'training', subsidyProgramId: programId });
    });

    it('should list training courses by institution', async () => {
      await as(zhongshan).post('/api/staff/growth/courses', training(otherTrainingInstitutionId, { title: '中山区电工培训' }));
      const s = await student();
      const res = await as(s).get(`/api/growth/courses?kind=training&institutionId=${otherTrainingInstitutionId}`);
      expect(res.status).toBe(200);
      expect(res.body.map((c: { title: string }) => c.title)).toEqual(['中山区电工培训']);
    });
  });

  describe('advisor and mentor slots', () => {
    it('should refuse slots that overlap the host’s own slots', async () => {
      const host = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      expect((await as(host).post('/api/staff/growth/slots', slotBatch('advisor', [100, 101]))).status).toBe(200);
      const overlap = await as(host).post('/api/staff/growth/slots', { ...slotBatch('advisor', []), times: [{ startsAt: inHours(100.25), durationMinutes: 30 }] });
      expect(overlap.status).toBe(409);
      expect(overlap.body.code).toBe('SLOT_OVERLAP');
      const inBatch = await as(host).post('/api/staff/growth/slots', { ...slotBatch('advisor', []), times: [{ startsAt: inHours(200), durationMinutes: 60 }, { startsAt: inHours(200.5), durationMinutes: 30 }] });
      expect(inBatch.body.code).toBe('SLOT_OVERLAP');
      const past = await as(host).post('/api/staff/growth/slots', slotBatch('advisor', [-1]));
      expect(past.status).toBe(422);
      expect(await t.db.model(SlotModel).countDocuments({ hostUserId: host.doc._id.toHexString() })).toBe(2);
    });

    it('should give a slot to exactly one of two students booking it at once', async () => {
      const created = await as(dlutStaff).post('/api/staff/growth/slots', slotBatch('advisor', [20]));
      const id = created.body[0].id;
      const [a, b] = [await student('dlut', '甲'), await student('dlut', '乙')];
      const results = await Promise.all([as(a).post(`/api/growth/slots/${id}/book`, { note: '简历' }), as(b).post(`/api/growth/slots/${id}/book`, { note: '面试' })]);
      expect(results.map(r => r.status).sort()).toEqual([200, 409]);
      expect(results.find(r => r.status === 409)?.body.code).toBe('SLOT_TAKEN');
      const winner = results[0].status === 200 ? a : b;
      const retry = await as(winner).post(`/api/growth/slots/${id}/book`, { note: '重复提交' });
      expect(retry.status).toBe(200);
      expect(retry.body.mine).toBe(true);
      const hosted = await as(dlutStaff).get('/api/staff/growth/slots?kind=advisor');
      const mine = hosted.body.find((s: { id: string }) => s.id === id);
      expect(mine.status).toBe('booked');
      expect(['甲', '乙']).toContain(mine.booking.studentName);
      expect(mine.booking.note).not.toBe('重复提交');
    });

    it('should let a student hold one upcoming slot per advisor, and book again after cancelling', async () => {
      const created = await as(dlutStaff).post('/api/staff/growth/slots', slotBatch('advisor', [30, 31]));
      const [first, second] = created.body.map((s: { id: string }) => s.id);
      const s = await student();
      expect((await as(s).post(`/api/growth/slots/${first}/book`, {})).status).toBe(200);
      const held = await as(s).post(`/api/growth/slots/${second}/book`, {});
      expect(held.status).toBe(409);
      expect(held.body.code).toBe('SLOT_ALREADY_HELD');
      const cancelled = await as(s).post(`/api/growth/slots/${first}/cancel`);
      expect(cancelled.body).toMatchObject({ status: 'open', mine: false });
      expect((await as(s).post(`/api/growth/slots/${first}/cancel`)).status).toBe(200);
      expect((await as(s).post(`/api/growth/slots/${second}/book`, {})).status).toBe(200);
      const bookings = await as(s).get('/api/growth/bookings');
      expect(bookings.body.map((b: { id: string }) => b.id)).toEqual([second]);
    });

    it('should keep a college’s advisor slots for its own students', async () => {
      const created = await as(dlutStaff).post('/api/staff/growth/slots', slotBatch('advisor', [40]));
      const outsider = await student('dlmu', '外校');
      const listed = await as(outsider).get('/api/growth/slots?kind=advisor');
      expect(listed.body.map((s: { id: string }) => s.id)).not.toContain(created.body[0].id);
      const res = await as(outsider).post(`/api/growth/slots/${created.body[0].id}/book`, {});
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SLOT_OTHER_COLLEGE');
    });

    it('should open 创业诊所 hours to every student and let only the host withdraw them', async () => {
      const created = await as(ganjingzi).post('/api/staff/growth/slots', slotBatch('mentor', [50], { hostName: '创业导师' }));
      expect(created.status).toBe(200);
      const s = await student('dlmu', '创业者');
      const listed = await as(s).get('/api/growth/slots?kind=mentor');
      expect(listed.body.map((x: { id: string }) => x.id)).toContain(created.body[0].id);
      expect((await as(s).post(`/api/growth/slots/${created.body[0].id}/book`, { note: '商业计划' })).status).toBe(200);
      expect((await as(zhongshan).post(`/api/staff/growth/slots/${created.body[0].id}/withdraw`)).status).toBe(403);
      const withdrawn = await as(ganjingzi).post(`/api/staff/growth/slots/${created.body[0].id}/withdraw`);
      expect(withdrawn.body.status).toBe('cancelled');
      expect((await as(s).get('/api/growth/bookings')).body[0].status).toBe('cancelled');
    });
  });

  describe('contests', () => {
    it('should register a team once per student, however often the request is sent', async () => {
      const contest = await as(bureau).post('/api/staff/growth/contests', {
        title: '“中国创翼”青年创意专项赛', organiser: '市人社局', summary: '示例', registrationClosesOn: '2099-12-31', url: '',
      });
      expect(contest.status).toBe(200);
      const s = await student('dlut', '队长');
      const body = { teamName: '海风队', members: ['成员一', '成员二'], projectTitle: '港口数据平台', projectSummary: '用港口物流数据做调度优化的项目' };
      const results = await Promise.all([1, 2, 3].map(() => as(s).post(`/api/growth/contests/${contest.body.id}/register`, body)));
      expect(results.map(r => r.status)).toEqual([200, 200, 200]);
      expect(new Set(results.map(r => r.body.id)).size).toBe(1);
      expect(results[0].body.leaderName).toBe('队长');
      const list = await as(s).get('/api/growth/contests');
      const mine = list.body.find((c: { id: string }) => c.id === contest.body.id);
      expect(mine.registrations).toBe(1);
      expect(mine.mine.teamName).toBe('海风队');
      expect((await as(bureau).get(`/api/staff/growth/contests/${contest.body.id}/registrations`)).body).toHaveLength(1);
      expect((await as(zhongshan).get(`/api/staff/growth/contests/${contest.body.id}/registrations`)).status).toBe(403);
    });

    it('should refuse registration after the closing day and an incomplete project', async () => {
      const closed = await as(bureau).post('/api/staff/growth/contests', { title: '往届大赛', organiser: '市科技局', summary: '', registrationClosesOn: '2020-01-01', url: '' });
      const s = await student();
      const body = { teamName: '迟到队', members: [], projectTitle: '项目', projectSummary: '一个来得太晚的创业项目简介' };
      const res = await as(s).post(`/api/growth/contests/${closed.body.id}/register`, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONTEST_CLOSED');
      const open = await as(bureau).post('/api/staff/growth/contests', { title: '新大赛', organiser: '团市委', summary: '', registrationClosesOn: '2099-01-01', url: '' });
      expect((await as(s).post(`/api/growth/contests/${open.body.id}/register`, { ...body, projectSummary: '短' })).status).toBe(422);
    });
  });

  describe('incubator places', () => {
    const application = { projectTitle: '船舶数据服务', projectSummary: '为中小船东提供船舶能耗数据分析服务', teamSize: 3, needs: '4 个工位' };

    it('should refuse an institution that is not an incubator', async () => {
      const s = await student();
      const res = await as(s).post('/api/growth/places', { ...application, institutionId: trainingInstitutionId });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PLACE_INSTITUTION_INVALID');
    });

    it('should keep one open application, let only the district in scope decide, require a reason to reject, and audit it', async () => {
      const s = await student('dlut', '创业者甲');
      const [a, b] = await Promise.all([
        as(s).post('/api/growth/places', { ...application, institutionId: incubatorId }),
        as(s).post('/api/growth/places', { ...application, institutionId: incubatorId }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.id).toBe(b.body.id);
      const id = a.body.id;
      expect((await as(zhongshan).get('/api/staff/growth/places')).body.map((p: { id: string }) => p.id)).not.toContain(id);
      expect((await as(ganjingzi).get('/api/staff/growth/places')).body.map((p: { id: string }) => p.id)).toContain(id);
      const other = await as(zhongshan).post(`/api/staff/growth/places/${id}/decision`, { decision: 'approve' });
      expect(other.body.code).toBe('OUT_OF_SCOPE');
      const noReason = await as(ganjingzi).post(`/api/staff/growth/places/${id}/decision`, { decision: 'reject', reason: ' ' });
      expect(noReason.status).toBe(422);
      expect(noReason.body.code).toBe('GROWTH_REASON_REQUIRED');
      const rejected = await as(ganjingzi).post(`/api/staff/growth/places/${id}/decision`, { decision: 'reject', reason: '工位已满，请下季度再申请' });
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: '工位已满，请下季度再申请' });
      expect((await as(ganjingzi).post(`/api/staff/growth/places/${id}/decision`, { decision: 'reject', reason: '工位已满' })).status).toBe(200);
      const flip = await as(bureau).post(`/api/staff/growth/places/${id}/decision`, { decision: 'approve' });
      expect(flip.status).toBe(409);
      expect(flip.body.code).toBe('GROWTH_ALREADY_DECIDED');
      const audit = await t.db.model(AuditModel).find({ action: 'growth.place.decide', targetId: id }).lean();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ from: 'submitted', to: 'rejected', reason: '工位已满，请下季度再申请' });
      const again = await as(s).post('/api/growth/places', { ...application, institutionId: incubatorId });
      expect(again.body.id).not.toBe(id);
      expect(again.body.status).toBe('submitted');
    });
  });

  describe('stories', () => {
    it('should check the video by content and size, then send the story to moderation', async () => {
      const s = await student('dlut', '留连者');
      const story = await as(s).post('/api/growth/stories', { title: '我在大连的第一年', text: '从实习到转正，在大连找到了自己的方向。' });
      expect(story.status).toBe(200);
      expect(story.body.status).toBe('draft');
      const upload = (data: Buffer, name: string) => t.http().post(`/api/growth/stories/${story.body.id}/video`).set('Authorization', s.auth).attach('file', data, name);
      const fake = await upload(Buffer.from('%PDF-1.4 pretending'), 'clip.mp4');
      expect(fake.status).toBe(422);
      expect(fake.body.code).toBe('FILE_TYPE_INVALID');
      const big = await upload(Buffer.concat([MP4, Buffer.alloc(30 * 1024 * 1024)]), 'big.mp4');
      expect(big.status).toBe(413);
      const other = await student();
      expect((await t.http().post(`/api/growth/stories/${story.body.id}/video`).set('Authorization', other.auth).attach('file', MP4, 'a.mp4')).status).toBe(404);
      const ok = await upload(MP4, 'clip.mp4');
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('pending');
      expect((await upload(MP4, 'clip.mp4')).body.status).toBe('pending');
      expect((await t.http().get(`/api/growth/stories/${story.body.id}/video`)).status).toBe(404);
      expect((await t.http().get(`/api/growth/stories/${story.body.id}/video`).set('Authorization', bureau.auth)).status).toBe(200);
      const listed = await t.http().get('/api/growth/stories');
      expect(listed.body.items.map((x: { id: string }) => x.id)).not.toContain(story.body.id);
    });

    it('should publish an approved story with likes once per user, and take it down with a reason (audited)', async () => {
      const s = await student('dlut', '作者');
      const story = await as(s).post('/api/growth/stories', { title: '海边的工作', text: '在大连做港口物流，每天看海，很满足。' });
      await t.http().post(`/api/growth/stories/${story.body.id}/video`).set('Authorization', s.auth).attach('file', MP4, 'clip.mp4');
      const queue = await as(bureau).get('/api/staff/growth/stories');
      expect(queue.body.map((x: { id: string }) => x.id)).toContain(story.body.id);
      const approved = await as(bureau).post(`/api/staff/growth/stories/${story.body.id}/decision`, { decision: 'approve' });
      expect(approved.body.status).toBe('approved');
      const video = await t.http().get(`/api/growth/stories/${story.body.id}/video`);
      expect(video.status).toBe(200);
      expect(video.headers['content-type']).toBe('video/mp4');

      const fan = await student();
      const likes = await Promise.all([1, 2, 3].map(() => as(fan).post(`/api/growth/stories/${story.body.id}/like`, { liked: true })));
      likes.forEach(r => expect(r.status).toBe(200));
      const after = await t.http().get('/api/growth/stories').set('Authorization', fan.auth);
      const item = after.body.items.find((x: { id: string }) => x.id === story.body.id);
      expect(item).toMatchObject({ likes: 1, likedByMe: true, authorName: '作同学' });
      expect((await as(fan).post(`/api/growth/stories/${story.body.id}/like`, { liked: false })).body).toEqual({ liked: false, likes: 0 });
      expect((await as(recruiter).post(`/api/growth/stories/${story.body.id}/like`, { liked: true })).body.likes).toBe(1);

      expect((await as(bureau).post(`/api/staff/growth/stories/${story.body.id}/decision`, { decision: 'reject' })).status).toBe(422);
      const down = await as(bureau).post(`/api/staff/growth/stories/${story.body.id}/decision`, { decision: 'reject', reason: '视频含有商业广告' });
      expect(down.body).toMatchObject({ status: 'rejected', reason: '视频含有商业广告' });
      expect((await as(bureau).post(`/api/staff/growth/stories/${story.body.id}/decision`, { decision: 'approve' })).body.code).toBe('GROWTH_ALREADY_DECIDED');
      expect((await as(fan).post(`/api/growth/stories/${story.body.id}/like`, { liked: true })).status).toBe(404);
      const audit = await t.db.model(AuditModel).find({ targetType: 'growthStory', targetId: story.body.id }).sort({ at: 1 }).lean();
      expect(audit.map(a => a.to)).toEqual(['approved', 'rejected']);
      const mine = await as(s).get('/api/growth/my-stories');
      expect(mine.body[0]).toMatchObject({ status: 'rejected', reason: '视频含有商业广告' });
    });

    it('should not moderate a draft that has no video yet', async () => {
      const s = await student();
      const story = await as(s).post('/api/growth/stories', { title: '还没上传视频', text: '先写好文字，视频稍后再传。' });
      const res = await as(bureau).post(`/api/staff/growth/stories/${story.body.id}/decision`, { decision: 'approve' });
      expect(res.status).toBe(409);
    });
  });
});
