import { parseRateLimit, rateLimitEnvName, rateLimitSettings, RATE_LIMIT_DEFAULTS } from '../../../server/src/core/rate-limit';
import { EnterpriseModel } from '../../../server/src/modules/enterprise/enterprise.model';
import { JobModel } from '../../../server/src/modules/job/job.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { createTestApp, type TestApp } from '../support/test-app';

describe('rate limit settings', () => {
  it('should read "points/seconds" and refuse anything else', () => {
    expect(parseRateLimit('30/60', 'X')).toEqual({ points: 30, seconds: 60 });
    expect(parseRateLimit(' 5 / 10s ', 'X')).toEqual({ points: 5, seconds: 10 });
    for (const bad of ['', '30', '0/60', '30/0', 'x/y', '-1/60', '1.5/60']) expect(() => parseRateLimit(bad, 'X')).toThrow(/X must look like/);
  });

  it('should name one environment variable per action and key kind', () => {
    expect(rateLimitEnvName('demoLogin', 'ip')).toBe('RATE_LIMIT_DEMO_LOGIN_IP');
    expect(rateLimitEnvName('like', 'user')).toBe('RATE_LIMIT_LIKE_USER');
  });

  it('should take the environment over the defaults', () => {
    const settings = rateLimitSettings({ RATE_LIMIT_LOGIN_IP: '7/30' });
    expect(settings.login.ip).toEqual({ points: 7, seconds: 30 });
    expect(settings.login.user).toEqual(parseRateLimit(RATE_LIMIT_DEFAULTS.login.user, 'default'));
    expect(() => rateLimitSettings({ RATE_LIMIT_CHAT_USER: 'lots' })).toThrow(/RATE_LIMIT_CHAT_USER/);
  });
});

describe('rate limits over HTTP (in-process counters)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      rateLimits: {
        login: { ip: { points: 3, seconds: 60 } },
        demoLogin: { ip: { points: 6, seconds: 60 }, user: { points: 2, seconds: 60 } },
        refresh: { ip: { points: 100, seconds: 60 }, user: { points: 3, seconds: 60 } },
        upload: { ip: { points: 100, seconds: 60 }, user: { points: 2, seconds: 60 } },
        report: { ip: { points: 100, seconds: 3600 }, user: { points: 2, seconds: 3600 } },
        complaint: { ip: { points: 100, seconds: 3600 }, user: { points: 2, seconds: 3600 } },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const expectLimited = (res: { status: number; body: { code?: string }; headers: Record<string, string> }, windowSeconds: number) => {
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  };

  it('should answer sign-ins from one address beyond the limit with 429 and Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.http().post('/api/auth/wechat-login').send({ code: 'abc' })));
    expect(answers.filter(r => r.status === 503)).toHaveLength(3); // WeChat is not configured here: counted all the same
    for (const res of answers.filter(r => r.status !== 503)) expectLimited(res, 60);
  });

  it('should limit demo logins per account, leaving other accounts their own', async () => {
    const [one, two] = await t.db.model(UserModel).create([
      { devAccount: 'rl-one', nickname: '一', roles: ['student'] },
      { devAccount: 'rl-two', nickname: '二', roles: ['student'] },
    ]);
    const login = (id: string) => t.http().post('/api/auth/dev-login').send({ userId: id });
    expect((await login(one._id.toHexString())).status).toBe(200);
    expect((await login(one._id.toHexString())).status).toBe(200);
    expectLimited(await login(one._id.toHexString()), 60);
    expect((await login(two._id.toHexString())).status).toBe(200);
  });

  it('should slow bad refreshes of one session without touching others', async () => {
    const refresh = (token: string) => t.http().post('/api/auth/refresh').send({ refreshToken: token });
    const guessed = `AAAAAAAAAAAAAAAAAAAAAA.${'x'.repeat(43)}`;
    for (let i = 0; i < 3; i += 1) expect((await refresh(guessed)).status).toBe(401);
    expectLimited(await refresh(guessed), 60);
    expect((await refresh(`BBBBBBBBBBBBBBBBBBBBBB.${'x'.repeat(43)}`)).status).toBe(401);
  });

  it('should count uploads per user before reading the file', async () => {
    const [first, second] = [
      await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } }),
      await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } }),
    ];
    const upload = (auth: string) =>
      t.http().post('/api/staff/registry/import').set('Authorization', auth).attach('file', Buffer.from('not a workbook'), 'a.xlsx');
    expect((await upload(first.auth)).status).toBe(422);
    expect((await upload(first.auth)).status).toBe(422);
    expectLimited(await upload(first.auth), 60);
    expect((await upload(second.auth)).status).toBe(422);
  });

  it('should limit a student\'s job reports per hour, refusals included', async () => {
    const ent = await t.db.model(EnterpriseModel).create({ name: '限流测试有限公司', uscc: '91210200MA0RATE001', district: 'hitech', status: 'verified', recruiterIds: [] });
    const job = await t.db.model(JobModel).create({
      kind: 'fulltime', title: '被反复举报的岗位', enterpriseId: ent._id, enterpriseName: ent.name, salaryMin: 6000, salaryMax: 8000,
      education: 'bachelor', district: 'hitech', deadline: new Date(Date.now() + 30 * 86_400_000), status: 'published', publishedAt: new Date(),
    });
    const [reporter, other] = [await t.user(), await t.user()];
    const report = (auth: string) => t.http().post(`/api/jobs/${job._id.toHexString()}/reports`).set('Authorization', auth).send({ reason: '收取押金' });
    expect((await report(reporter.auth)).status).toBe(200);
    expect((await report(reporter.auth)).status).toBe(409);
    expectLimited(await report(reporter.auth), 3600);
    expect((await report(other.auth)).status).toBe(200);
  });

  it('should limit a user\'s complaint submissions per hour, a resend with the same key included', async () => {
    const [complainant, other] = [await t.user(), await t.user()];
    const body = (key: string) => ({ idempotencyKey: key, category: 'other', partyName: '某培训机构', district: '210211', description: '以招聘名义收取培训费，未签合同也不退费。', phone: '13912345678' });
    const submit = (auth: string, key: string) => t.http().post('/api/complaints').set('Authorization', auth).send(body(key));
    expect((await submit(complainant.auth, 'rate-limit-complaint-0001')).status).toBe(200);
    expect((await submit(complainant.auth, 'rate-limit-complaint-0001')).status).toBe(200);
    expectLimited(await submit(complainant.auth, 'rate-limit-complaint-0002'), 3600);
    expect((await submit(other.auth, 'rate-limit-complaint-0003')).status).toBe(200);
  });
});
