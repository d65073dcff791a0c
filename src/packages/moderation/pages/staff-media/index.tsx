import { useState } from 'react';
import { Button, Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MediaCheckView, MediaDecision, MediaQueueFilter } from '@contract/moderation';
import Chip from '@/components/Chip';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { decideMedia, mediaQueue } from '@/services/api/moderation';
import { downloadProtected, openProtectedFile, previewImage } from '@/services/files';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import './index.scss';

const TABS: Array<{ filter: MediaQueueFilter; label: string; empty: string }> = [
  { filter: 'waiting', label: '待处理', empty: '没有待处理的图片或文件' },
  { filter: 'risky', label: '微信判定有风险', empty: '没有被微信判定有风险的文件' },
  { filter: 'decided', label: '已处理', empty: '还没有处理过的文件' },
];

/** WeChat's risk labels (mediaCheckAsync v2). */
const WECHAT_LABELS: Record<number, string> = { 100: '正常', 20001: '时政', 20002: '色情', 20006: '违法犯罪', 21000: '其他风险' };

const IMAGE_TYPES = new Set(['png', 'jpeg', 'jpg', 'gif', 'webp']);

function statusTone(media: MediaCheckView): 'success' | 'danger' | 'warning' {
  if (media.status === 'pass') return 'success';
  if (media.status === 'risky' || media.status === 'hidden') return 'danger';
  return 'warning';
}

function Preview({ media }: { media: MediaCheckView }) {
  const [src, setSrc] = useState<string>();
  const [error, setError] = useState('');
  const image = IMAGE_TYPES.has(media.type);
  const open = () => {
    setError('');
    const shown = image ? downloadProtected(media.fileUrl).then(setSrc) : openProtectedFile(media.fileUrl, 'pdf');
    void shown.catch((err: unknown) => setError(errorMessage(err)));
  };
  if (src) {
    return (
      <View {...pressable(() => void previewImage(src), { label: `放大查看${media.purposeLabel}图片` })}>
        <Image id={`media-image-${media.id}`} className='media-image' src={src} mode='aspectFit' nativeProps={{ alt: `${media.purposeLabel}图片` }} />
      </View>
    );
  }
  return (
    <View>
      <View id={`media-open-${media.id}`} className='media-link' {...pressable(open)}>
        {image ? '查看图片 ›' : '打开文件 ›'}
      </View>
      {error && <View className='media-error'>{error}</View>}
    </View>
  );
}

function MediaCard({ initial }: { initial: MediaCheckView }) {
  const [media, setMedia] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const decide = async (decision: MediaDecision) => {
    if (decision === 'hide') {
      const { confirm } = await Taro.showModal({
        title: '隐藏这个文件？',
        content: '隐藏后只有上传者能看到，系统会通知上传者重新上传。',
        confirmText: '隐藏',
        confirmColor: '#c9303f',
        cancelText: '取消',
      });
      if (!confirm) return;
    }
    setBusy(true);
    setError('');
    try {
      setMedia(await decideMedia(media.id, decision));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const open = media.status !== 'pass' && media.status !== 'hidden';
  return (
    <View id={`media-${media.id}`} className='ll-card'>
      <View className='media-head'>
        <View className='media-title'>{media.purposeLabel}</View>
        <Tag tone={statusTone(media)}>{media.statusLabel}</Tag>
      </View>
      <View className='media-sub'>
        {media.type.toUpperCase()} 文件 · 上传于 {formatDateTime(media.createdAt)}
      </View>
      {media.reason && <View className='media-sub'>未经微信检测：{media.reason}</View>}
      {media.label !== undefined && media.label !== 100 && <View className='media-sub'>微信判定：{WECHAT_LABELS[media.label] ?? '其他风险'}</View>}
      {media.decidedAt && (
        <View className='media-sub'>
          {media.decidedBy === 'wechat' ? '微信' : '工作人员'}处理于 {formatDateTime(media.decidedAt)}
        </View>
      )}
      <Preview media={media} />
      {open && (
        <View className='media-actions'>
          <Button id={`media-pass-${media.id}`} className='ll-button' disabled={busy} onClick={() => void decide('pass')}>
            通过，所有人可见
          </Button>
          <Button id={`media-hide-${media.id}`} className='ll-button ll-button--danger' disabled={busy} onClick={() => void decide('hide')}>
            隐藏
          </Button>
        </View>
      )}
      {error && <View className='media-error'>{error}</View>}
    </View>
  );
}

/** Media nobody but its uploader sees until WeChat's check or a person clears it. */
export default function StaffMediaPage() {
  const [filter, setFilter] = useState<MediaQueueFilter>('waiting');
  const list = usePagedList(() => mediaQueue(filter), { filter }, { refreshOnShow: true });
  const tab = TABS.find(t => t.filter === filter) ?? TABS[0];
  return (
    <View className='ll-page'>
      <View className='media-intro'>投诉证据、营业执照等上传文件在微信内容安全检测通过前，只有上传者本人能看到。微信未能检测或要求人工复核的，在这里处理（最早的在前）。</View>
      <View className='media-tabs ll-tabs'>
        {TABS.map(t => (
          <Chip key={t.filter} id={`media-tab-${t.filter}`} active={filter === t.filter} onClick={() => setFilter(t.filter)}>
            {t.label}
          </Chip>
        ))}
      </View>
      {list.items.map(media => (
        <MediaCard key={`${media.id}-${media.status}`} initial={media} />
      ))}
      <ListFooter list={list} empty={{ title: tab.empty, compact: true }} />
    </View>
  );
}
