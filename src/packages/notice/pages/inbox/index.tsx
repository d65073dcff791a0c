import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { INBOX_SOURCE_LABELS, type InboxItem } from '@contract/notice';
import { CONTENT_KIND_LABELS } from '@contract/policy';
import EmptyState from '@/components/EmptyState';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { ROUTES, TAB_NAMES } from '@/constants/routes';
import { usePagedList } from '@/hooks/usePagedList';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { inbox, markAllRead, markRead } from '@/services/api/inbox';
import { hasInbox, refreshUnreadBadge } from '@/services/badge';
import { requireLogin } from '@/services/login-gate';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { formatDate } from '@/utils/format';
import { pressable } from '@/utils/a11y';
import './index.scss';

/** Opens the page a non-policy notice points to (route path and query, no leading slash). */
async function openPage(page: string): Promise<void> {
  const path = page.split('?')[0];
  // Tab pages cannot be navigated to, and take no query.
  if (TAB_NAMES.some(tab => ROUTES[tab] === path)) await Taro.switchTab({ url: `/${path}` });
  else await Taro.navigateTo({ url: `/${page}` });
}

/** Policy items show their content kind, other items where they come from. */
function labelOf(item: InboxItem): string {
  return item.source === 'policy' && item.kind ? CONTENT_KIND_LABELS[item.kind] : INBOX_SOURCE_LABELS[item.source];
}

function Inbox() {
  const list = usePagedList(cursor => inbox({ cursor }));
  // Read marks made on this page, so the list updates without a reload.
  const [readNow, setReadNow] = useState<Set<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const isRead = (item: InboxItem) => allRead || Boolean(item.readAt) || readNow.has(item.id);

  useDidShow(() => {
    void refreshUnreadBadge();
  });

  const open = (item: InboxItem) => {
    if (!isRead(item)) {
      setReadNow(prev => new Set(prev).add(item.id));
      // Marking is idempotent on the server; the detail page opens either way.
      markRead(item.id)
        .then(() => refreshUnreadBadge())
        .catch((err: unknown) => Taro.showToast({ title: errorMessage(err), icon: 'none' }));
    }
    if (item.source === 'digest') void navigate('noticeDigest', { n: item.id });
    else if (item.page) void openPage(item.page);
    else if (item.contentId) void navigate('policyDetail', { id: item.contentId });
  };

  const readAll = async () => {
    try {
      await markAllRead();
      setAllRead(true);
      await refreshUnreadBadge();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  const unread = list.items.filter(item => !isRead(item)).length;
  return (
    <View className='ll-page notice-inbox'>
      {list.status === 'ready' && (
        <View className='notice-inbox__bar'>
          <View className='notice-inbox__count'>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</View>
          <View className='notice-inbox__links'>
            {unread > 0 && (
              <View id='inbox-read-all' className='notice-inbox__link' {...pressable(() => void readAll())}>
                全部已读
              </View>
            )}
            <View className='notice-inbox__link' {...pressable(() => void navigate('noticeSettings'), { role: 'link' })}>
              消息设置
            </View>
          </View>
        </View>
      )}
      {list.items.map(item => (
        <View
          key={item.id}
          id={`inbox-${item.contentId ?? item.id}`}
          className={`ll-card notice-inbox__item${isRead(item) ? '' : ' notice-inbox__item--unread'}`}
          {...pressable(() => void open(item), { role: 'link' })}
        >
          <View className='notice-inbox__head'>
            {!isRead(item) && <View className='notice-inbox__dot' role='img' aria-label='未读' />}
            <Tag tone='primary'>{labelOf(item)}</Tag>
            <View className='notice-inbox__title'>{item.title}</View>
          </View>
          {item.summary && <View className='notice-inbox__summary'>{item.summary}</View>}
          <View className='notice-inbox__time'>{formatDate(item.createdAt)}</View>
        </View>
      ))}
      <ListFooter list={list} empty={{ title: '暂无消息', description: '适合你的政策发布、预约的直播开始后会出现在这里' }} />
    </View>
  );
}

export default function InboxPage() {
  const user = useSession();
  // Back signed in from the login page the prompt opened: the inbox below loads by itself.
  useResumedAction('inbox', 'inbox');
  if (!user) {
    return (
      <EmptyState
        title='登录后查看消息'
        description='政策发布、申请进度和预约提醒会发到这里'
        actionText='登录'
        onAction={() => void requireLogin('inbox', 'inbox').catch((err: unknown) => Taro.showToast({ title: errorMessage(err), icon: 'none' }))}
      />
    );
  }
  if (!hasInbox(user.roles)) return <EmptyState title='暂无消息中心' description='消息中心用于学生和招聘者账号' />;
  return <Inbox />;
}
