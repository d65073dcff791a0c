import { fake } from '../support/taro-stub';
import { openOnChannels, readChannelsFeed } from '@/services/channels-live';

const flush = () => new Promise(resolve => setTimeout(resolve, 5));

describe('视频号 live through WeChat (fake wx, wechat-platform.md §4)', () => {
  beforeEach(() => fake.reset());

  it('should read the feed of a live in progress, and say in words why there is none', async () => {
    fake.channels.set('sphLive', { subjectOk: true, lives: [{ feedId: 'old', nonceId: '1', status: 3 }, { feedId: 'feed-now', nonceId: '2', status: 2 }] });
    fake.channels.set('sphPreparing', { subjectOk: true, lives: [{ feedId: 'f', nonceId: '3', status: 4 }] });
    fake.channels.set('sphEnded', { subjectOk: true, lives: [{ feedId: 'f', nonceId: '4', status: 3 }] });
    fake.channels.set('sphNever', { subjectOk: true, lives: [] });
    fake.channels.set('sphOtherSubject', { subjectOk: false, lives: [{ feedId: 'f', nonceId: '5', status: 2 }] });
    expect(await readChannelsFeed('sphLive')).toEqual({ feedId: 'feed-now', nonceId: '2' });
    expect(await readChannelsFeed('sphPreparing')).toEqual({ problem: '视频号直播还在准备中，请开播后再点' });
    expect(await readChannelsFeed('sphEnded')).toEqual({ problem: '视频号上一场直播已结束，请先开播' });
    expect(await readChannelsFeed('sphNever')).toEqual({ problem: '该视频号还没有直播' });
    expect(await readChannelsFeed('sphOtherSubject')).toEqual({ problem: '视频号须已认证，且与小程序为同一主体' });
    expect(await readChannelsFeed('sphUnknown')).toEqual({ problem: '视频号 ID 无效，请从视频号助手重新复制' });
  });

  it('should open the live from a tap, with its feed, and explain a refusal in Chinese', async () => {
    fake.channels.set('sphLive', { subjectOk: true, lives: [{ feedId: 'feed-now', nonceId: '2', status: 2 }] });
    fake.channels.set('sphOtherSubject', { subjectOk: false, lives: [] });
    const problems: string[] = [];
    fake.tap(() => openOnChannels({ finderUserName: 'sphLive', feedId: 'feed-now', nonceId: '2' }, p => problems.push(p)));
    fake.tap(() => openOnChannels({ finderUserName: 'sphOtherSubject' }, p => problems.push(p)));
    await flush();
    expect(fake.openedChannels).toEqual([{ finderUserName: 'sphLive', feedId: 'feed-now', nonceId: '2' }]);
    expect(problems).toEqual(['视频号须已认证，且与小程序为同一主体']);
  });

  it('should lose the gesture when anything is awaited before opening (why the room calls it synchronously)', async () => {
    fake.channels.set('sphLive', { subjectOk: true, lives: [{ feedId: 'feed-now', nonceId: '2', status: 2 }] });
    const problems: string[] = [];
    fake.tap(() => {
      void Promise.resolve().then(() => openOnChannels({ finderUserName: 'sphLive' }, p => problems.push(p)));
    });
    await flush();
    expect(fake.openedChannels).toEqual([]);
    expect(problems).toEqual(['暂时无法读取视频号直播，请稍后再试']);
  });
});
