import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PUSH_FAIL_REASON_LABELS, type PushState, type PushStats } from '@contract/notice';
import EmptyState from '@/components/EmptyState';
import Tag, { type TagTone } from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { contentPushes } from '@/services/api/inbox';
import { formatDate } from '@/utils/format';
import '../staff.scss';
import { pressable } from '@/utils/a11y';
import './index.scss';

const STATE_LABELS: Record<PushState, { label: string; tone: TagTone }> = {
  sending: { label: '发送中', tone: 'warning' },
  done: { label: '已完成', tone: 'success' },
  off: { label: '仅站内消息', tone: 'neutral' },
};

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

function Push({ push }: { push: PushStats }) {
  const state = STATE_LABELS[push.state];
  const figures: Array<[string, number, string?]> = [
    ['推送人数', push.audience],
    ['微信已发送', push.sent, percent(push.sent, push.audience)],
    ['无订阅次数', push.noCredit],
    ['发送失败', push.failed],
    ['待发送', push.pending],
    ['已读', push.read, percent(push.read, push.audience)],
  ];
  return (
    <View id={`push-${push.id}`} className='ll-card push-stats'>
      <View className='push-stats__head'>
        <View className='push-stats__title'>
          版本 {push.version} · {push.title}
        </View>
        <Tag tone={state.tone}>{state.label}</Tag>
      </View>
      <View className='policy-staff__muted'>推送时间 {formatDate(push.createdAt)}</View>
      <View className='push-stats__grid'>
        {figures.map(([label, value, share]) => (
          <View key={label} className='push-stats__figure'>
            <View className='push-stats__value'>{value}</View>
            <View className='push-stats__label'>
              {label}
              {share ? `（${share}）` : ''}
            </View>
          </View>
        ))}
      </View>
      {push.audience === 0 && <View className='policy-staff__muted'>适用对象没有匹配到学生，本次未推送。</View>}
      {push.off > 0 && <View className='policy-staff__muted'>微信发送未开通：{push.off} 人仅收到站内消息。</View>}
      {push.failedBy.length > 0 && (
        <View className='push-stats__failures'>
          <View className='policy-staff__section'>失败原因</View>
          {push.failedBy.map(f => (
            <View key={`${f.reason}-${f.errcode ?? ''}`} className='push-stats__failure'>
              <View>
                {PUSH_FAIL_REASON_LABELS[f.reason]}
                {f.errcode !== undefined ? `（错误码 ${f.errcode}）` : ''}
              </View>
              <View>{f.count} 人</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default function PushStatsPage() {
  const id = useRouter().params.id ?? '';
  const pushes = useRequest(() => contentPushes(id), id, { refreshOnPullDown: true });

  if (pushes.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (pushes.status === 'error') return <EmptyState kind='error' title='加载失败' description={pushes.error} actionText='重试' onAction={pushes.reload} />;
  const list = pushes.data ?? [];
  return (
    <View className='ll-page policy-staff'>
      <View className='policy-staff__bar'>
        <View className='policy-staff__title'>推送统计</View>
        <View className='push-stats__refresh' {...pressable(() => void pushes.reload())}>
          刷新
        </View>
      </View>
      {list.length === 0 ? <EmptyState title='还没有推送' description='发布带适用对象的政策后，这里显示每次推送的结果' /> : list.map(push => <Push key={push.id} push={push} />)}
    </View>
  );
}
