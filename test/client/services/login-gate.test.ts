import { fake, json } from '../support/taro-stub';
import { loginResult } from '../support/factories';
import { requireLogin, resume } from '@/services/login-gate';
import * as session from '@/services/session';

const originalTaroEnv = process.env.TARO_ENV;

beforeEach(() => {
  session.clear();
  fake.reset();
  process.env.TARO_ENV = 'weapp';
});

afterAll(() => {
  process.env.TARO_ENV = originalTaroEnv;
});

describe('asking a guest to log in only when they act', () => {
  it('should let a signed-in user act without asking', async () => {
    fake.enqueue(() => json(200, loginResult()));
    await session.login();
    expect(await requireLogin('apply', 'job-1')).toBe(true);
    expect(fake.modals).toEqual([]);
  });

  it('should show a sheet with 取消 and 去登录, and do nothing at all on 取消', async () => {
    expect(await requireLogin('apply', 'job-1')).toBe(false);
    expect(fake.modals).toEqual([expect.objectContaining({ confirmText: '去登录', cancelText: '取消', content: expect.stringContaining('投递简历需要先登录') })]);
    expect(fake.requests).toEqual([]);
    expect(fake.navigations).toEqual([]);
    expect(session.current()).toBeNull();
    expect(resume('apply', 'job-1')).toBe(false);
  });

  it('should log in silently in weapp on 去登录 and let the action go on at once', async () => {
    fake.modalAnswers = [true];
    fake.enqueue(() => json(200, loginResult({ userId: 'u-7' })));
    expect(await requireLogin('register', 'fair-1')).toBe(true);
    expect(session.current()?.userId).toBe('u-7');
    // Nothing is left pending: the action ran in place.
    expect(resume('register', 'fair-1')).toBe(false);
  });

  it('should open the login page in h5 and resume only the same action on the same target, once', async () => {
    process.env.TARO_ENV = 'h5';
    fake.modalAnswers = [true];
    expect(await requireLogin('apply', 'job-2')).toBe(false);
    expect(fake.navigations.map(n => n.url)).toEqual([expect.stringContaining('packages/account/pages/login/index')]);
    // Not signed in yet: nothing to resume.
    expect(resume('apply', 'job-2')).toBe(false);
    fake.enqueue(() => json(200, loginResult({ userId: 'u-1' })));
    await session.devLogin('u-1');
    expect(resume('apply', 'job-3')).toBe(false);
    expect(resume('book', 'job-2')).toBe(false);
    expect(resume('apply', 'job-2')).toBe(true);
    expect(resume('apply', 'job-2')).toBe(false);
  });

  it('should ask before recommending policies or opening the inbox, naming what the guest wanted', async () => {
    expect(await requireLogin('recommend', 'policy-for-me')).toBe(false);
    expect(await requireLogin('inbox', 'inbox')).toBe(false);
    expect(fake.modals.map(m => m.content)).toEqual([expect.stringContaining('查看为你推荐的政策需要先登录'), expect.stringContaining('查看消息需要先登录')]);
    // Cancelled: no login, no page opened.
    expect(fake.navigations).toEqual([]);
    expect(session.current()).toBeNull();
  });
});
