import { useEffect, useRef, useState } from 'react';
import { LivePlayer, View } from '@tarojs/components';
import type Mpegts from 'mpegts.js';
import './index.scss';

export interface LiveVideoProps {
  /** Signed HTTP-FLV play URL. */
  flv: string;
  /** The stream could not be played (h5: no MSE, network or decode error). */
  onError?: (message: string) => void;
}

const RETRY_MS = 5000;

/**
 * h5: mpegts.js (MSE) on a <video>; the library is loaded here on demand so that it is never part of
 * the weapp bundle (the branch is removed there at build time). Starts muted, as browsers only
 * autoplay muted media; the viewer unmutes with the controls.
 */
function H5FlvVideo({ flv, onError }: LiveVideoProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState('');
  /** Bumped to rebuild the player after an error: a dropped stream may resume within the grace period. */
  const [attempt, setAttempt] = useState(0);
  // onError is a notification only: a new callback must not restart playback, so it is read through a ref.
  const notify = useRef(onError);
  notify.current = onError;

  useEffect(() => {
    let player: Mpegts.Player | undefined;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const fail = (message: string, again: boolean) => {
      setFailed(message);
      notify.current?.(message);
      if (again && !retry) retry = setTimeout(() => setAttempt(n => n + 1), RETRY_MS);
    };
    // The condition is a build-time constant: webpack drops the import (and the library) from weapp.
    const library = process.env.TARO_ENV === 'h5' ? import('mpegts.js') : Promise.reject(new Error('h5 only'));
    void library.then(({ default: mpegts }) => {
      const element = video.current;
      if (cancelled || !element) return;
      if (!mpegts.getFeatureList().mseLivePlayback) {
        fail('当前浏览器不支持直播播放，请使用微信小程序观看', false);
        return;
      }
      player = mpegts.createPlayer(
        { type: 'flv', isLive: true, url: flv },
        { enableWorker: false, lazyLoad: false, liveBufferLatencyChasing: true },
      );
      player.on(mpegts.Events.ERROR, () => fail('直播信号中断，正在等待主播恢复…', true));
      player.on(mpegts.Events.MEDIA_INFO, () => setFailed(''));
      player.attachMediaElement(element);
      player.load();
      void Promise.resolve(player.play()).catch(() => undefined);
    }, () => fail('播放器加载失败，请刷新重试', false));
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
      if (!player) return;
      player.pause();
      player.unload();
      player.detachMediaElement();
      player.destroy();
    };
  }, [flv, attempt]);

  return (
    <View className='live-video'>
      <video id='live-video' ref={video} className='live-video__media' muted autoPlay playsInline controls />
      {failed ? <View className='live-video__notice'>{failed}</View> : null}
    </View>
  );
}

/** The stream of a live session: `<live-player>` in weapp, an MSE player in h5. */
export default function LiveVideo(props: LiveVideoProps) {
  if (process.env.TARO_ENV === 'h5') return <H5FlvVideo {...props} />;
  return (
    <View className='live-video'>
      <LivePlayer
        id='live-player'
        className='live-video__media'
        src={props.flv}
        mode='live'
        autoplay
        objectFit='contain'
        onError={() => props.onError?.('直播播放失败，请稍后重试')}
      />
    </View>
  );
}
