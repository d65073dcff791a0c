import { WeChatTokenModel } from '../../../server/src/modules/wechat/wechat-token.model';
import { WeChatTokenService } from '../../../server/src/modules/wechat/wechat-token.service';
import { WeChatService } from '../../../server/src/modules/wechat/wechat.service';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Other server processes are represented by what they leave in the shared
 * token document: a lease they hold, a token they wrote.
 */
describe('WeChat access-token manager', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_token_test', secret: 'token_secret' });
  let t: TestApp;
  let tokens: WeChatTokenService;
  const fetches = () => wx.counters().stableToken;

  beforeAll(async () => {
    const apiBase = await wx.start();
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase } });
    tokens = await t.app.getApplicationContext().getAsync(WeChatTokenService);
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  const doc = () => t.db.model(WeChatTokenModel).findById(wx.appid).lean();
  const setDoc = (fields: Record<string, unknown>) =>
    t.db.model(WeChatTokenModel).updateOne({ _id: wx.appid }, { $set: fields }, { upsert: true }).exec();
  // Each test runs at its own "now", ten hours after the previous one, so what an
  // earlier test left in the in-process cache has lapsed.
  let step = 0;
  let now = Date.now();
  beforeEach(() => {
    step += 1;
    now = Date.now() + step * 10 * 3600_000;
  });

  it('should fetch one token for many concurrent callers and store it for other processes', async () => {
    const before = fetches();
    const all = await Promise.all([...Array(20)].map(() => tokens.getToken()));
    expect(new Set(all).size).toBe(1);
    expect(fetches() - before).toBe(1);
    expect(await doc()).toMatchObject({ token: all[0], lockOwner: null, lockUntil: null });
  });

  it('should serve the token another process stored without calling WeChat', async () => {
    await setDoc({ token: 'token-from-process-b', expiresAt: new Date(now + 3600_000) });
    const before = fetches();
    expect(await tokens.getToken(now)).toBe('token-from-process-b');
    expect(fetches()).toBe(before);
  });

  it('should refresh a stored token that is inside the five-minute margin', async () => {
    await setDoc({ token: 'about-to-lapse', expiresAt: new Date(now + 240_000), lockOwner: null, lockUntil: null });
    const before = fetches();
    const token = await tokens.getToken(now);
    expect(token).not.toBe('about-to-lapse');
    expect(fetches() - before).toBe(1);
  });

  it('should wait for the process holding the lease instead of refreshing too', async () => {
    await setDoc({ token: null, expiresAt: null, lockOwner: 'process-b', lockUntil: new Date(now + 10_000) });
    const before = fetches();
    setTimeout(() => {
      void setDoc({ token: 'written-by-b', expiresAt: new Date(now + 7200_000), lockOwner: null, lockUntil: null });
    }, 300);
    expect(await tokens.getToken(now)).toBe('written-by-b');
    expect(fetches()).toBe(before);
  });

  it('should take over a lease whose holder died', async () => {
    await setDoc({ token: null, expiresAt: null, lockOwner: 'dead-process', lockUntil: new Date(now - 1000) });
    const before = fetches();
    const token = await tokens.getToken(now);
    expect(token).toEqual(expect.any(String));
    expect(fetches() - before).toBe(1);
    expect(await doc()).toMatchObject({ token, lockOwner: null });
  });

  it('should re-fetch once and retry when WeChat answers 42001', async () => {
    const api = await t.app.getApplicationContext().getAsync(WeChatService);
    const stale = await tokens.getToken();
    wx.expireAccessTokens();
    const before = fetches();
    const info = await api.getPhoneNumber(wx.issuePhoneCode('13700001111'));
    expect(info.purePhoneNumber).toBe('13700001111');
    expect(fetches() - before).toBe(1);
    expect((await doc())?.token).not.toBe(stale);
  });

  it('should re-fetch when another process force-refreshed and the cached token answers 40001', async () => {
    const api = await t.app.getApplicationContext().getAsync(WeChatService);
    await tokens.getToken();
    await fetch(new URL('/cgi-bin/stable_token', t.settings.wechat.apiBase), {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: wx.appid, secret: wx.secret, force_refresh: true }),
    });
    const info = await api.getPhoneNumber(wx.issuePhoneCode('13700002222'));
    expect(info.purePhoneNumber).toBe('13700002222');
  });
});
