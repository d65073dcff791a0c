import { UserModel } from '../../../server/src/modules/user/user.model';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

describe('typing the phone number when WeChat cannot verify it', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_phone_fallback', secret: 'phone_secret' });
  let t: TestApp;

  beforeAll(async () => {
    const apiBase = await wx.start();
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase } });
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  const typed = (auth: string, phone: string) => t.http().post('/api/me/phone/typed').set('Authorization', auth).send({ phone });

  it('should keep a typed number marked unverified, stored sealed, and let it be typed again', async () => {
    const u = await t.user({ openid: 'openid-typed-1' });
    const res = await typed(u.auth, '13812345678');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ phone: '138****5678', phoneVerified: false }));
    const doc = await t.db.model(UserModel).findById(u.doc._id).lean();
    expect(doc?.phoneVerified).toBe(false);
    expect(JSON.stringify(doc)).not.toContain('13812345678');
    expect((await typed(u.auth, '13912345678')).body.phone).toBe('139****5678');
    expect((await t.http().get('/api/me').set('Authorization', u.auth)).body).toEqual(expect.objectContaining({ phone: '139****5678', phoneVerified: false }));
  });

  it('should mark a WeChat-verified number verified and never replace it by a typed one', async () => {
    const u = await t.user({ openid: 'openid-typed-2' });
    await typed(u.auth, '13812345678');
    const bound = await t.http().post('/api/me/phone').set('Authorization', u.auth).send({ code: wx.issuePhoneCode('13700001111', { openid: 'openid-typed-2' }) });
    expect(bound.body).toEqual(expect.objectContaining({ phone: '137****1111', phoneVerified: true }));
    const again = await typed(u.auth, '13812345678');
    expect([again.status, again.body.code]).toEqual([409, 'PHONE_ALREADY_VERIFIED']);
    // The same number typed again (a retried request) answers as it is.
    expect((await typed(u.auth, '13700001111')).body).toEqual(expect.objectContaining({ phone: '137****1111', phoneVerified: true }));
  });

  it('should refuse a number that is not a mainland mobile, changing nothing', async () => {
    const u = await t.user({ openid: 'openid-typed-3' });
    const res = await typed(u.auth, '12345');
    expect([res.status, res.body.code, res.body.field]).toEqual([422, 'PHONE_INVALID', 'phone']);
    expect((await t.db.model(UserModel).findById(u.doc._id).lean())?.phoneEnc).toBeUndefined();
    expect((await t.http().post('/api/me/phone/typed').send({ phone: '13812345678' })).status).toBe(401);
  });
});
