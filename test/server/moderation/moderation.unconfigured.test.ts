import { randomBytes } from 'crypto';
import { MediaCheckModel } from '../../../server/src/modules/moderation/moderation.model';
import { enterprise, png, publishedJob } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('media checks without WeChat configured', () => {
  let t: TestApp;

  afterAll(async () => t.close());

  it('should hold media for the staff queue with the reason when MEDIA_UNCHECKED=hold, and show them marked when show', async () => {
    t = await createTestApp({ wechat: { appid: '', secret: '' }, moderation: { unchecked: 'hold' } });
    const student = await t.user({ roles: ['student'] });
    const district = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    const ent = await enterprise(t, { district: '210211', recruiters: 0 });
    const jobId = (await publishedJob(t, ent)).toHexString();
    const c = await t.http().post('/api/complaints').set('Authorization', student.auth).send({
      idempotencyKey: randomBytes(12).toString('hex'), category: 'fake-job', jobId, description: '要求先交培训费才能上岗，交了之后一直没有安排工作。', phone: '13912345678',
    });
    const up = await t.http().post(`/api/complaints/${c.body.id}/evidence`).set('Authorization', student.auth).attach('file', png(21), 'e.png');
    expect([c.status, up.status, up.body.code]).toEqual([200, 200, undefined]);
    const url = `/api/complaint-evidence/${c.body.id}/${up.body.evidence[0].id}`;
    expect(await t.db.model(MediaCheckModel).findOne({ subjectId: c.body.id }).lean()).toEqual(expect.objectContaining({ status: 'unchecked', reason: '未配置微信' }));
    expect((await t.http().get(url).set('Authorization', district.auth)).body.code).toBe('MEDIA_NOT_CLEARED');
    t.settings.moderation.unchecked = 'show';
    expect((await t.http().get(url).set('Authorization', district.auth)).status).toBe(200);
  });
});
