import { useEffect, useState } from 'react';
import { Button, Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { FairTicket, MyFair } from '@contract/job';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { fairTicket, myFairs } from '@/services/api/fair';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import { qrDataUrl, secondsLeft } from './qr';
import '../../fairs.scss';
import { pressable } from '@/utils/a11y';

function Ticket({ fairId }: { fairId: string }) {
  const [ticket, setTicket] = useState<FairTicket & { image: string }>();
  const [left, setLeft] = useState(0);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    try {
      const next = await fairTicket(fairId);
      setTicket({ ...next, image: qrDataUrl(next.token) });
      setLeft(secondsLeft(next.expiresAt));
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!ticket) return undefined;
    const timer = setInterval(() => setLeft(secondsLeft(ticket.expiresAt)), 1000);
    return () => clearInterval(timer);
  }, [ticket]);

  if (!ticket || left === 0) {
    return (
      <Button id={`my-fair-ticket-${fairId}`} className='ll-button fair__button' loading={busy} disabled={busy} onClick={() => void load()}>
        {ticket ? '签到码已过期，重新获取' : '出示签到码'}
      </Button>
    );
  }
  return (
    <View className='fair__center'>
      {/* Square image in a square box: scaleToFill cannot distort it, and h5's aspectFit is absolutely positioned (text-align would shift it). */}
      <Image id={`my-fair-qr-${fairId}`} className='fair__qr' src={ticket.image} mode='scaleToFill' nativeProps={{ alt: '入场签到二维码' }} />
      <View className='fair__sub'>
        请向工作人员出示，{Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')} 后失效，仅可使用一次
      </View>
      <View className='fair__sub' {...pressable(() => void load())}>
        刷新签到码
      </View>
    </View>
  );
}

function Row({ item }: { item: MyFair }) {
  const { fair } = item;
  return (
    <View id={`my-fair-${fair.id}`} className='ll-card'>
      <View className='fair__head' {...pressable(() => void navigate('fairDetail', { id: fair.id }), { role: 'link' })}>
        <View className='fair__title'>{fair.title}</View>
        <View>›</View>
      </View>
      <View className='fair__sub'>
        {formatDateTime(fair.startAt)} · {fair.venue}
      </View>
      {item.checkedInAt ? <View className='fair__done'>已于 {formatDateTime(item.checkedInAt)} 签到</View> : <Ticket fairId={fair.id} />}
    </View>
  );
}

export default function MyFairsPage() {
  const list = usePagedList(cursor => myFairs({ cursor }), null, { itemKey: item => item.fair.id });
  return (
    <View className='ll-page'>
      {list.items.map(item => (
        <Row key={item.fair.id} item={item} />
      ))}
      <ListFooter list={list} empty={{ title: '还没有报名招聘会', actionText: '看看近期招聘会', onAction: () => void navigate('fairs') }} />
    </View>
  );
}
