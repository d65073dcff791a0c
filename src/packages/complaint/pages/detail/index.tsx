import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { COMPLAINT_EVIDENCE_MAX_FILES } from '@contract/complaint';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { complaintNoticeConfig, myComplaint, uploadEvidence } from '@/services/api/complaint';
import { openProtectedFile, pickFile, pickImage } from '@/services/files';
import { withSubscribe } from '@/services/subscribe-tap';
import { districtName, formatDate } from '@/utils/format';
import { errorMessage } from '@/utils/errors';
import ComplaintTimeline from '../../components/ComplaintTimeline';
import LiveSnapshot from '../../components/LiveSnapshot';
import { EVIDENCE_HINT, partyOf, statusTone } from '../../components/format';
import PrivacyPopup from '@/components/PrivacyPopup';
import { pressable } from '@/utils/a11y';
import './index.scss';

const OPEN = ['submitted', 'triaged', 'investigating'];

export default function ComplaintDetailPage() {
  const id = useRouter().params.id ?? '';
  const detail = useRequest(() => myComplaint(id), `complaint-${id}`, { refreshOnShow: true });
  const notice = useRequest(complaintNoticeConfig, 'complaint-notice-config');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  if (detail.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (detail.status === 'error' || !detail.data) {
    return <EmptyState kind='error' title='加载失败' description={detail.error} actionText='重新加载' onAction={detail.reload} />;
  }
  const c = detail.data;

  const add = async (kind: 'image' | 'pdf') => {
    const picked = kind === 'image' ? await pickImage() : await pickFile(['pdf']);
    if (!picked) return;
    setBusy(true);
    setError('');
    try {
      await uploadEvidence(c.id, picked.path, picked.name);
      await detail.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page complaint-detail'>
      <PrivacyPopup />
      <View className='ll-card'>
        <View className='complaint-detail__head'>
          <View className='complaint-detail__title'>{c.categoryLabel}</View>
          <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
        </View>
        <View className='complaint-detail__row'>被投诉方：{partyOf(c)}</View>
        <View className='complaint-detail__row'>地区：{districtName(c.district)}</View>
        <View className='complaint-detail__row'>联系电话：{c.phone}</View>
        {c.dueAt && (
          <View className='complaint-detail__row'>
            {c.status === 'submitted' ? '受理期限' : '办理期限'}：{formatDate(c.dueAt)}
            {c.overdue && <Tag tone='danger'>已超期，已提醒承办部门</Tag>}
          </View>
        )}
        <View className='complaint-detail__desc'>{c.description}</View>
      </View>

      {c.reply && (
        <View id='complaint-reply' className='ll-card complaint-detail__answer'>
          <View className='complaint-detail__section'>人社部门答复</View>
          <View>{c.reply}</View>
        </View>
      )}
      {c.rejectReason && (
        <View className='ll-card complaint-detail__answer complaint-detail__answer--rejected'>
          <View className='complaint-detail__section'>不予支持的理由</View>
          <View>{c.rejectReason}</View>
        </View>
      )}

      <View className='ll-card'>
        <View className='complaint-detail__section'>办理进度</View>
        <ComplaintTimeline entries={c.timeline} />
      </View>

      {c.live ? <LiveSnapshot live={c.live} /> : null}

      <View className='ll-card'>
        <View className='complaint-detail__section'>
          证据（{c.evidence.length}/{COMPLAINT_EVIDENCE_MAX_FILES}）
        </View>
        {c.evidence.map((e, i) => (
          <View key={e.id} className='complaint-detail__file' {...pressable(() => void openProtectedFile(e.url, e.type).catch((err: unknown) => setError(errorMessage(err))))}>
            证据 {i + 1}（{e.type.toUpperCase()}，{Math.ceil(e.size / 1024)}KB）查看 ›
          </View>
        ))}
        {OPEN.includes(c.status) && c.evidence.length < COMPLAINT_EVIDENCE_MAX_FILES && (
          <View className='complaint-detail__add'>
            <View className='complaint-detail__hint'>{EVIDENCE_HINT}</View>
            <Button id='complaint-detail-add-image' size='mini' disabled={busy} onClick={() => void add('image')}>
              补充图片
            </Button>
            <Button size='mini' disabled={busy} onClick={() => void add('pdf')}>
              补充PDF
            </Button>
          </View>
        )}
        {error && <View className='complaint-detail__error'>{error}</View>}
      </View>
      {process.env.TARO_ENV === 'weapp' && notice.data?.templateId && OPEN.includes(c.status) && (
        <View className='complaint-detail__add'>
          <View className='complaint-detail__hint'>微信每次“允许”只能发送一条提醒；办理进度也会出现在消息中心。</View>
          <Button
            id='complaint-detail-subscribe'
            size='mini'
            onClick={() => {
              // Must run straight from the tap: WeChat shows the popup only then.
              void withSubscribe(notice.data?.templateId, async () => undefined);
            }}
          >
            微信提醒我下一步进度
          </Button>
        </View>
      )}
    </View>
  );
}
