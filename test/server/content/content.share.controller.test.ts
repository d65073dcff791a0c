import { ShareCodeModel } from '../../../server/src/modules/content/content.model';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

describe('content share code', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_content_share', secret: 'share_secret' });
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    const apiBase = await wx.start();
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase } });
    const bureau = await t.user({ roles: ['bureau'] });
    const c = await t.http().post('/api/staff/contents').set('Authorization', bureau.auth)
      .send({ kind: 'policy', title: '就业见习补贴', summary: '见习补贴。' });
    const r = await t.http().post(`/api/staff/contents/${c.body.id}/transition`).set('Authorization', bureau.auth).send({ action: 'submit', version: 1 });
    await t.http().post(`/api/staff/contents/${c.body.id}/transition`).set('Authorization', bureau.auth).send({ action: 'publish', version: r.body.version });
    id = c.body.id;
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  it('should answer 404 for unknown entries and 422 for bad ids', async () => {
    expect((await t.http().get('/api/contents/0123456789abcdef01234567/share-code')).status).toBe(404);
    expect((await t.http().get('/api/contents/nope/share-code')).status).toBe(422);
  });

  it('should return a PNG with a short scene that resolves back to the entry', async () => {
    const res = await t.http().get(`/api/contents/${id}/share-code`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const again = await t.http().get(`/api/contents/${id}/share-code`);
    expect(again.status).toBe(200);
    const codes = await t.db.model(ShareCodeModel).find({}).lean();
    expect(codes).toHaveLength(1);
    const scene = `p=${codes[0].code}`;
    expect(scene.length).toBeLessThan(32);
    const call = wx.calls.filter(c => c.path === '/wxa/getwxacodeunlimit').pop();
    expect(call?.body).toMatchObject({ scene, page: 'packages/policy/pages/detail/index' });
    const resolved = await t.http().get(`/api/contents/scene/${encodeURIComponent(scene)}`);
    expect(resolved.body).toEqual({ id });
    expect((await t.http().get('/api/contents/scene/p%3Dunknown1')).status).toBe(404);
    expect((await t.http().get(`/api/contents/scene/${'x'.repeat(33)}`)).status).toBe(422);
  });
});
