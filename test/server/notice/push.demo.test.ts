import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { PushModel } from '../../../server/src/modules/notice/push.model';
import { ContentModel } from '../../../server/src/modules/content/content.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { createTestApp, type TestApp } from '../support/test-app';

describe('demo inbox', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should give demo students the seeded policies in their inbox, once however often the demo is seeded', async () => {
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    await seeder.seed();
    const policies = await t.db.model(ContentModel).countDocuments({ seedKey: { $exists: true }, kind: 'policy', status: 'published' });
    const pushes = await t.db.model(PushModel).countDocuments({});
    const deliveries = await t.db.model(DeliveryModel).countDocuments({});
    expect(policies).toBeGreaterThan(0);
    expect(pushes).toBe(policies);
    const student = await t.db.model(UserModel).findOne({ roles: 'student', devAccount: { $exists: true } }).lean();
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: student!._id, status: 'off', readAt: null })).toBeGreaterThan(0);

    await seeder.seed();
    expect(await t.db.model(PushModel).countDocuments({})).toBe(pushes);
    expect(await t.db.model(DeliveryModel).countDocuments({})).toBe(deliveries);
  });
});
