import { spawn, type ChildProcess } from 'child_process';
import WebSocket from 'ws';
import type { MyApplication } from '../../server/src/contract/job';
import type { Page as ApiPage } from '../../server/src/contract/common';
import type { LivePushInfo, LiveServerEvent, LiveSessionDetail } from '../../server/src/contract/live';
import type { RecruiterJob } from '../../server/src/contract/job';
import { eventually, freePort, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

/** The ffmpeg test pattern of wechat.md §6.5, H.264/AAC in FLV (what <live-player> and mpegts.js play). */
function pushTestPattern(url: string): ChildProcess {
  return spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '15', '-c:a', 'aac', '-f', 'flv', url],
    { stdio: 'ignore' },
  );
}

/** The recruiter's side of the room over a plain WebSocket (what the console page sends). */
function hostSocket(baseUrl: string, sessionId: string, token: string): Promise<{ socket: WebSocket; events: LiveServerEvent[] }> {
  const events: LiveServerEvent[] = [];
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(token)}`);
  socket.on('message', data => events.push(JSON.parse(data.toString()) as LiveServerEvent));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    const timer = setInterval(() => {
      if (events.some(e => e.type === 'welcome')) {
        clearInterval(timer);
        resolve({ socket, events });
      }
    }, 50);
  });
}

describe('a student watches a live hiring session in the h5 build, asks and applies from a pinned card', () => {
  let env: E2EEnv;
  let publisher: ChildProcess | undefined;
  let host: WebSocket | undefined;
  let stopped = false;

  beforeAll(async () => {
    const [rtmp, flv] = [await freePort(), await freePort()];
    env = await startE2E({ env: { LIVE_RTMP_PORT: String(rtmp), LIVE_HTTP_PORT: String(flv) } });
  });

  afterAll(async () => {
    stopped = true;
    host?.terminate();
    publisher?.kill('SIGKILL');
    await env?.close();
  });

  it('should play the pushed stream, show the question and create the application once', async () => {
    const recruiter = await env.devLogin('c-recruiter');
    const jobs = await env.api<ApiPage<RecruiterJob>>('GET', '/api/recruiter/jobs?limit=50', undefined, recruiter.accessToken);
    const featured = jobs.items.filter(j => j.status === 'published').slice(0, 2);
    expect(featured.length).toBeGreaterThan(0);
    const session = await env.api<LiveSessionDetail>('POST', '/api/live/sessions', {
      title: '星海软件 e2e 直播带岗',
      startAt: new Date(Date.now() + 3_600_000).toISOString(),
      jobIds: featured.map(j => j.id),
    }, recruiter.accessToken);
    expect(session.status).toBe('scheduled');

    const push = await env.api<LivePushInfo>('GET', `/api/live/sessions/${session.id}/push`, undefined, recruiter.accessToken);
    // start.js starts the media server after the demo seed, so the first pushes may find no listener yet.
    const keepPushing = () => {
      publisher = pushTestPattern(push.pushUrl);
      publisher.once('exit', () => {
        if (!stopped) setTimeout(keepPushing, 1000);
      });
    };
    keepPushing();
    const live = await eventually(
      () => env.api<LiveSessionDetail>('GET', `/api/live/sessions/${session.id}`),
      d => d.status === 'live',
      60_000,
    );
    expect(live.play?.flv).toMatch(/\.flv\?txSecret=/);

    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    await student.goto(`${env.baseUrl}/#/packages/live/pages/room/index?id=${session.id}`);
    // signIn wrote the session into storage after the app had started; a reload makes the app read it.
    await student.reload();

    // Video: the <video> the MSE player feeds must be playing, i.e. its time advances.
    await student.locator('#live-video').waitFor();
    const time = () => student.evaluate(() => (document.querySelector('#live-video') as HTMLVideoElement).currentTime);
    const first = await eventually(time, t => t > 0.5, 30_000);
    await student.waitForTimeout(2000);
    expect(await time()).toBeGreaterThan(first + 0.5);

    // A question appears for everyone, marked as a question.
    await student.locator('#live-viewers').getByText(/人在看/).waitFor();
    const opened = await hostSocket(env.baseUrl, session.id, recruiter.accessToken);
    host = opened.socket;
    await student.locator('#live-question').waitFor().catch(async (err: Error) => {
      await env.screenshot(student, 'live-room-failed');
      throw err;
    });
    await student.click('#live-question');
    await student.fill('#live-input input', '请问应届生有导师带教吗？');
    await student.click('#live-send');
    await student.locator('.live-msg--question').getByText('请问应届生有导师带教吗？').waitFor();
    await eventually(
      async () => opened.events.some(e => e.type === 'message' && e.message.kind === 'question' && e.message.text === '请问应届生有导师带教吗？'),
      seen => seen,
    );

    // The host pins a card; it appears without a reload and one tap applies.
    host.send(JSON.stringify({ type: 'pin', jobId: featured[0].id }));
    await student.locator('#live-pinned').getByText(featured[0].title).waitFor();
    await student.click('#live-pinned-apply');
    await student.locator('#live-pinned-apply').getByText('已投递').waitFor();
    await student.locator(`#live-apply-${featured[0].id}`).getByText('已投递').waitFor();

    const mine = await env.api<ApiPage<MyApplication>>('GET', '/api/me/applications?limit=50', undefined, login.accessToken);
    expect(mine.items.filter(a => a.job.id === featured[0].id)).toHaveLength(1);
    await env.screenshot(student, 'live-room');
  });
});
