import { Button, Input, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { SLOT_KIND_LABELS, SLOT_MODE_LABELS, type SlotKind, type SlotView } from '@contract/growth';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { bookSlot, cancelBooking, slots } from '@/services/api/growth';
import { act, dayAndTime } from '../../act';
import { useGrowthNotice } from '../../notice';
import '../../growth.scss';

export default function SlotsPage() {
  const kind: SlotKind = useRouter().params.kind === 'mentor' ? 'mentor' : 'advisor';
  const list = useRequest(() => slots(kind), `growth-slots-${kind}`, { refreshOnShow: true, refreshOnPullDown: true });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState('');
  const withNotice = useGrowthNotice();

  const run = async (id: string, call: () => Promise<SlotView>, done: string) => {
    setBusy(id);
    await act(call, done);
    setBusy('');
    // Reload either way: a slot someone else just took disappears from the list.
    await list.reload();
  };

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  const items = list.data ?? [];
  const days = new Map<string, SlotView[]>();
  for (const slot of items) {
    const { day } = dayAndTime(slot.startsAt);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return (
    <View className='ll-page'>
      <View className='growth-card__note'>
        {kind === 'mentor'
          ? '“创业诊所”为创业毕业生提供政策咨询、开业指导、企业发展等专业服务。每位导师同一时间可保留一个预约。'
          : '高校按 1:500 配齐职业指导师。每位老师同一时间可保留一个预约，如不能前往请提前取消。'}
      </View>
      <FormField label='想咨询的问题（选填）'>
        <Input id='slot-note' className='growth-input' maxlength={200} value={note} placeholder='例如：简历修改、面试准备、职业方向' onInput={e => setNote(e.detail.value)} />
      </FormField>
      {items.length === 0 && <EmptyState title={`暂无可预约的${SLOT_KIND_LABELS[kind]}时段`} compact />}
      {[...days.entries()].map(([day, daySlots]) => (
        <View key={day}>
          <View className='growth-day'>{day}</View>
          {daySlots.map(slot => (
            <View key={slot.id} id={`slot-${slot.id}`} className='ll-card growth-slot'>
              <View>
                <View className='growth-slot__time'>
                  {dayAndTime(slot.startsAt).time}-{dayAndTime(slot.endsAt).time}
                </View>
                <View className='growth-card__meta'>
                  {slot.hostName} · {slot.hostTitle}
                </View>
                <View className='growth-card__meta'>
                  {SLOT_MODE_LABELS[slot.mode]} · {slot.location}
                </View>
              </View>
              {slot.mine ? (
                <View>
                  <Tag tone='success'>已预约</Tag>
                  <Button className='growth-button growth-button--danger' disabled={busy === slot.id} onClick={() => run(slot.id, () => cancelBooking(slot.id), '已取消预约')}>
                    取消
                  </Button>
                </View>
              ) : (
                <Button id={`slot-book-${slot.id}`} className='growth-button' disabled={busy === slot.id} onClick={() => run(slot.id, () => withNotice(() => bookSlot(slot.id, note.trim())), '预约成功')}>
                  预约
                </Button>
              )}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
