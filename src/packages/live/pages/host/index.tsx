import { useEffect, useRef, useState } from 'react';
import { Button, Image, Input, LivePusher, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { LivePushInfo, LiveRoomMessage, LiveSessionDetail, LiveStats } from '@contract/live';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { controlChannelsLive, getLive, livePushInfo, liveStats } from '@/services/api/live';
import { readChannelsFeed } from '@/services/channels-live';
import { errorMessage } from '@/utils/errors';
import PrivacyPopup from '@/components/PrivacyPopup';
import { navigate } from '@/services/navigation';
import { gated } from '@/services/privacy';
import { formatDateTime } from '@/utils/format';
import JobCards from '../../components/JobCards';
import MessageList from '../../components/MessageList';
import { LIVE_STATUS_LABELS } from '../../labels';
import { sourceLine } from '../../room';
import { useLiveRoom } from '../../useLiveRoom';
import '../../live.scss';
import { pressable } from '@/utils/a11y';

/** The push URL as a QR image for a phone streaming app; h5 only, so the library stays out of weapp. */
function PushQr({ url }: { url: string }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    let live = true;
    // Build-time constant: the library stays out of the weapp bundle.
    const library = process.env.TARO_ENV === 'h5' ? import('qrcode-generator') : Promise.reject(new Error('h5 only'));
    library.then(({ default: qrcode }) => {
      const qr = qrcode(0, 'M');
      qr.addData(url, 'Byte');
      qr.make();
      if (live) setSrc(qr.createDataURL(4, 4));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <Image id='live-push-qr' className='live-host__qr' src={src} mode='aspectFit' nativeProps={{ alt: '推流地址二维码' }} /> : null;
}

/** 视频号 mode: no push address; the host goes live on 视频号 and tells the room here. */
function ChannelsPanel({ detail, onChange }: { detail: LiveSessionDetail; onChange: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const link = detail.channels;
  if (!link) return null;

  const act = async (action: 'start' | 'end') => {
    setProblem('');
    if (action === 'end') {
      const { confirm } = await Taro.showModal({ content: '结束后观众将看到“直播已结束”，不能再次开始。确定在视频号上已下播？', confirmText: '结束直播', cancelText: '取消', confirmColor: '#c9303f' });
      if (!confirm) return;
    }
    setBusy(true);
    try {
      // weapp reads the live's feed so viewers' rooms embed it; the browser cannot, and viewers open the 视频号 itself.
      const feed = action === 'start' && process.env.TARO_ENV === 'weapp' ? await readChannelsFeed(link.finderUserName) : undefined;
      if (feed && 'problem' in feed) {
        setProblem(feed.problem);
        return;
      }
      await controlChannelsLive(detail.id, { action, ...(feed ?? {}) });
      onChange();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id='live-channels-panel' className='ll-card'>
      <View className='live-section-title'>视频号直播</View>
      <View className='live-host__field'>视频号 ID</View>
      <View id='live-finder-id' className='live-host__value'>
        {link.finderUserName}
      </View>
      <View className='live-host__field'>
        {detail.status === 'live' ? '观众正在直播间观看视频号直播，并在这里聊天和投递。下播后请点“结束直播”。' : '请用视频号助手或微信开播，开播后点“已在视频号开播”，预约的学生会收到开播提醒。'}
      </View>
      {detail.status === 'scheduled' ? (
        <Button id='live-channels-start' className='ll-button' disabled={busy} onClick={() => void act('start')}>
          已在视频号开播
        </Button>
      ) : (
        <Button id='live-channels-end' className='ll-button ll-button--danger' disabled={busy} onClick={() => void act('end')}>
          结束直播
        </Button>
      )}
      {problem ? (
        <View id='live-channels-problem' className='live-banner live-banner--danger' role='alert'>
          {problem}
        </View>
      ) : null}
    </View>
  );
}

function copy(text: string) {
  void gated('clipboard', () => Taro.setClipboardData({ data: text }));
}

function PushPanel({ detail }: { detail: LiveSessionDetail }) {
  const push = useRequest<LivePushInfo>(() => livePushInfo(detail.id), detail.id);
  const [pushing, setPushing] = useState(false);
  if (push.status === 'loading') return <EmptyState compact kind='loading' title='正在获取推流地址…' />;
  if (!push.data) return <EmptyState compact kind='error' title='推流地址获取失败' description={push.error} actionText='重试' onAction={push.reload} />;
  const info = push.data;
  return (
    <View className='ll-card'>
      <View className='live-section-title'>推流</View>
      {process.env.TARO_ENV === 'weapp' ? (
        <View>
          <LivePusher
            id='live-pusher'
            className='live-host__pusher'
            url={info.pushUrl}
            mode='RTC'
            autopush={pushing}
            onError={e => void Taro.showToast({ title: `推流失败（${e.detail.errCode}）`, icon: 'none' })}
          />
          <Button className='ll-button' onClick={() => setPushing(p => !p)}>
            {pushing ? '停止推流' : '开始推流（手机摄像头）'}
          </Button>
        </View>
      ) : (
        <View>
          <View className='live-host__field'>OBS「服务器」</View>
          <View id='live-push-server' className='live-host__value' {...pressable(() => copy(info.server))}>
            {info.server}
          </View>
          <View className='live-host__field'>OBS「串流密钥」</View>
          <View id='live-push-key' className='live-host__value' {...pressable(() => copy(info.streamKey))}>
            {info.streamKey}
          </View>
          <View className='live-host__field'>完整推流地址（扫码用于手机推流软件）</View>
          <View id='live-push-url' className='live-host__value' {...pressable(() => copy(info.pushUrl))}>
            {info.pushUrl}
          </View>
          <PushQr url={info.pushUrl} />
        </View>
      )}
      <View className='live-host__field'>地址有效期至 {formatDateTime(info.expiresAt)}；开始推流后直播自动开始，断流超过宽限时间自动结束。</View>
    </View>
  );
}

/** `version` changes with what the room reports (viewers, applications, status), so the figures follow. */
function Stats({ id, version }: { id: string; version: string }) {
  const stats = useRequest<LiveStats>(() => liveStats(id), `stats-${id}`);
  const reload = stats.reload;
  const first = useRef(true);
  useEffect(() => {
    // The first load is useRequest's own; later versions keep the old figures on screen while reloading.
    if (first.current) first.current = false;
    else void reload();
  }, [version, reload]);
  if (!stats.data) return null;
  const s = stats.data;
  const cells: Array<[string, string]> = [
    ['最高同时在线', String(s.peakViewers)],
    ['累计观看人数', String(s.totalViewers)],
    ['累计观看时长', `${Math.round(s.watchSeconds / 60)} 分钟`],
    ['互动消息', String(s.messages)],
  ];
  return (
    <View id='live-stats' className='ll-card'>
      <View className='live-section-title'>直播数据</View>
      <View className='live-host__stats'>
        {cells.map(([label, value]) => (
          <View key={label} className='live-host__stat'>
            <View className='live-host__stat-value'>{value}</View>
            <View className='live-host__stat-label'>{label}</View>
          </View>
        ))}
      </View>
      <View className='live-host__field'>各岗位本场投递（直播间、回放和从直播间打开的岗位页）</View>
      {s.applications.map(a => (
        <View key={a.jobId} className='live-job'>
          <View className='live-job__main'>{a.title}</View>
          <View>
            {a.count} 份
            {a.count > 0 ? <View className='live-host__sources'>{sourceLine(a.bySource)}</View> : null}
          </View>
        </View>
      ))}
    </View>
  );
}

type Room = ReturnType<typeof useLiveRoom>;

function HostRoom({ detail, room }: { detail: LiveSessionDetail; room: Room }) {
  const { state, send, clearError } = room;
  const [text, setText] = useState('');

  useEffect(() => {
    if (!state.error) return;
    void Taro.showToast({ title: state.error.message, icon: 'none' });
    clearError();
  }, [state.error, clearError]);

  const act = (event: Parameters<typeof send>[0]) => {
    if (!send(event)) void Taro.showToast({ title: '直播间连接中断，正在重连…', icon: 'none' });
  };

  const manage = async (m: LiveRoomMessage) => {
    const muted = state.muted.includes(m.userId);
    const { tapIndex } = await Taro.showActionSheet({ itemList: [muted ? '已禁言' : `禁言“${m.nickname}”`, `移出“${m.nickname}”`] }).catch(() => ({ tapIndex: -1 }));
    if (tapIndex === 0 && !muted) act({ type: 'mute', userId: m.userId });
    if (tapIndex === 1) act({ type: 'remove', userId: m.userId });
  };

  const reply = () => {
    const value = text.trim();
    if (!value) return;
    act({ type: 'chat', text: value });
    setText('');
  };

  return (
    <View>
      <View className='ll-card'>
        <View className='live-section-title'>岗位卡片（置顶后观众可一键投递）</View>
        <JobCards jobs={detail.jobs} applied={[]} pinnedId={state.pinned?.id} onPin={jobId => act({ type: 'pin', jobId })} onOpen={() => undefined} />
      </View>
      <View className='ll-card live-chat'>
        <View className='live-head__meta'>
          <View className='live-section-title'>互动（点观众消息可禁言或移出）</View>
          <View id='live-viewers'>{state.viewers} 人在看 · ♥ {state.likes}</View>
        </View>
        <MessageList messages={state.messages} onPick={m => void manage(m)} empty='观众的提问会显示在这里' />
        <View className='live-compose'>
          <Input id='live-input' className='live-compose__input' value={text} maxlength={200} placeholder='回复观众…' onInput={e => setText(e.detail.value)} onConfirm={reply} />
          <Button id='live-send' className='live-compose__send' size='mini' onClick={reply}>
            发送
          </Button>
        </View>
      </View>
    </View>
  );
}

export default function LiveHostPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const detail = useRequest(() => getLive(id), id, { refreshOnShow: true });
  const loaded = detail.data?.status;
  // The console stays in the room from scheduling to the end: status, viewers and applications arrive over it.
  const room = useLiveRoom(id, loaded === 'scheduled' || loaded === 'live');
  const stream = room.state.stream;
  const reload = detail.reload;
  useEffect(() => {
    if (stream && loaded && stream.status !== loaded) void reload();
  }, [stream, loaded, reload]);
  const applications = room.state.applications;
  useEffect(() => {
    const last = applications[applications.length - 1];
    if (last) void Taro.showToast({ title: `新投递：${last.title}`, icon: 'none' });
  }, [applications]);

  if (detail.status === 'loading' && !detail.data) return <EmptyState kind='loading' title='正在加载…' />;
  if (!detail.data) return <EmptyState kind='error' title='加载失败' description={detail.error} actionText='重试' onAction={detail.reload} />;
  const d = detail.data;
  const open = d.status === 'scheduled' || d.status === 'live';
  const finished = d.status === 'ended' || d.status === 'replay';
  const dropped = d.status === 'live' && (stream ? stream.interrupted : !!d.interrupted);
  return (
    <View className='ll-page live-host'>
      <PrivacyPopup />
      <View className='ll-card'>
        <View className='live-manage__item-head'>
          <View className='live-manage__item-title'>{d.title}</View>
          <Tag tone={d.status === 'live' ? 'danger' : d.status === 'rejected' ? 'warning' : 'primary'}>{LIVE_STATUS_LABELS[d.status]}</Tag>
        </View>
        <View className='live-manage__item-meta'>
          开播时间 {formatDateTime(d.startAt)} · {d.bookingCount} 人预约
        </View>
        <View className='live-manage__actions'>
          <Button size='mini' onClick={() => void detail.reload()}>
            刷新状态
          </Button>
          {finished || d.status === 'live' ? (
            <Button size='mini' onClick={() => void navigate('liveRoom', { id: d.id })}>
              {finished ? '查看回放' : '观众视角'}
            </Button>
          ) : null}
        </View>
        {dropped ? (
          <View id='live-push-warning' className='live-banner live-banner--danger' role='alert'>
            推流已中断，观众看到“信号中断，等待主播恢复”。请尽快恢复推流，超过宽限时间直播将自动结束。
          </View>
        ) : null}
        {applications.length > 0 ? (
          <View id='live-new-applications' className='live-banner' role='status'>
            本次开播新投递 {applications.length} 份：{applications.map(a => a.title).join('、')}
          </View>
        ) : null}
        {d.status === 'pending' ? <View className='live-host__field'>{d.mode === 'channels' ? '等待市人社局审核，通过后可开播。' : '等待市人社局审核，通过后可推流。'}</View> : null}
        {d.status === 'rejected' ? <View className='live-host__field'>未通过审核，请修改后重新创建。</View> : null}
      </View>
      {open && d.mode === 'channels' ? <ChannelsPanel detail={d} onChange={() => void detail.reload()} /> : null}
      {open && d.mode !== 'channels' ? <PushPanel detail={d} /> : null}
      {open ? <HostRoom detail={d} room={room} /> : null}
      {d.status !== 'pending' && d.status !== 'rejected' && d.status !== 'scheduled' ? (
        <Stats id={d.id} version={`${d.status}-${room.state.viewers}-${applications.length}-${stream?.interrupted ? 1 : 0}`} />
      ) : null}
    </View>
  );
}
