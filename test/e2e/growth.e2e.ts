import type { AttendeeView, CourseView, SignupView, SlotView } from '../../server/src/contract/growth';
import type { InboxPage } from '../../server/src/contract/notice';
import { join } from 'path';
import { ARTIFACTS, eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

describe('a student uses growth services in the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should book a career advisor slot and sign up for a career course, and the advisor should see the booking', async () => {
    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    const slots = await eventually(
      () => env.api<SlotView[]>('GET', '/api/growth/slots?kind=advisor', undefined, login.accessToken),
      list => list.length > 0,
      60_000,
    );
    const slot = slots[0];

    await student.goto(`${env.baseUrl}/#/packages/growth/pages/index/index`);
    // signIn writes the session into storage of an app already running: reload so the app reads it.
    await student.reload();
    await student.click('#growth-tile-advisors');
    await student.locator(`#slot-${slot.id}`).waitFor();
    await student.fill('#slot-note input', '想请老师看看简历');
    await student.click(`#slot-book-${slot.id}`);
    await student.locator(`#slot-${slot.id}`).getByText('已预约').waitFor();
    await env.screenshot(student, 'growth-advisor-booked');
    const booked = await env.api<SlotView[]>('GET', '/api/growth/bookings', undefined, login.accessToken);
    expect(booked.map(b => b.id)).toEqual([slot.id]);

    const courses = await env.api<CourseView[]>('GET', '/api/growth/courses?kind=career', undefined, login.accessToken);
    const course = courses.find(c => c.title.startsWith('职业规划公开课'));
    if (!course) throw new Error('demo career course missing');
    await student.goto(`${env.baseUrl}/#/packages/growth/pages/courses/index?kind=career`);
    await student.click(`#course-signup-${course.id}`);
    await student.locator(`#course-${course.id}`).getByText('已报名', { exact: true }).waitFor();
    await student.locator(`#course-${course.id}`).getByText('进入直播').waitFor();
    await env.screenshot(student, 'growth-course-signed-up');

    await student.goto(`${env.baseUrl}/#/packages/growth/pages/mine/index`);
    await student.getByText(course.title).waitFor();
    const signups = await env.api<SignupView[]>('GET', '/api/growth/signups', undefined, login.accessToken);
    expect(signups).toEqual([expect.objectContaining({ courseId: course.id, status: 'signed-up' })]);

    const advisor = await env.page({ width: 1280, height: 800 });
    await env.signIn(advisor, 'd-college');
    await advisor.goto(`${env.baseUrl}/#/packages/growth/pages/staff-manage/index`);
    await advisor.reload();
    await advisor.locator(`#hosted-${slot.id}`).getByText('想请老师看看简历', { exact: false }).waitFor();
    await env.screenshot(advisor, 'growth-advisor-bookings');
  });

  it('should let the bureau publish a course from the desktop staff page, a student sign up for it, and the bureau see the sign-up', async () => {
    const title = `就业政策解读直播课 ${Date.now().toString(36)}`;
    const staff = await env.page({ width: 1280, height: 800 });
    const bureau = await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/growth/pages/staff-manage/index`);
    await staff.reload();
    await staff.click('#growth-staff-tab-courses');
    await staff.locator('#course-form').waitFor();

    // Nothing typed yet: the form explains in Chinese what is missing and sends nothing.
    await staff.click('#course-create');
    await staff.getByText('请填写课程名称（2–40 个字）').waitFor();
    await staff.getByText('请填写直播链接（以 http:// 或 https:// 开头）').waitFor();
    // The page scrolls inside Taro's container: the form is captured on its own.
    await staff.locator('#course-form').screenshot({ path: join(ARTIFACTS, 'growth-staff-course-validation.png') });

    await staff.fill('#course-title input', title);
    await staff.fill('#course-url input', 'https://live.example.com/policy');
    await staff.fill('#course-speaker input', '市人社局就业处');
    await staff.fill('#course-capacity input', '30');
    await staff.fill('#course-summary textarea', '解读大连市高校毕业生留连来连就业创业政策');
    await staff.click('#course-create');
    const created = await eventually(
      () => env.api<CourseView[]>('GET', '/api/staff/growth/courses?kind=career', undefined, bureau.accessToken),
      list => list.some(c => c.title === title),
    );
    const course = created.find(c => c.title === title);
    if (!course) throw new Error('course not created');
    expect(course).toMatchObject({ format: 'live', capacity: 30, signedUp: 0, status: 'open', version: 0 });
    await staff.locator(`#staff-course-${course.id}`).getByText(title).waitFor();
    await env.screenshot(staff, 'growth-staff-course-created');

    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    await student.goto(`${env.baseUrl}/#/packages/growth/pages/courses/index?kind=career`);
    await student.reload();
    await student.locator(`#course-${course.id}`).getByText(title).waitFor();
    await student.click(`#course-signup-${course.id}`);
    await student.locator(`#course-${course.id}`).getByText('已报名', { exact: true }).waitFor();
    await env.screenshot(student, 'growth-student-signed-up-staff-course');
    const inbox = await env.api<InboxPage>('GET', '/api/inbox', undefined, login.accessToken);
    expect(inbox.items.filter(i => i.source === 'growth').map(i => i.title)).toContain(`课程报名成功：${title}`);

    await staff.click(`#staff-course-attendees-${course.id}`);
    await staff.locator('#course-attendees').getByText('已报名').waitFor();
    const attendees = await env.api<AttendeeView[]>('GET', `/api/staff/growth/courses/${course.id}/attendees`, undefined, bureau.accessToken);
    expect(attendees).toEqual([expect.objectContaining({ status: 'signed-up' })]);
    await env.screenshot(staff, 'growth-staff-course-attendees');
  });
});
