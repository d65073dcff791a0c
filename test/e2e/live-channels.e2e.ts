import type { Page as ApiPage } from '../../server/src/contract/common';
import type { RecruiterJob } from '../../server/src/contract/job';
import type { LiveSessionDetail } from '../../server/src/contract/live';
import { seriousViolations } from './support/axe';
import { eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(180_000);

describe('a deployment whose live sessions run on 视频号 (LIVE_MODE=channels), in the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E({ env: { LIVE_MODE: 'channels' } });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should ask the recruiter for the 视频号 id, let the host say it is live, and keep chat in the room while viewers are sent to 视频号', async () => {
    const scheduler = await env.page();
    await env.signIn(scheduler, 'c-recruiter');
    await scheduler.goto(`${env.baseUrl}/#/packages/live/pages/schedule/index`);
    await scheduler.locator('#live-finder').waitFor();
    await env.screenshot(scheduler, 'live-channels-schedule');
    expect(await seriousViolations(scheduler)).toEqual([]);
    await scheduler.close();

    const recruiter = await env.devLogin('c-recruiter');
    const jobs = await env.api<ApiPage<RecruiterJob>>('GET', '/api/recruiter/jobs?limit=50', undefined, recruiter.accessToken);
    const featured = jobs.items.filter(j => j.status === 'published').slice(0, 1);
    const session = await env.api<LiveSessionDetail>(
      'POST',
      '/api/live/sessions',
      { title: '星海软件视频号直播带岗', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: featured.map(j => j.id), channels: { finderUserName: 'sphXingHaiSoft01' } },
      recruiter.accessToken,
    );
    expect(session).toMatchObject({ mode: 'channels', status: 'scheduled' });

    const host = await env.page();
    await env.signIn(host, 'c-recruiter');
    await host.goto(`${env.baseUrl}/#/packages/live/pages/host/index?id=${session.id}`);
    await host.locator('#live-channels-panel').waitFor();
    expect(await host.locator('#live-finder-id').innerText()).toBe('sphXingHaiSoft01');
    expect(await host.locator('#live-push-server').count()).toBe(0);
    await env.screenshot(host, 'live-channels-host');
    expect(await seriousViolations(host)).toEqual([]);
    await host.locator('#live-channels-start').click();
    await host.locator('.live-manage__item-head').getByText('直播中').waitFor();
    await host.locator('#live-channels-end').waitFor();
    await eventually(() => env.api<LiveSessionDetail>('GET', `/api/live/sessions/${session.id}`), d => d.status === 'live');

    const student = await env.page();
    await env.signIn(student, 'b-student-dlut');
    await student.goto(`${env.baseUrl}/#/packages/live/pages/room/index?id=${session.id}`);
    await student.locator('#live-channels').getByText('本场直播在微信视频号进行').waitFor();
    await student.fill('#live-input input', '请问视频号直播结束后还能投递吗？');
    await student.click('#live-send');
    await student.getByText('请问视频号直播结束后还能投递吗？').waitFor();
    await env.screenshot(student, 'live-channels-room');
    expect(await seriousViolations(student)).toEqual([]);

    await host.locator('#live-channels-end').click();
    const sheet = host.locator('.taro__modal');
    await sheet.locator('.taro-model__confirm', { hasText: '结束直播' }).click();
    await host.locator('.live-manage__item-head').getByText('已结束').waitFor();
    const ended = await env.api<LiveSessionDetail>('GET', `/api/live/sessions/${session.id}`);
    expect(ended.status).toBe('ended');
    await student.locator('#live-channels').waitFor({ state: 'detached' });
    await host.close();
    await student.close();
  });
});
