import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { decideLive, pendingLiveSessions } from '@/services/api/live';
import { confirmAction } from '@/services/confirm';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import '../../live.scss';
import { pressable } from '@/utils/a11y';

/** Bureau staff: sessions of enterprises that are not auto-approved, oldest start first. */
export default function LiveReviewPage() {
  const list = useRequest(pendingLiveSessions, 'live-pending', { refreshOnShow: true });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string>();

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    const reason = reasons[id]?.trim() ?? '';
    if (decision === 'reject' && !reason) {
      void Taro.showToast({ title: '驳回时请填写原因', icon: 'none' });
      return;
    }
    if (decision === 'reject') {
      const title = list.data?.find(s => s.id === id)?.title ?? '';
      const ok = await confirmAction({ content: `驳回后，直播“${title}”不会开播，也不会出现在直播列表；主播会看到原因“${reason}”。`, confirmText: '驳回', danger: true });
      if (!ok) return;
    }
    setBusy(id);
    try {
      await decideLive(id, { decision, ...(reason ? { reason } : {}) });
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'none' });
      await list.reload();
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
      await list.reload();
    } finally {
      setBusy(undefined);
    }
  };

  if (list.status === 'loading' && !list.data) return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />;
  const items = list.data ?? [];
  if (items.length === 0) return <EmptyState title='没有待审核的直播' />;
  return (
    <View className='ll-page'>
      {items.map(s => (
        <View key={s.id} id={`live-pending-${s.id}`} className='ll-card'>
          <View className='live-manage__item-title' {...pressable(() => void navigate('liveRoom', { id: s.id }), { role: 'link' })}>
            {s.title}
          </View>
          <View className='live-manage__item-meta'>
            {s.hostName} · 开播 {formatDateTime(s.startAt)}
          </View>
          <Input
            id={`live-reason-${s.id}`}
            className='live-compose__input'
            value={reasons[s.id] ?? ''}
            maxlength={200}
            placeholder='驳回原因（驳回时必填）'
            onInput={e => setReasons(prev => ({ ...prev, [s.id]: e.detail.value }))}
          />
          <View className='live-manage__actions'>
            <Button id={`live-approve-${s.id}`} size='mini' type='primary' disabled={busy === s.id} onClick={() => void decide(s.id, 'approve')}>
              通过
            </Button>
            <Button id={`live-reject-${s.id}`} size='mini' type='warn' disabled={busy === s.id} onClick={() => void decide(s.id, 'reject')}>
              驳回
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
