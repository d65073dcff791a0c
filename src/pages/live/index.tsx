import { useEffect, useState } from 'react';
import { Button, Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LiveListTab, LiveSessionSummary, LiveStatus } from '@contract/live';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import { cancelLiveBooking, listLive, liveNoticeConfig } from '@/services/api/live';
import { bookWithNotice } from '@/services/live-booking';
import { useRequest } from '@/hooks/useRequest';
import { formatMonthDayTime } from '@/utils/format';
import { useSession } from '@/hooks/useSession';
import { useResumedAction } from '@/hooks/useResumedAction';
import { navigate } from '@/services/navigation';
import { ApiError } from '@/services/http';
import { pendingTarget, requireLogin } from '@/services/login-gate';
import { current } from '@/services/session';
import { switchTab } from '@/services/navigation';
import { pressable } from '@/utils/a11y';
import './index.scss';

const TABS: { tab: LiveListTab; label: string }[] = [
  { tab: 'live', label: '正在直播' },
  { tab: 'upcoming', label: '即将开播' },
  { tab: 'past', label: '往期回顾' },
];

const STATUS_LABELS: Record<LiveStatus, string> = {
  pending: '待审核',
  rejected: '未通过',
  scheduled: '即将开播',
  live: '直播中',
  ended: '已结束',
  replay: '可回放',
};

export default function Live() {
  const [tab, setTab] = useState<LiveListTab>('upcoming');
  const sessions = useRequest(() => listLive(tab), tab, { refreshOnShow: true, refreshOnPullDown: true });
  // Bookings made on this page since the list arrived; a fresh list supersedes them.
  const [bookings, setBookings] = useState<Record<string, Pick<LiveSessionSummary, 'booked' | 'bookingCount'>>>({});
  useEffect(() => setBookings({}), [sessions.data]);
  const items = sessions.data?.map(item => ({ ...item, ...bookings[item.id] }));
  const [busy, setBusy] = useState<string>();
  const [templateId, setTemplateId] = useState<string>();
  const roles = useSession()?.roles ?? [];

  // Back from the login page that 预约 opened: a booking is harmless to redo, so it is made at once.
  const tapped = pendingTarget('book') ?? '';
  useResumedAction('book', tapped, () => void toggleBooking({ id: tapped, booked: false }));

  useEffect(() => {
    liveNoticeConfig().then(c => setTemplateId(c.templateId), () => undefined);
  }, []);

  // No await before bookWithNotice when signed in: WeChat shows the subscribe popup only straight from the tap.
  async function toggleBooking(item: Pick<LiveSessionSummary, 'id' | 'booked'>) {
    if (!current() && !(await requireLogin('book', item.id))) return;
    setBusy(item.id);
    try {
      const next = item.booked ? await cancelLiveBooking(item.id) : await bookWithNotice(item.id, templateId);
      setBookings(current => ({ ...current, [item.id]: { booked: next.booked, bookingCount: next.bookingCount } }));
      await Taro.showToast({ title: next.booked ? '预约成功，开播时提醒您' : '已取消预约', icon: 'none' });
    } catch (err) {
      await Taro.showToast({ title: err instanceof ApiError ? err.message : '操作失败，请稍后再试', icon: 'none' });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <View className='ll-page live'>
      {roles.includes('recruiter') || roles.includes('bureau') || roles.includes('admin') ? (
        <View className='live-tabs'>
          {roles.includes('recruiter') ? (
            <Chip id='live-manage' active={false} onClick={() => void navigate('liveManage')}>
              我的直播 ›
            </Chip>
          ) : null}
          {roles.includes('bureau') || roles.includes('admin') ? (
            <Chip id='live-review' active={false} onClick={() => void navigate('liveReview')}>
              直播审核 ›
            </Chip>
          ) : null}
        </View>
      ) : null}
      <View className='live-tabs'>
        {TABS.map(t => (
          <Chip key={t.tab} id={`live-tab-${t.tab}`} active={tab === t.tab} onClick={() => setTab(t.tab)}>
            {t.label}
          </Chip>
        ))}
      </View>

      {sessions.status === 'error' ? (
        <View className='ll-card'>
          <EmptyState kind='error' title='加载失败' description='请检查网络后重试' actionText='重新加载' onAction={sessions.reload} />
        </View>
      ) : !items ? (
        <View className='ll-card'>
          <EmptyState kind='loading' title='加载中…' />
        </View>
      ) : items.length === 0 ? (
        <View className='ll-card'>
          <EmptyState
            title={tab === 'live' ? '暂时没有正在进行的直播' : tab === 'upcoming' ? '暂无即将开播的直播' : '暂无往期直播'}
            description='企业招聘官将在这里直播介绍岗位、在线答疑，毕业生可边看边投递'
            actionText='先去看看岗位'
            onAction={() => switchTab('jobs')}
          />
        </View>
      ) : (
        items.map(item => (
          <View key={item.id} id={`live-${item.id}`} className='ll-card live-item'>
            {item.coverUrl ? <Image className='live-item__cover' src={item.coverUrl} mode='aspectFill' nativeProps={{ alt: `${item.title}封面` }} /> : null}
            <View className='live-item__body' {...pressable(() => void navigate('liveRoom', { id: item.id }), { role: 'link' })}>
              <View className='live-item__head'>
                <View className={`live-item__status live-item__status--${item.status}`}>{STATUS_LABELS[item.status]}</View>
                <View className='live-item__time'>{formatMonthDayTime(item.startAt)}</View>
              </View>
              <View className='live-item__title'>{item.title}</View>
              <View className='live-item__host'>{item.hostName}</View>
              <View className='live-item__foot'>
                <View className='live-item__count'>{item.bookingCount} 人已预约</View>
                {item.status === 'scheduled' ? (
                  <Button
                    id={`live-book-${item.id}`}
                    className={`live-item__book${item.booked ? ' live-item__book--done' : ''}`}
                    size='mini'
                    // Left out rather than false: h5 styles disabled="false" as disabled (white on grey).
                    loading={busy === item.id || undefined}
                    disabled={busy === item.id || undefined}
                    onClick={e => {
                      e.stopPropagation();
                      void toggleBooking(item);
                    }}
                  >
                    {item.booked ? '已预约' : '预约'}
                  </Button>
                ) : null}
              </View>
            </View>
          </View>
        ))
      )}

      <View className='ll-card live-about'>
        <View className='live-about__title'>什么是“直播带岗”？</View>
        <View className='live-about__text'>
          按照大连市“十大行动”工作方案，公共就业服务机构将常态化开展专项招聘，创新“直播带岗”“隔空送岗”等模式，把在连企业的优质岗位直接送到毕业生面前。
        </View>
      </View>
    </View>
  );
}
