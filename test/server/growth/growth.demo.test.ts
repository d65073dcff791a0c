import { DemoSeeder, type SeedSummary } from '../../../server/src/modules/demo/demo.service';
import { ContestModel, CourseModel, SlotModel, StoryModel } from '../../../server/src/modules/growth/growth.model';
import { COURSE_SEEDS, SLOT_SEEDS } from '../../../server/src/modules/growth/growth.seed';
import { SubsidyProgramModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { createTestApp, type TestApp } from '../support/test-app';

describe('growth demo data', () => {
  let t: TestApp;
  let first: SeedSummary;

  beforeAll(async () => {
    t = await createTestApp();
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    first = await seeder.seed();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should seed the plan’s courses, contests, office hours, incubators and stories once', async () => {
    expect(first.inserted).toMatchObject({ courses: COURSE_SEEDS.length, contests: 3, slots: SLOT_SEEDS.length, incubators: 2, stories: 2 });
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    const again = await seeder.seed();
    for (const kind of ['courses', 'contests', 'slots', 'incubators', 'stories']) expect(again.inserted[kind]).toBeUndefined();
    expect(await t.db.model(CourseModel).countDocuments({})).toBe(COURSE_SEEDS.length);
  });

  it('should link the training courses to the institutions the plan names and to the training subsidy', async () => {
    const program = await t.db.model(SubsidyProgramModel).findOne({ seedKey: 'training-2026' }).lean();
    expect(program?.exampleAmounts).toBe(true);
    const training = await t.db.model(CourseModel).find({ kind: 'training' }).lean();
    expect(training.map(c => c.institutionName).sort()).toEqual(['大连东软信息学院', '大连中软卓越计算机培训中心', '大连市甘井子区人力资源产业园计算机培训中心'].sort());
    for (const course of training) {
      expect(course.subsidyProgramId?.toHexString()).toBe(program?._id.toHexString());
      expect(course.title).toContain('示例');
    }
  });

  it('should label what the plan does not give as examples', async () => {
    for (const contest of await t.db.model(ContestModel).find({}).lean()) expect(contest.summary).toContain('示例');
    for (const slot of await t.db.model(SlotModel).find({}).lean()) expect(slot.hostName).toContain('示例');
    for (const story of await t.db.model(StoryModel).find({}).lean()) expect(story.title).toContain('示例');
  });

  it('should show the demo college’s advisor hours to its students and the incubators to everyone', async () => {
    const student = await t.user({ profile: { name: '王同学', collegeId: 'dlut' } });
    const advisor = await t.http().get('/api/growth/slots?kind=advisor').set('Authorization', student.auth);
    expect(advisor.body.length).toBeGreaterThan(0);
    const mentor = await t.http().get('/api/growth/slots?kind=mentor').set('Authorization', student.auth);
    expect(mentor.body.length).toBeGreaterThan(0);
    const incubators = await t.http().get('/api/growth/incubators').set('Authorization', student.auth);
    expect(incubators.body.map((i: { title: string }) => i.title)).toEqual(expect.arrayContaining(['高新区大学生创业孵化基地（示例）']));
    const stories = await t.http().get('/api/growth/stories');
    expect(stories.body.items).toHaveLength(2);
  });
});
