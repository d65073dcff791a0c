import { createTestApp, type TestApp } from '../support/test-app';

describe('auth when WeChat and demo login are not configured', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ wechat: { appid: '', secret: '' }, devLogin: false });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 503 WECHAT_NOT_CONFIGURED to a WeChat login', async () => {
    const res = await t.http().post('/api/auth/wechat-login').send({ code: 'abc' });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('WECHAT_NOT_CONFIGURED');
  });

  it('should refuse demo-account login with 403 DEV_LOGIN_DISABLED', async () => {
    expect((await t.http().get('/api/auth/dev-users')).body.code).toBe('DEV_LOGIN_DISABLED');
    const res = await t.http().post('/api/auth/dev-login').send({ userId: '0123456789abcdef01234567' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('DEV_LOGIN_DISABLED');
  });
});
