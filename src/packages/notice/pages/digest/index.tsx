import { useEffect } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { INBOX_SOURCE_LABELS, type DigestEntry } from '@contract/notice';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { ROUTES, TAB_NAMES } from '@/constants/routes';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { inboxItem, markRead } from '@/services/api/inbox';
import { refreshUnreadBadge } from '@/services/badge';
import { navigate } from '@/services/navigation';
import { formatDate } from '@/utils/format';
import { pressable } from '@/utils/a11y';
import './index.scss';

/** Opens what one gathered notice points to: its page, or the policy it is about. */
function openEntry(entry: DigestEntry): void {
  if (entry.page) {
    const path = entry.page.split('?')[0];
    if (TAB_NAMES.some(tab => ROUTES[tab] === path)) void Taro.switchTab({ url: `/${path}` });
    else void Taro.navigateTo({ url: `/${entry.page}` });
  } else if (entry.contentId) void navigate('policyDetail', { id: entry.contentId });
}

/** The notices a weekly digest gathered (opened from the 消息中心 or from its subscribe card). */
export default function DigestPage() {
  const { params } = useRouter();
  const id = params.n ?? '';
  const user = useSession();
  const signedIn = Boolean(user);
  const item = useRequest(() => (signedIn && id ? inboxItem(id) : Promise.resolve(undefined)), `${user?.userId ?? ''}|${id}`);

  useEffect(() => {
    if (id && signedIn) markRead(id).then(() => refreshUnreadBadge()).catch(() => undefined);
  }, [id, signedIn]);

  if (!signedIn) return <EmptyState title='登录后查看消息' description='请在“我的”页登录' />;
  if (item.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (item.status === 'error' || !item.data) {
    return <EmptyState kind='error' title='加载失败' description={item.error} actionText='重试' onAction={item.reload} />;
  }
  const entries = item.data.digest ?? [];
  return (
    <View className='ll-page notice-digest'>
      <View className='notice-digest__heading'>{item.data.title}</View>
      <View className='notice-digest__note'>以下消息按你的设置汇总为每周摘要，点击可查看详情。</View>
      {entries.map(entry => (
        <View key={entry.id} id={`digest-${entry.id}`} className='ll-card notice-digest__entry' {...pressable(() => void openEntry(entry), { role: 'link' })}>
          <View className='notice-digest__head'>
            <Tag tone='primary'>{INBOX_SOURCE_LABELS[entry.topic]}</Tag>
            <View className='notice-digest__title'>{entry.title}</View>
          </View>
          {entry.summary && <View className='notice-digest__summary'>{entry.summary}</View>}
          <View className='notice-digest__time'>{formatDate(entry.createdAt)}</View>
        </View>
      ))}
    </View>
  );
}
