import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import type { Page } from 'playwright-core';
import { tmpdir } from 'os';
import { join } from 'path';
import WebSocket from 'ws';
import type { MyApplication } from '../../server/src/contract/job';
import type { Page as ApiPage } from '../../server/src/contract/common';
import type { LivePushInfo, LiveReplayPage, LiveServerEvent, LiveSessionDetail, LiveStats } from '../../server/src/contract/live';
import type { InboxPage } from '../../server/src/contract/notice';
import type { ComplaintView } from '../../server/src/contract/complaint';
import type { RecruiterJob } from '../../server/src/contract/job';
import { eventually, freePort, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical accessibility violations on the page, by rule id. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact?: string }> }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id);
  });
}

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

describe('a student watches a live hiring session in the h5 build, asks and applies from a pinned card, then watches the replay', () => {
  let env: E2EEnv;
  let publisher: ChildProcess | undefined;
  let host: WebSocket | undefined;
  let stopped = false;
  const recordDir = mkdtempSync(join(tmpdir(), 'liulian-e2e-recordings-'));

  beforeAll(async () => {
    const [rtmp, flv] = [await freePort(), await freePort()];
    // A short grace period, so the session ends (and its replay opens) soon after the push stops; long
    // enough for the test to see the drop on both pages and resume the push within it.
    env = await startE2E({ env: { LIVE_RTMP_PORT: String(rtmp), LIVE_HTTP_PORT: String(flv), LIVE_GRACE_SECONDS: '12', LIVE_RECORD_DIR: recordDir } });
  });

  afterAll(async () => {
    stopped = true;
    host?.terminate();
    publisher?.kill('SIGKILL');
    await env?.close();
    rmSync(recordDir, { recursive: true, force: true });
  });

  it('should play the pushed stream, show the question, create the application once, then replay the recording with the question in time', async () => {
    const recruiter = await env.devLogin('c-recruiter');
    const jobs = await env.api<ApiPage<RecruiterJob>>('GET', '/api/recruiter/jobs?limit=50', undefined, recruiter.accessToken);
    const featured = jobs.items.filter(j => j.status === 'published').slice(0, 2);
    // Two: one applied from the pinned card while live, the other from the replay's card.
    expect(featured).toHaveLength(2);
    const session = await env.api<LiveSessionDetail>('POST', '/api/live/sessions', {
      title: '星海软件 e2e 直播带岗',
      startAt: new Date(Date.now() + 3_600_000).toISOString(),
      jobIds: featured.map(j => j.id),
    }, recruiter.accessToken);
    expect(session.status).toBe('scheduled');
    // The student books it, so its start leaves an item in the student's inbox.
    const booker = await env.devLogin('b-student-dlut');
    await env.api('POST', `/api/live/sessions/${session.id}/booking`, undefined, booker.accessToken);

    // The recruiter's console is open before the push: it must follow the session without 刷新状态.
    const consolePage = await env.page();
    await env.signIn(consolePage, 'c-recruiter');
    await consolePage.goto(`${env.baseUrl}/#/packages/live/pages/host/index?id=${session.id}`);
    await consolePage.reload();
    await consolePage.locator('.live-manage__item-head').getByText('即将开播').waitFor();

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
    await consolePage.locator('.live-manage__item-head').getByText('直播中').waitFor();
    await consolePage.locator('#live-stats').waitFor();

    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    await student.goto(`${env.baseUrl}/#/packages/live/pages/room/index?id=${session.id}`);
    // signIn wrote the session into storage after the app had started; a reload makes the app read it.
    await student.reload();

    // Video: the <video> the MSE player feeds must be playing, i.e. its time advances.
    await student.locator('#live-video').waitFor();
    const time = () => student.evaluate(() => (document.querySelector('#live-video') as HTMLVideoElement).currentTime);
    const first = await eventually(time, t => t > 0.5, 30_000);
    await eventually(time, t => t > first + 0.5, 10_000);

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
    expect(await seriousViolations(student)).toEqual([]);

    // 举报 on the pinned card: the complaint keeps the card, the stream position and the chat as they were.
    const reporter = await env.page();
    await env.signIn(reporter, 'b-student-dlut');
    await reporter.goto(`${env.baseUrl}/#/packages/live/pages/room/index?id=${session.id}`);
    await reporter.reload();
    await reporter.locator('#live-pinned').getByText(featured[0].title).waitFor();
    await reporter.click('#live-pinned-report');
    await reporter.locator('#complaint-live').getByText(`举报直播间的岗位卡片：${featured[0].title}`).waitFor();
    await reporter.click('#complaint-category');
    await reporter.click('#complaint-category-option-fake-job');
    await reporter.fill('#complaint-description textarea', '主播在直播里说入职前要先交两千元培训押金，卡片上没有写。');
    await reporter.fill('#complaint-phone input', '13912345678');
    await env.screenshot(reporter, 'live-report-form');
    expect(await seriousViolations(reporter)).toEqual([]);
    await reporter.click('#complaint-submit');
    await reporter.getByText('办理进度').waitFor();
    const [reported] = (await env.api<ComplaintView[]>('GET', '/api/complaints', undefined, login.accessToken)).filter(c => c.live?.sessionId === session.id);
    expect(reported.live).toMatchObject({ target: 'job', card: { jobId: featured[0].id, title: featured[0].title, pinned: true } });
    expect(reported.live?.offsetMs).toBeGreaterThan(0);
    expect(reported.live?.chat.map(c => c.text)).toContain('请问应届生有导师带教吗？');
    // The student's own complaint shows what they reported, as it was.
    await reporter.locator('#complaint-live-card').getByText(featured[0].title, { exact: false }).waitFor();
    await env.screenshot(reporter, 'live-report-filed');
    expect(await seriousViolations(reporter)).toEqual([]);
    await reporter.close();

    const staff = await env.page();
    await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/complaint/pages/staff-detail/index?id=${reported.id}`);
    await staff.reload();
    await staff.locator('#complaint-live-card').getByText(`${featured[0].title}（主播置顶中）`).waitFor();
    await staff.locator('#complaint-live-snapshot').getByText('请问应届生有导师带教吗？', { exact: false }).waitFor();
    await env.screenshot(staff, 'complaint-staff-live-snapshot');
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.close();

    // The console heard of the application at once, and its figures follow the room.
    await consolePage.locator('#live-new-applications').getByText(featured[0].title).waitFor();
    await consolePage.locator('#live-viewers').getByText(/^1 人在看/).waitFor();
    await consolePage.locator('#live-stats').getByText('累计观看人数').waitFor();
    await env.screenshot(consolePage, 'live-host-console');
    expect(await seriousViolations(consolePage)).toEqual([]);

    // The push drops: the viewer is told in words and the console warns; resuming within the grace
    // period clears both and the session stays the same.
    stopped = true;
    const dropped = publisher;
    dropped?.kill('SIGINT');
    await student.locator('#live-notice').getByText('信号中断，等待主播恢复').waitFor({ timeout: 20_000 });
    await consolePage.locator('#live-push-warning').waitFor({ timeout: 20_000 });
    await env.screenshot(student, 'live-room-interrupted');
    expect(await seriousViolations(student)).toEqual([]);
    if (dropped && dropped.exitCode === null && dropped.signalCode === null) await new Promise(resolve => dropped.once('exit', resolve));
    stopped = false;
    keepPushing();
    await student.locator('#live-notice').waitFor({ state: 'detached', timeout: 20_000 });
    await consolePage.locator('#live-push-warning').waitFor({ state: 'detached', timeout: 20_000 });

    // The host mutes the student: told at once, before sending anything; then removes another viewer,
    // whose playback ends and who stays out after a reload.
    host.send(JSON.stringify({ type: 'mute', userId: login.userId }));
    await student.locator('#live-notice').getByText('您已被禁言').waitFor();
    const intruder = await env.page();
    const other = await env.signIn(intruder, 'a-student-new');
    await intruder.goto(`${env.baseUrl}/#/packages/live/pages/room/index?id=${session.id}`);
    await intruder.reload();
    await intruder.locator('#live-video').waitFor();
    await eventually(async () => opened.events.some(e => e.type === 'viewers' && e.count === 2), seen => seen);
    host.send(JSON.stringify({ type: 'remove', userId: other.userId }));
    await intruder.locator('.live-stage__title').getByText('您已被移出').waitFor();
    expect(await intruder.locator('#live-video').count()).toBe(0);
    await intruder.reload();
    await intruder.locator('.live-stage__title').getByText('您已被移出').waitFor();
    expect(await intruder.locator('#live-video').count()).toBe(0);
    expect(await intruder.locator('#live-login').count()).toBe(0);
    await env.screenshot(intruder, 'live-room-removed');
    expect(await seriousViolations(intruder)).toEqual([]);

    // The push stops: the session ends after the grace period and the local recording makes the replay.
    stopped = true;
    publisher?.kill('SIGINT');
    // Told at once over the socket (or, if the page's own poll looked first, the replay page is shown).
    await student.locator('.live-stage__title').getByText(/直播已结束/).or(student.locator('#live-replay-video')).first().waitFor({ timeout: 60_000 });
    await eventually(() => env.api<LiveSessionDetail>('GET', `/api/live/sessions/${session.id}`), d => d.status === 'replay', 30_000);
    const replay = await env.api<LiveReplayPage>('GET', `/api/live/sessions/${session.id}/replay`);
    // One file per push: before the drop, and after the resume.
    expect(replay.recordings).toHaveLength(2);
    const asked = replay.items.find(m => m.kind === 'question');
    expect(asked?.text).toBe('请问应届生有导师带教吗？');

    // The start notice's link, opened cold in a fresh tab, shows the replay and reads the inbox item.
    const inbox = await env.api<InboxPage>('GET', '/api/inbox', undefined, login.accessToken);
    const item = inbox.items.find(i => i.source === 'live' && i.page?.includes(session.id));
    expect(item?.page).toBe(`packages/live/pages/room/index?id=${session.id}`);
    const viewer = await env.page();
    await env.signIn(viewer, 'b-student-dlut');
    await viewer.goto(`${env.baseUrl}/#/${item?.page}&n=${item?.id}`);
    await viewer.reload();
    await viewer.locator('#live-more').waitFor();
    await eventually(
      () => env.api<InboxPage>('GET', '/api/inbox', undefined, login.accessToken),
      page => page.items.some(i => i.id === item?.id && Boolean(i.readAt)),
    );

    // The recording plays (its time advances), and seeking to the question shows it in time.
    await viewer.locator('#live-replay-video .taro-video-cover-play-button').click();
    const replayTime = () => viewer.evaluate(() => (document.querySelector('#live-replay-video video') as HTMLVideoElement).currentTime);
    const started = await eventually(replayTime, t => t > 0.3, 20_000);
    await eventually(replayTime, t => t > started + 0.5, 10_000);
    const question = viewer.locator('.live-msg--question').getByText('请问应届生有导师带教吗？');
    await viewer.evaluate(at => new Promise<void>(resolve => {
      const video = document.querySelector('#live-replay-video video') as HTMLVideoElement;
      video.pause();
      video.addEventListener('seeked', () => resolve(), { once: true });
      video.currentTime = at;
    }), Math.max(0, (asked!.offsetMs - 1500) / 1000));
    // 1.5 s before the question was asked it is not on screen (once the page took the new position); playing on brings it.
    await eventually(() => question.count(), n => n === 0, 10_000);
    await viewer.evaluate(() => void (document.querySelector('#live-replay-video video') as HTMLVideoElement).play());
    await question.waitFor({ timeout: 10_000 });
    await env.screenshot(viewer, 'live-replay');
    // The player keeps its own place: the session's title below it is not covered.
    const videoBox = await viewer.locator('#live-replay-video').boundingBox();
    const headBox = await viewer.locator('.live-head').boundingBox();
    expect(headBox!.y).toBeGreaterThanOrEqual(videoBox!.y + videoBox!.height - 1);

    // The replay's cards: the job applied to live says 已投递, the other applies with one tap.
    await viewer.locator(`#live-apply-${featured[0].id}`).getByText('已投递').waitFor();
    await viewer.click(`#live-apply-${featured[1].id}`);
    await viewer.locator(`#live-apply-${featured[1].id}`).getByText('已投递').waitFor();
    await env.screenshot(viewer, 'live-replay-applied');
    expect(await seriousViolations(viewer)).toEqual([]);

    // The recruiter's applicant lists name where each application came from.
    const applicants = await env.page();
    await env.signIn(applicants, 'c-recruiter');
    await applicants.goto(`${env.baseUrl}/#/packages/recruiter/pages/applicants/index?jobId=${featured[0].id}`);
    await applicants.reload();
    await applicants.locator('.rc-source').getByText('来自直播「星海软件 e2e 直播带岗」').first().waitFor();
    await applicants.goto(`${env.baseUrl}/#/packages/recruiter/pages/applicants/index?jobId=${featured[1].id}`);
    await applicants.reload();
    await applicants.locator('.rc-source').getByText('来自回放「星海软件 e2e 直播带岗」').first().waitFor();
    await env.screenshot(applicants, 'recruiter-applicants-source');
    expect(await seriousViolations(applicants)).toEqual([]);
    const stats = await env.api<LiveStats>('GET', `/api/live/sessions/${session.id}/stats`, undefined, recruiter.accessToken);
    expect(stats.applications.map(a => a.bySource)).toEqual([
      { live: 1, replay: 0, 'live-job-page': 0 },
      { live: 0, replay: 1, 'live-job-page': 0 },
    ]);
  });
});
