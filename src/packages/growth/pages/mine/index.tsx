import { Button, View } from '@tarojs/components';
import { SIGNUP_STATUS_LABELS, SLOT_KIND_LABELS, SLOT_MODE_LABELS, type SignupStatus } from '@contract/growth';
import EmptyState from '@/components/EmptyState';
import Section from '@/components/Section';
import Tag, { type TagTone } from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { myBookings, myContestRegistrations, myPlaces, mySignups, myStories } from '@/services/api/growth';
import { navigate } from '@/services/navigation';
import { formatDate, formatDateTime } from '@/utils/format';
import '../../growth.scss';
import { pressable } from '@/utils/a11y';

const DECISION_TONE: Record<string, TagTone> = { submitted: 'warning', pending: 'warning', draft: 'neutral', approved: 'success', accepted: 'success', rejected: 'danger' };
const SIGNUP_TONE: Record<SignupStatus, TagTone> = { 'signed-up': 'primary', completed: 'success', cancelled: 'neutral', rejected: 'danger' };

async function loadAll() {
  const [signups, bookings, contests, places, stories] = await Promise.all([mySignups(), myBookings(), myContestRegistrations(), myPlaces(), myStories()]);
  return { signups, bookings, contests, places, stories };
}

export default function GrowthMinePage() {
  const data = useRequest(loadAll, 'growth-mine', { refreshOnShow: true, refreshOnPullDown: true });

  if (data.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (data.status === 'error' || !data.data) return <EmptyState kind='error' title='加载失败' description={data.error} actionText='重新加载' onAction={data.reload} />;
  const { signups, bookings, contests, places, stories } = data.data;
  return (
    <View className='ll-page'>
      <Section title='课程与培训'>
        {signups.length === 0 && <EmptyState compact title='还没有报名课程' actionText='去看看' onAction={() => void navigate('growthCourses', { kind: 'career' })} />}
        {signups.map(s => (
          <View key={s.id} id={`signup-${s.id}`} className='ll-card growth-card' {...pressable(() => navigate('growthCourses', { kind: s.kind }), { role: 'link' })}>
            <View className='growth-card__head'>
              <View className='growth-card__title'>{s.courseTitle}</View>
              {s.courseStatus === 'cancelled' && s.status === 'signed-up' ? (
                <Tag tone='danger'>课程已取消</Tag>
              ) : (
                <Tag tone={SIGNUP_TONE[s.status]}>{SIGNUP_STATUS_LABELS[s.status]}</Tag>
              )}
            </View>
            <View className='growth-card__meta'>
              {s.institutionName ? `${s.institutionName} · ` : ''}
              {formatDateTime(s.startsAt)}
            </View>
            {s.reason && <View className='growth-card__note'>原因：{s.reason}</View>}
            {s.subsidyProgramId && (
              <View className='growth-card__actions'>
                <Button
                  className='growth-button'
                  onClick={e => {
                    e.stopPropagation();
                    void navigate('subsidyApply', { programId: s.subsidyProgramId ?? '' });
                  }}
                >
                  申请培训补贴
                </Button>
              </View>
            )}
          </View>
        ))}
      </Section>

      <Section title='咨询预约'>
        {bookings.length === 0 && <EmptyState compact title='还没有预约' />}
        {bookings.map(b => (
          <View key={b.id} id={`booking-${b.id}`} className='ll-card growth-card' {...pressable(() => navigate('growthSlots', { kind: b.kind }), { role: 'link' })}>
            <View className='growth-card__head'>
              <View className='growth-card__title'>
                {SLOT_KIND_LABELS[b.kind]} · {b.hostName}
              </View>
              <Tag tone={b.status === 'cancelled' ? 'danger' : 'success'}>{b.status === 'cancelled' ? '老师已取消' : '已预约'}</Tag>
            </View>
            <View className='growth-card__meta'>
              {formatDateTime(b.startsAt)} · {SLOT_MODE_LABELS[b.mode]} · {b.location}
            </View>
          </View>
        ))}
      </Section>

      <Section title='大赛报名'>
        {contests.length === 0 && <EmptyState compact title='还没有报名大赛' />}
        {contests.map(c => (
          <View key={c.id} id={`registration-${c.id}`} className='ll-card growth-card'>
            <View className='growth-card__head'>
              <View className='growth-card__title'>{c.contestTitle}</View>
              <Tag tone={DECISION_TONE[c.status]}>{c.statusLabel}</Tag>
            </View>
            <View className='growth-card__meta'>
              {c.teamName} · {c.projectTitle} · {formatDate(c.registeredAt)}
            </View>
            {c.reason && <View className='growth-card__note'>原因：{c.reason}</View>}
          </View>
        ))}
      </Section>

      <Section title='入驻申请'>
        {places.length === 0 && <EmptyState compact title='还没有入驻申请' />}
        {places.map(p => (
          <View key={p.id} className='ll-card growth-card'>
            <View className='growth-card__head'>
              <View className='growth-card__title'>{p.institutionName}</View>
              <Tag tone={DECISION_TONE[p.status]}>{p.statusLabel}</Tag>
            </View>
            <View className='growth-card__meta'>
              {p.projectTitle} · {formatDate(p.submittedAt)}
            </View>
            {p.reason && <View className='growth-card__note'>原因：{p.reason}</View>}
          </View>
        ))}
      </Section>

      <Section title='我的留连故事' extra='分享故事' onExtra={() => void navigate('growthStoryNew', {})}>
        {stories.length === 0 && <EmptyState compact title='还没有分享故事' />}
        {stories.map(s => (
          <View key={s.id} id={`my-story-${s.id}`} className='ll-card growth-card'>
            <View className='growth-card__head'>
              <View className='growth-card__title'>{s.title}</View>
              <Tag tone={DECISION_TONE[s.status]}>{s.statusLabel}</Tag>
            </View>
            <View className='growth-card__meta'>
              {formatDate(s.createdAt)}
              {s.status === 'approved' ? ` · ♥ ${s.likes}` : ''}
            </View>
            {s.reason && <View className='growth-card__note'>原因：{s.reason}</View>}
            {s.status === 'draft' && (
              <View className='growth-card__actions'>
                <Button className='growth-button' onClick={() => navigate('growthStoryNew', { id: s.id })}>
                  上传视频并提交
                </Button>
              </View>
            )}
          </View>
        ))}
      </Section>
    </View>
  );
}
