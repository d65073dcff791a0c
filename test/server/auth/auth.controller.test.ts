import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { SessionModel } from '../../../server/src/modules/auth/auth.model';
import { signAccessToken } from '../../../server/src/core/tokens';
import { hashRefreshSecret } from '../../../server/src/modules/auth/auth.rules';
import { Types } from 'mongoose';

describe('auth', () => {
  let now = Date.now();
  const wx = new FakeWeChatServer({ appid: 'wx_login_test', secret: 'login_secret', now: () => now });
  let t: TestApp;

  beforeAll(async () => {
    const apiBase = await wx.start();
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase } });
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  const userCount = () => t.db.model(UserModel).countDocuments();
  const login = (code: string) => t.http().post('/api/auth/wechat-login').send({ code });

  describe('POST /api/auth/wechat-login', () => {
    it('should create a student on first login and return tokens without the session_key', async () => {
      const code = wx.issueLoginCode('openid-first');
      const res = await login(code);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/),
        expiresIn: 900,
        roles: ['student'],
        isNewUser: true,
      });
      expect(res.text).not.toMatch(/session_key|sessionKey/);
      const stored = await t.db.model(UserModel).findOne({ openid: 'openid-first' }).select('+sessionKeyEnc').lean();
      expect(stored?.sessionKeyEnc).toMatch(/^v1\./);
    });

    it('should find the same user on the next login', async () => {
      const before = await userCount();
      const res = await login(wx.issueLoginCode('openid-first'));
      expect(res.status).toBe(200);
      expect(res.body.isNewUser).toBe(false);
      expect(await userCount()).toBe(before);
    });

    it('should match a returning user by unionid when WeChat gives one', async () => {
      const first = await login(wx.issueLoginCode('openid-app-a', { unionid: 'union-1' }));
      const second = await login(wx.issueLoginCode('openid-app-a', { unionid: 'union-1' }));
      expect(second.body.userId).toBe(first.body.userId);
    });

    it('should refuse a reused code with WECHAT_CODE_USED and write nothing', async () => {
      const code = wx.issueLoginCode('openid-reuse');
      expect((await login(code)).status).toBe(200);
      const before = await userCount();
      const res = await login(code);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'WECHAT_CODE_USED', field: 'code' });
      expect(await userCount()).toBe(before);
    });

    it('should refuse an expired code with WECHAT_CODE_INVALID', async () => {
      const code = wx.issueLoginCode('openid-expired');
      now += 6 * 60 * 1000;
      try {
        const res = await login(code);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('WECHAT_CODE_INVALID');
        expect(await t.db.model(UserModel).countDocuments({ openid: 'openid-expired' })).toBe(0);
      } finally {
        now = Date.now();
      }
    });

    it('should refuse a forged code with WECHAT_CODE_INVALID', async () => {
      const res = await login('forged-code-123');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('WECHAT_CODE_INVALID');
    });

    it('should answer 429 when WeChat reports the minute quota (45011)', async () => {
      wx.forceError('/sns/jscode2session', 45011);
      const res = await login(wx.issueLoginCode('openid-quota'));
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('WECHAT_RATE_LIMITED');
    });

    it('should answer 503 when WeChat is busy (-1)', async () => {
      wx.forceError('/sns/jscode2session', -1);
      const res = await login(wx.issueLoginCode('openid-busy'));
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
    });

    it('should create one user when the same person logs in twice at once', async () => {
      const codes = [wx.issueLoginCode('openid-race'), wx.issueLoginCode('openid-race')];
      const results = await Promise.all(codes.map(code => login(code)));
      expect(results.map(r => r.status)).toEqual([200, 200]);
      expect(await t.db.model(UserModel).countDocuments({ openid: 'openid-race' })).toBe(1);
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('should rotate the refresh token and keep the session', async () => {
      const { body: first } = await login(wx.issueLoginCode('openid-refresh'));
      const res = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(res.status).toBe(200);
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect(res.body.refreshToken.split('.')[0]).toBe(first.refreshToken.split('.')[0]);
      const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.status).toBe(200);
    });

    it('should hand the same new token to a retried refresh (lost response)', async () => {
      const { body: first } = await login(wx.issueLoginCode('openid-retry'));
      const a = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      const b = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(b.status).toBe(200);
      expect(b.body.refreshToken).toBe(a.body.refreshToken);
    });

    it('should revoke the session when a token older than the last rotation comes back', async () => {
      const { body: first } = await login(wx.issueLoginCode('openid-theft'));
      const second = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      const third = await t.http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
      expect(third.status).toBe(200);
      const replay = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('REFRESH_TOKEN_INVALID');
      const after = await t.http().post('/api/auth/refresh').send({ refreshToken: third.body.refreshToken });
      expect(after.status).toBe(401);
      const session = await t.db.model(SessionModel).findById(first.refreshToken.split('.')[0]).lean();
      expect(session?.revokedReason).toBe('reuse');
    });

    it('should refuse a wrong secret for another user\'s session and leave that session working', async () => {
      const { body: victim } = await login(wx.issueLoginCode('openid-victim'));
      const sessionId = (victim.refreshToken as string).split('.')[0];
      for (const secret of ['A'.repeat(43), (victim.refreshToken as string).split('.')[1].replace(/^./, c => (c === 'A' ? 'B' : 'A'))]) {
        const res = await t.http().post('/api/auth/refresh').send({ refreshToken: `${sessionId}.${secret}` });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
      }
      const session = await t.db.model(SessionModel).findById(sessionId).lean();
      expect(session?.revokedAt).toBeUndefined();
      expect(session?.rotations).toBe(0);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${victim.accessToken}`)).status).toBe(200);
      expect((await t.http().post('/api/auth/refresh').send({ refreshToken: victim.refreshToken })).status).toBe(200);
    });

    it('should carry no ObjectId in the access token: its session id is the random one', async () => {
      const { body } = await login(wx.issueLoginCode('openid-sid'));
      const claims = JSON.parse(Buffer.from((body.accessToken as string).split('.')[1], 'base64url').toString());
      expect(claims.sid).toBe((body.refreshToken as string).split('.')[0]);
      expect(claims.sid).not.toMatch(/^[0-9a-f]{24}$/);
      expect(claims.ver).toBe(0);
    });

    it('should keep refreshing a session started before random ids (ObjectId id, old token format)', async () => {
      const user = await t.user();
      const secret = 'L'.repeat(43);
      const legacy = await t.db.model(SessionModel).create({
        _id: new Types.ObjectId(),
        userId: user.doc._id,
        refreshHash: hashRefreshSecret(secret),
        expiresAt: new Date(Date.now() + 3600_000),
      });
      const legacyToken = `${(legacy._id as Types.ObjectId).toHexString()}.${secret}`;
      const first = await t.http().post('/api/auth/refresh').send({ refreshToken: legacyToken });
      expect(first.status).toBe(200);
      const second = await t.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken });
      expect(second.status).toBe(200);
      const out = await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${second.body.accessToken}`);
      expect(out.status).toBe(204);
      expect((await t.db.model(SessionModel).findById(legacy._id).lean())?.revokedReason).toBe('logout');
    });

    it('should end the session and the user\'s access tokens when a rotated-out secret is replayed', async () => {
      const { body: first } = await login(wx.issueLoginCode('openid-replay-tokens'));
      const second = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      await t.http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
      const replay = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      const me = await t.http().get('/api/me').set('Authorization', `Bearer ${second.body.accessToken}`);
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('TOKEN_REVOKED');
    });

    it('should refuse a forged refresh token', async () => {
      const res = await t.http()
        .post('/api/auth/refresh')
        .send({ refreshToken: `0123456789abcdef01234567.${'A'.repeat(43)}` });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('POST /api/auth/logout', () => {
    it('should answer 401 without a token', async () => {
      expect((await t.http().post('/api/auth/logout')).status).toBe(401);
    });

    it('should make the old access token fail at once (401 TOKEN_REVOKED), while another device refreshes and goes on', async () => {
      const { body: phone } = await login(wx.issueLoginCode('openid-two-devices'));
      const { body: tablet } = await login(wx.issueLoginCode('openid-two-devices'));
      const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
      expect((await t.http().get('/api/me').set(bearer(phone.accessToken))).status).toBe(200);
      expect((await t.http().post('/api/auth/logout').set(bearer(phone.accessToken))).status).toBe(204);
      const after = await t.http().get('/api/me').set(bearer(phone.accessToken));
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('TOKEN_REVOKED');
      expect((await t.http().get('/api/me').set(bearer(tablet.accessToken))).body.code).toBe('TOKEN_REVOKED');
      const renewed = await t.http().post('/api/auth/refresh').send({ refreshToken: tablet.refreshToken });
      expect(renewed.status).toBe(200);
      expect((await t.http().get('/api/me').set(bearer(renewed.body.accessToken))).status).toBe(200);
      expect((await t.http().post('/api/auth/refresh').send({ refreshToken: phone.refreshToken })).status).toBe(401);
    });

    it('should revoke the session so its refresh token stops working', async () => {
      const { body } = await login(wx.issueLoginCode('openid-logout'));
      const out = await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${body.accessToken}`);
      expect(out.status).toBe(204);
      const res = await t.http().post('/api/auth/refresh').send({ refreshToken: body.refreshToken });
      expect(res.status).toBe(401);
    });
  });

  describe('access tokens', () => {
    it('should answer 401 TOKEN_INVALID to a tampered token', async () => {
      const { body } = await login(wx.issueLoginCode('openid-tamper'));
      const [h, p, s] = (body.accessToken as string).split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      claims.roles = ['admin'];
      const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
      const res = await t.http().get('/api/admin/users').set('Authorization', `Bearer ${forged}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_INVALID');
    });

    it('should answer 401 TOKEN_EXPIRED to an expired token', async () => {
      const expired = signAccessToken(
        { sub: '0123456789abcdef01234567', sid: '0123456789abcdef01234567', roles: ['student'], scope: {} },
        t.settings.auth.tokenSecret,
        60,
        Math.floor(Date.now() / 1000) - 3600,
      );
      const res = await t.http().get('/api/me').set('Authorization', `Bearer ${expired}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_EXPIRED');
    });
  });

  describe('demo-account login', () => {
    it('should list demo accounts and log in as one', async () => {
      const demo = await t.db.model(UserModel).create({
        devAccount: 'test-demo',
        devDescription: '测试体验账号',
        nickname: '体验学生',
        roles: ['student'],
      });
      const list = await t.http().get('/api/auth/dev-users');
      expect(list.status).toBe(200);
      expect(list.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: demo._id.toHexString(), description: '测试体验账号' })]),
      );
      const res = await t.http().post('/api/auth/dev-login').send({ userId: demo._id.toHexString() });
      expect(res.status).toBe(200);
      expect(res.body.roles).toEqual(['student']);
    });

    it('should refuse a user who is not a demo account', async () => {
      const real = await t.db.model(UserModel).create({ openid: 'real-user', nickname: '真实用户', roles: ['admin'] });
      const res = await t.http().post('/api/auth/dev-login').send({ userId: real._id.toHexString() });
      expect(res.status).toBe(404);
    });

    it('should let a burst of 60 demo logins of one account through only up to its limit (default settings; it spends this address\'s demo logins, so it runs last)', async () => {
      const demo = await t.db.model(UserModel).create({ devAccount: 'burst-demo', nickname: '连点体验', roles: ['student'] });
      const answers = await Promise.all(
        Array.from({ length: 60 }, () => t.http().post('/api/auth/dev-login').send({ userId: demo._id.toHexString() })),
      );
      expect(answers.filter(r => r.status === 200)).toHaveLength(t.settings.rateLimits.demoLogin.user.points);
      const refused = answers.filter(r => r.status !== 200);
      expect(refused.every(r => r.status === 429 && r.body.code === 'RATE_LIMITED' && Number(r.headers['retry-after']) >= 1)).toBe(true);
    });
  });
});
