import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Input, Video, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { LiveReplayPage, LiveRoomMessage, LiveSessionDetail } from '@contract/live';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { markRead } from '@/services/api/inbox';
import { applyJob } from '@/services/api/job';
import { getLive, liveNoticeConfig, liveReplay } from '@/services/api/live';
import { ApiError } from '@/services/http';
import { bookWithNotice } from '@/services/live-booking';
import { navigate, switchTab } from '@/services/navigation';
import { pendingTarget, requireLogin, type GatedAction } from '@/services/login-gate';
import * as session from '@/services/session';
import { fieldLabelProps, pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { formatDateTime, formatSalary } from '@/utils/format';
import JobCards from '../../components/JobCards';
import ChannelsStage from '../../components/ChannelsStage';
import LiveVideo from '../../components/LiveVideo';
import MessageList from '../../components/MessageList';
import { mergeMessages, messagesUntil, needsMoreMessages, offsetLabel, replayPositionMs, viewerNotice } from '../../room';
import { useLiveRoom } from '../../useLiveRoom';
import '../../live.scss';

/**
 * How often a page waiting for the stream asks whether it started (or ended). Signed-in viewers hear it
 * at once over the room socket; this is for the others, and for a socket that cannot connect.
 */
const STATUS_POLL_MS = 15_000;

type Room = ReturnType<typeof useLiveRoom>;

/** Signed in from 一键投递: the application itself waits for the user's tap. */
const readyToApply = () => void Taro.showToast({ title: '已登录，点击一键投递即可投递', icon: 'none' });

/** The login sheet for a guest's act in the room; true when signed in (now or already). */
async function signIn(action: GatedAction, target: string): Promise<boolean> {
  try {
    return await requireLogin(action, target);
  } catch (err) {
    void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    return false;
  }
}

function NotStarted({ detail, onBooked }: { detail: LiveSessionDetail; onBooked: (d: LiveSessionDetail) => void }) {
  const [busy, setBusy] = useState(false);
  const [templateId, setTemplateId] = useState<string>();
  useEffect(() => {
    liveNoticeConfig().then(c => setTemplateId(c.templateId), () => undefined);
  }, []);

  // No await before bookWithNotice when signed in: the subscribe popup must start inside the tap.
  const book = () => {
    if (!session.current()) {
      void signIn('book', detail.id).then(ok => ok && book());
      return;
    }
    setBusy(true);
    bookWithNotice(detail.id, templateId)
      .then(next => {
        onBooked(next);
        void Taro.showToast({ title: '预约成功，开播时提醒您', icon: 'none' });
      })
      .catch(err => void Taro.showToast({ title: errorMessage(err), icon: 'none' }))
      .finally(() => setBusy(false));
  };
  // Back from the login page that 预约直播 opened: a booking is harmless to redo, so it is made at once.
  useResumedAction('book', detail.id, book);

  const waiting = detail.status === 'live';
  return (
    <View className='live-stage live-stage--idle'>
      <View className='live-stage__title'>
        {detail.status === 'pending' ? '直播待审核' : detail.status === 'rejected' ? '直播未通过审核' : waiting ? '主播正在准备，马上开始' : '直播尚未开始'}
      </View>
      <View className='live-stage__text'>开播时间：{formatDateTime(detail.startAt)}</View>
      {detail.status === 'scheduled' ? (
        detail.booked ? (
          <View id='live-booked' className='live-stage__booked'>已预约，开播时提醒您</View>
        ) : (
          <Button id='live-book' className='ll-button live-stage__book' loading={busy} disabled={busy} onClick={book}>
            预约直播
          </Button>
        )
      ) : null}
    </View>
  );
}

function LiveRoom({ detail, room, onFinished }: { detail: LiveSessionDetail; room: Room; onFinished: () => void }) {
  const user = useSession();
  const signedIn = !!user;
  // Reports come from students (the server refuses others); a guest's tap asks them to sign in first.
  const canReport = !user || user.roles.includes('student');
  const { state, send, clearError } = room;
  const [text, setText] = useState('');
  const [question, setQuestion] = useState(false);
  const [pending, setPending] = useState<string>();
  // Each detail poll signs a fresh play URL; keep the first so the player is not restarted every poll.
  const [flv] = useState(detail.play?.flv);

  useEffect(() => {
    if (!state.error) return;
    const { code, message } = state.error;
    clearError();
    setPending(undefined);
    if (code === 'PROFILE_INCOMPLETE') {
      void Taro.showModal({ title: '请先完善个人资料', content: message, confirmText: '去完善' }).then(r => {
        if (r.confirm) void navigate('profile');
      });
      return;
    }
    void Taro.showToast({ title: message, icon: 'none' });
  }, [state.error, clearError]);

  useEffect(() => {
    if (pending && state.applied.includes(pending)) {
      setPending(undefined);
      void Taro.showToast({ title: '投递成功', icon: 'success' });
    }
  }, [pending, state.applied]);

  const offline = () => void Taro.showToast({ title: '直播间连接中断，正在重连…', icon: 'none' });

  const apply = (jobId: string) => {
    if (!signedIn) {
      // weapp signs in on the spot; the room connects for the new user, and the next tap applies.
      void signIn('apply', jobId).then(ok => ok && readyToApply());
      return;
    }
    if (state.applied.includes(jobId)) return;
    if (!send({ type: 'apply', jobId })) {
      offline();
      return;
    }
    setPending(jobId);
  };

  const submit = () => {
    const value = text.trim();
    if (!value) return;
    if (!send({ type: 'chat', text: value, question })) {
      offline();
      return;
    }
    setText('');
  };

  const openJob = (id: string) => void navigate('jobDetail', { id, liveSessionId: detail.id, via: 'live-job-page' });
  // 举报 names the moment of the tap: the server freezes the card, the stream position and the chat as they were then.
  const report = async (jobId?: string) => {
    if (!signedIn && !(await signIn('complain', `live:${detail.id}:${jobId ?? ''}`))) return;
    // Milliseconds: digits pass through the page URL unchanged on both platforms.
    const shownAt = String(Date.now());
    void navigate('complaintNew', jobId ? { liveSessionId: detail.id, liveTarget: 'job', jobId, shownAt } : { liveSessionId: detail.id, liveTarget: 'stream', shownAt });
  };
  // Back from the login page: 参与互动 puts the cursor in the chat box, 举报 opens its form, 一键投递 waits for the tap.
  const chatting = useResumedAction('chat', detail.id);
  const reported = pendingTarget('complain') ?? '';
  useResumedAction('complain', reported.startsWith(`live:${detail.id}:`) ? reported : '', () => void report(reported.split(':')[2] || undefined));
  useResumedAction('apply', pendingTarget('apply') ?? '', readyToApply);
  const pinned = state.pinned;
  const notice = viewerNotice(state, detail.removed);
  const removed = detail.removed || state.connection === 'removed';
  const finished = state.stream?.status === 'ended' || state.stream?.status === 'replay';
  // A removed viewer's playback ends, and so does everyone's when the stream has ended.
  const playing = flv && !removed && !finished;
  const status = state.stream?.status ?? detail.status;
  const onChannels = detail.channels && !removed && !finished && status === 'live' ? detail.channels : undefined;

  return (
    <View className='live-room'>
      {onChannels ? (
        <ChannelsStage link={onChannels} />
      ) : playing ? (
        <LiveVideo flv={flv} />
      ) : removed || finished ? (
        <View className='live-stage live-stage--idle'>
          <View className='live-stage__title'>{notice}</View>
          {state.stream?.status === 'replay' && !removed ? (
            <Button id='live-open-replay' className='ll-button live-stage__book' onClick={onFinished}>
              观看回放
            </Button>
          ) : null}
        </View>
      ) : (
        <NotStarted detail={detail} onBooked={() => undefined} />
      )}
      {notice && playing ? (
        <View id='live-notice' className='live-banner' role='status'>
          {notice}
        </View>
      ) : null}
      <View className='ll-card live-head'>
        <View className='live-head__title'>{detail.title}</View>
        <View className='live-head__meta'>
          <View>{detail.hostName}</View>
          <View id='live-viewers'>{state.viewers} 人在看</View>
          {removed || !canReport ? null : (
            <View id='live-report' className='live-head__report' {...pressable(() => void report(), { label: '举报直播' })}>
              举报直播
            </View>
          )}
        </View>
      </View>

      {state.connection === 'reconnecting' ? <View className='live-banner'>连接中断，正在重连…</View> : null}

      {pinned ? (
        <View id='live-pinned' className='ll-card live-pinned'>
          <View className='live-pinned__label'>主播推荐</View>
          <View className='live-pinned__body' {...pressable(() => openJob(pinned.id))}>
            <View className='live-pinned__title'>{pinned.title}</View>
            <View className='live-pinned__meta'>
              {pinned.enterpriseName} · {formatSalary(pinned.salaryMin, pinned.salaryMax)}
            </View>
          </View>
          <Button
            id='live-pinned-apply'
            className={`live-pinned__apply${state.applied.includes(pinned.id) ? ' live-pinned__apply--done' : ''}`}
            size='mini'
            disabled={state.applied.includes(pinned.id) || pending === pinned.id}
            loading={pending === pinned.id}
            onClick={() => apply(pinned.id)}
          >
            {state.applied.includes(pinned.id) ? '已投递' : '一键投递'}
          </Button>
          {canReport ? (
            <View id='live-pinned-report' className='live-pinned__report' {...pressable(() => void report(pinned.id), { label: '举报岗位' })}>
              举报
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='ll-card live-chat'>
        <MessageList messages={state.messages} empty={removed ? '您已被移出，不能查看本场互动' : signedIn ? '还没有人发言，来提第一个问题吧' : '登录后可查看互动并提问'} />
        {signedIn && !removed ? (
          <View className='live-compose'>
            <Input
              id='live-input'
              className='live-compose__input'
              value={text}
              maxlength={200}
              disabled={state.mutedMe}
              focus={chatting}
              {...fieldLabelProps('发言')}
              placeholder={state.mutedMe ? '您已被禁言' : question ? '向主播提问…' : '说点什么…'}
              confirmType='send'
              onInput={e => setText(e.detail.value)}
              onConfirm={submit}
            />
            <View
              id='live-question'
              className={`live-compose__question${question ? ' live-compose__question--on' : ''}`}
              {...pressable(() => setQuestion(q => !q), { role: 'switch', checked: question })}
            >
              {question ? '✓ 提问' : '提问'}
            </View>
            <Button id='live-send' className='live-compose__send' size='mini' onClick={submit}>
              发送
            </Button>
            <View id='live-like' className='live-compose__like' {...pressable(() => send({ type: 'like' }) || offline(), { label: `点赞 ${state.likes}` })}>
              ♥ {state.likes}
            </View>
          </View>
        ) : removed ? null : (
          <Button id='live-login' className='ll-button ll-button--ghost' onClick={() => void signIn('chat', detail.id)}>
            登录后参与互动
          </Button>
        )}
      </View>

      <View className='ll-card'>
        <View className='live-section-title'>本场岗位</View>
        <JobCards jobs={detail.jobs} applied={state.applied} pending={pending} onApply={apply} onOpen={openJob} />
      </View>
    </View>
  );
}

/** One-tap 投递 on the replay's job cards, over HTTP (no room after the end), naming the replay as the source. */
function useReplayApply(detail: LiveSessionDetail) {
  const [applied, setApplied] = useState<string[]>(detail.applied ?? []);
  const [pending, setPending] = useState<string>();
  const apply = (jobId: string) => {
    if (!session.current()) {
      void signIn('apply', jobId).then(ok => ok && apply(jobId));
      return;
    }
    if (applied.includes(jobId) || pending) return;
    setPending(jobId);
    applyJob(jobId, undefined, { liveSessionId: detail.id, via: 'replay' })
      .then(
        () => {
          setApplied(list => [...list, jobId]);
          void Taro.showToast({ title: '投递成功', icon: 'success' });
        },
        (err: unknown) => {
          if (err instanceof ApiError && err.code === 'JOB_ALREADY_APPLIED') {
            setApplied(list => [...list, jobId]);
            return;
          }
          if (err instanceof ApiError && err.code === 'PROFILE_INCOMPLETE') {
            void Taro.showModal({ title: '请先完善个人资料', content: err.message, confirmText: '去完善' }).then(r => {
              if (r.confirm) void navigate('profile');
            });
            return;
          }
          void Taro.showToast({ title: errorMessage(err), icon: 'none' });
        },
      )
      .finally(() => setPending(undefined));
  };
  useResumedAction('apply', pendingTarget('apply') ?? '', readyToApply);
  return { applied, pending, apply };
}

function Replay({ detail }: { detail: LiveSessionDetail }) {
  const replayApply = useReplayApply(detail);
  const [page, setPage] = useState<LiveReplayPage>();
  const [messages, setMessages] = useState<LiveRoomMessage[]>([]);
  const [failed, setFailed] = useState('');
  const [loading, setLoading] = useState(false);
  /** Which recording plays: a stream that dropped and resumed left one file per part. */
  const [part, setPart] = useState(0);
  /** Playback position on the stream's time line, once the video plays. */
  const [position, setPosition] = useState<number>();

  const load = useCallback(
    (cursor?: string) => {
      setLoading(true);
      return liveReplay(detail.id, { cursor })
        .then(
          next => {
            setPage(next);
            setMessages(list => mergeMessages(list, next.items, Infinity));
          },
          err => setFailed(errorMessage(err)),
        )
        .finally(() => setLoading(false));
    },
    [detail.id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  // Messages are paged; while the video plays, fetch the next page before its messages are due.
  const nextCursor = page?.nextCursor;
  useEffect(() => {
    if (position !== undefined && !loading && needsMoreMessages(messages, position, !!nextCursor)) void load(nextCursor);
  }, [position, loading, messages, nextCursor, load]);

  if (failed) return <EmptyState kind='error' title='回放加载失败' description={failed} actionText='重试' onAction={() => { setFailed(''); void load(); }} />;
  if (!page) return <EmptyState kind='loading' title='正在加载回放…' />;
  const recordings = page.recordings ?? (page.recordingUrl ? [{ url: page.recordingUrl, offsetMs: 0 }] : []);
  const current = recordings[part];
  const shown = position === undefined ? messages : messagesUntil(messages, position);
  return (
    <View className='live-room'>
      {current ? (
        <View>
          {/* Taro's h5 video is absolutely positioned: the frame gives it its place and size. */}
          <View className='live-replay'>
            <Video
              // A new element per part, so the next part starts from its beginning.
              key={current.url}
              id='live-replay-video'
              className='live-replay__video'
              src={current.url}
              controls
              autoplay={part > 0}
              onTimeUpdate={e => setPosition(replayPositionMs(recordings, part, e.detail.currentTime * 1000))}
              onEnded={() => setPart(i => (i + 1 < recordings.length ? i + 1 : i))}
            />
          </View>
          {recordings.length > 1 ? (
            <View className='live-replay__parts'>
              {recordings.map((r, i) => (
                <View
                  key={r.url}
                  id={`live-replay-part-${i + 1}`}
                  className={`live-replay__part${i === part ? ' live-replay__part--on' : ''}`}
                  {...pressable(() => setPart(i), { role: 'radio', checked: i === part })}
                >
                  第 {i + 1} 段 · {offsetLabel(r.offsetMs)}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : (
        <View className='live-stage live-stage--idle'>
          <View className='live-stage__title'>直播已结束</View>
          <View className='live-stage__text'>录像整理中，以下是直播中的互动记录</View>
        </View>
      )}
      <View className='ll-card live-head'>
        <View className='live-head__title'>{detail.title}</View>
        <View className='live-head__meta'>
          <View>{detail.hostName}</View>
          <View>{formatDateTime(detail.startedAt ?? detail.startAt)}</View>
        </View>
      </View>
      <View className='ll-card live-chat'>
        <MessageList messages={shown} withOffsets empty={position === undefined ? '本场直播没有互动消息' : '播放到此处时还没有互动消息'} />
        {page.nextCursor && position === undefined ? (
          <Button className='ll-button ll-button--ghost' loading={loading} onClick={() => void load(page.nextCursor)}>
            加载更多
          </Button>
        ) : null}
      </View>
      <View className='ll-card'>
        <View className='live-section-title'>本场岗位</View>
        <JobCards
          jobs={detail.jobs}
          applied={replayApply.applied}
          pending={replayApply.pending}
          onApply={replayApply.apply}
          onOpen={id => void navigate('jobDetail', { id, liveSessionId: detail.id, via: 'replay' })}
        />
      </View>
    </View>
  );
}

/**
 * A start notice (WeChat card or inbox item) opens this page by itself, with no live tab below it:
 * then the page offers the way to the other sessions.
 */
function Opened({ children }: { children: ReactNode }) {
  const alone = useMemo(() => Taro.getCurrentPages().length <= 1, []);
  return (
    <>
      {alone ? (
        <View id='live-more' className='live-more' {...pressable(() => void switchTab('live'), { role: 'link' })}>
          更多直播 ›
        </View>
      ) : null}
      {children}
    </>
  );
}

export default function LiveRoomPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const detail = useRequest(() => getLive(id), id);
  const [booked, setBooked] = useState<LiveSessionDetail>();
  const status = detail.data?.status;
  const reload = detail.reload;
  const signedIn = !!useSession();
  const open = status === 'scheduled' || status === 'live';
  // One room connection for the page: waiting viewers hear the start at once, and keep it when it starts.
  const room = useLiveRoom(id, signedIn && open && !detail.data?.removed);
  const streamStatus = room.state.stream?.status;

  // The room says the session went live (or a drop ended it): the page shows what the detail says now.
  useEffect(() => {
    if (streamStatus === 'live' && status === 'scheduled') void reload();
  }, [streamStatus, status, reload]);

  // A WeChat notice card names its inbox item (`n`): opening the card reads the item.
  useEffect(() => {
    if (params.n && signedIn) markRead(params.n).catch(() => undefined);
  }, [params.n, signedIn]);

  useEffect(() => {
    // A scheduled session turns live (and a live one ends) by the media server's events: look again now and then.
    if (status !== 'scheduled' && status !== 'live') return undefined;
    const timer = setInterval(() => void reload(), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [status, reload]);

  if (detail.status === 'loading' && !detail.data) return <EmptyState kind='loading' title='正在进入直播间…' />;
  if (!detail.data) {
    return (
      <Opened>
        <EmptyState kind='error' title='直播加载失败' description={detail.error} actionText='重试' onAction={detail.reload} />
      </Opened>
    );
  }
  const current = booked && booked.id === detail.data.id && detail.data.status === 'scheduled' ? { ...detail.data, booked: booked.booked, bookingCount: booked.bookingCount } : detail.data;
  if (current.status === 'ended' || current.status === 'replay') return <Opened><Replay detail={current} /></Opened>;
  if (current.status === 'live') return <Opened><LiveRoom detail={current} room={room} onFinished={() => void reload()} /></Opened>;
  return (
    <Opened>
      <View className='live-room'>
        <NotStarted detail={current} onBooked={setBooked} />
        <View className='ll-card live-head'>
          <View className='live-head__title'>{current.title}</View>
          <View className='live-head__meta'>
            <View>{current.hostName}</View>
            <View>{current.bookingCount} 人已预约</View>
          </View>
        </View>
        <View className='ll-card'>
          <View className='live-section-title'>本场岗位</View>
          <JobCards jobs={current.jobs} applied={current.applied ?? []} onOpen={jobId => void navigate('jobDetail', { id: jobId, liveSessionId: current.id, via: 'live-job-page' })} />
        </View>
      </View>
    </Opened>
  );
}
