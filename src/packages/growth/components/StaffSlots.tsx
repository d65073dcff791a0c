import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import { SLOT_KIND_LABELS, SLOT_MODE_LABELS, type SlotKind, type SlotMode } from '@contract/growth';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { createSlots, hostedSlots, withdrawSlot } from '@/services/api/growth';
import { formatDateTime } from '@/utils/format';
import { act } from '../act';
import { beijingIso, consecutiveSlots, tomorrowInBeijing } from '../when';

export default function StaffSlots({ canMentor, defaultName }: { canMentor: boolean; defaultName: string }) {
  const list = useRequest(() => hostedSlots(), 'growth-hosted-slots');
  const [kind, setKind] = useState<SlotKind>(canMentor ? 'mentor' : 'advisor');
  const [mode, setMode] = useState<SlotMode>('onsite');
  const [hostName, setHostName] = useState(defaultName);
  const [hostTitle, setHostTitle] = useState(canMentor ? '创业导师' : '职业指导师');
  const [location, setLocation] = useState('');
  const [date, setDate] = useState(tomorrowInBeijing());
  const [time, setTime] = useState('09:00');
  const [minutes, setMinutes] = useState(30);
  const [count, setCount] = useState(4);
  const [busy, setBusy] = useState(false);

  const first = beijingIso(date, time);
  const problem = !hostName.trim() ? '请填写老师姓名' : !location.trim() ? '请填写地点或会议链接' : !first ? '日期或时间格式不正确' : '';

  const submit = async () => {
    setBusy(true);
    const done = await act(
      () => createSlots({ kind, hostName: hostName.trim(), hostTitle: hostTitle.trim(), mode, location: location.trim(), times: consecutiveSlots(first, minutes, count) }),
      '已发布',
    );
    setBusy(false);
    if (done) await list.reload();
  };

  return (
    <View>
      <View className='ll-card growth-card'>
        <View className='growth-card__title'>发布咨询时段</View>
        <View className='growth-tabs'>
          <Chip id='slot-kind-advisor' active={kind === 'advisor'} onClick={() => setKind('advisor')}>
            {SLOT_KIND_LABELS.advisor}
          </Chip>
          {canMentor && (
            <Chip id='slot-kind-mentor' active={kind === 'mentor'} onClick={() => setKind('mentor')}>
              {SLOT_KIND_LABELS.mentor}
            </Chip>
          )}
          {(['onsite', 'online'] as const).map(m => (
            <Chip key={m} id={`slot-mode-${m}`} active={mode === m} onClick={() => setMode(m)}>
              {SLOT_MODE_LABELS[m]}
            </Chip>
          ))}
        </View>
        <FormField label='老师姓名' required>
          <Input id='slot-host' className='growth-input' maxlength={20} value={hostName} onInput={e => setHostName(e.detail.value)} />
        </FormField>
        <FormField label='职称 / 身份'>
          <Input id='slot-title' className='growth-input' maxlength={40} value={hostTitle} onInput={e => setHostTitle(e.detail.value)} />
        </FormField>
        <FormField label={mode === 'online' ? '会议链接或说明' : '地点'} required>
          <Input id='slot-location' className='growth-input' maxlength={100} value={location} onInput={e => setLocation(e.detail.value)} />
        </FormField>
        <FormField label='日期（北京时间）' required hint='格式 2026-06-02'>
          <Input id='slot-date' className='growth-input' value={date} onInput={e => setDate(e.detail.value)} />
        </FormField>
        <FormField label='第一个时段开始' required hint='格式 09:00'>
          <Input id='slot-time' className='growth-input' value={time} onInput={e => setTime(e.detail.value)} />
        </FormField>
        <View className='growth-tabs'>
          {[20, 30, 45, 60].map(m => (
            <Chip key={m} id={`slot-minutes-${m}`} active={minutes === m} onClick={() => setMinutes(m)}>
              每个 {m} 分钟
            </Chip>
          ))}
        </View>
        <View className='growth-tabs'>
          {[1, 2, 4, 6, 8].map(n => (
            <Chip key={n} id={`slot-count-${n}`} active={count === n} onClick={() => setCount(n)}>
              连续 {n} 个
            </Chip>
          ))}
        </View>
        {problem && <View className='growth-error'>{problem}</View>}
        <View className='growth-card__actions'>
          <Button id='slot-create' className='growth-button' disabled={busy || !!problem} onClick={submit}>
            发布时段
          </Button>
        </View>
      </View>

      {list.status === 'loading' && <EmptyState compact kind='loading' title='正在加载…' />}
      {list.status === 'error' && <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />}
      {list.status === 'ready' && (list.data ?? []).length === 0 && <EmptyState compact title='还没有发布时段' />}
      {(list.data ?? []).map(slot => (
        <View key={slot.id} id={`hosted-${slot.id}`} className='ll-card growth-card'>
          <View className='growth-card__head'>
            <View className='growth-card__title'>
              {formatDateTime(slot.startsAt)}-{formatDateTime(slot.endsAt).slice(11)} · {SLOT_KIND_LABELS[slot.kind]}
            </View>
            <Tag tone={slot.status === 'booked' ? 'success' : slot.status === 'cancelled' ? 'neutral' : 'primary'}>
              {slot.status === 'booked' ? '已预约' : slot.status === 'cancelled' ? '已取消' : '可预约'}
            </Tag>
          </View>
          <View className='growth-card__meta'>
            {slot.hostName} · {SLOT_MODE_LABELS[slot.mode]} · {slot.location}
          </View>
          {slot.booking && (
            <View className='growth-card__note'>
              {slot.booking.studentName}
              {slot.booking.schoolName ? `（${slot.booking.schoolName}${slot.booking.major ? ` ${slot.booking.major}` : ''}）` : ''}
              {slot.booking.note ? `：${slot.booking.note}` : ''}
            </View>
          )}
          {slot.status !== 'cancelled' && new Date(slot.startsAt).getTime() > Date.now() && (
            <View className='growth-card__actions'>
              <Button
                className='growth-button growth-button--danger'
                onClick={async () => {
                  if (await act(() => withdrawSlot(slot.id), '已取消')) await list.reload();
                }}
              >
                取消该时段
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
