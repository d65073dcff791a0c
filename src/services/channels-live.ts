import Taro from '@tarojs/taro';
import type { LiveChannelsLink } from '@contract/live';

/** What the host's app read from 视频号 (wx.getChannelsLiveInfo): the live feed, or why there is none. */
export type ChannelsFeed = { feedId: string; nonceId: string } | { problem: string };

interface ChannelsFailure {
  errMsg?: string;
  errno?: number;
  errCode?: number;
}

/** WeChat's errors for 视频号 calls (wechat-platform.md §4.3), as the host can act on them. */
export function channelsProblem(err: ChannelsFailure): string {
  const code = err.errno ?? err.errCode;
  if (code === 100008 || code === 1416103) return '视频号须已认证，且与小程序为同一主体';
  if (code === 1416100) return '视频号 ID 无效，请从视频号助手重新复制';
  if (code === 1416104) return '该视频号还没有直播';
  return '暂时无法读取视频号直播，请稍后再试';
}

/** The live status WeChat reports, in words, when it is not "live now". */
function notLive(status: number): string {
  if (status === 4) return '视频号直播还在准备中，请开播后再点';
  if (status === 3) return '视频号上一场直播已结束，请先开播';
  return '该视频号现在没有直播，请先开播';
}

/** weapp only: the 视频号's current live, to embed in the room. No Promise form in WeChat; wrapped here. */
export function readChannelsFeed(finderUserName: string): Promise<ChannelsFeed> {
  return new Promise(resolve => {
    Taro.getChannelsLiveInfo({
      finderUserName,
      success: res => {
        const status = Number(res.status);
        resolve(status === 2 ? { feedId: res.feedId, nonceId: res.nonceId } : { problem: notLive(status) });
      },
      fail: (err: ChannelsFailure) => resolve({ problem: channelsProblem(err) }),
    });
  });
}

/**
 * weapp only: opens the 视频号 live (WeChat asks the viewer to confirm). Must run inside the tap handler,
 * with nothing awaited before it: WeChat refuses the call without the tap's gesture.
 */
export function openOnChannels(link: LiveChannelsLink, onProblem: (message: string) => void): void {
  Taro.openChannelsLive({
    finderUserName: link.finderUserName,
    ...(link.feedId ? { feedId: link.feedId } : {}),
    ...(link.nonceId ? { nonceId: link.nonceId } : {}),
    fail: (err: ChannelsFailure) => onProblem(channelsProblem(err)),
  });
}
