import type { CourseView, SignupView, SlotView } from '../../server/src/contract/growth';
import { eventually, startE2E, type E2EEnv } from './support/harness';

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
    await advisor.goto(`${env.baseUrl}/#/packages/growth/pages/staff/index`);
    await advisor.reload();
    await advisor.locator(`#hosted-${slot.id}`).getByText('想请老师看看简历', { exact: false }).waitFor();
    await env.screenshot(advisor, 'growth-advisor-bookings');
  });
});
