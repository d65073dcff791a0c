import { Button, Input, Video, View } from '@tarojs/components';
import { useState } from 'react';
import { PLACE_STATUS_LABELS, STORY_STATUS_LABELS, type Decision, type PlaceStatus, type StoryStatus, type StoryView } from '@contract/growth';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { decidePlace, decideStory, downloadProtected, placeQueue, storyQueue } from '@/services/api/growth';
import { formatDate } from '@/utils/format';
import { act } from '../act';

/** Approve, or reject with a reason the applicant will see. */
function DecisionBar({ idPrefix, rejectLabel, onDecide }: { idPrefix: string; rejectLabel: string; onDecide: (decision: Decision, reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (decision: Decision) => {
    setBusy(true);
    await onDecide(decision, reason.trim());
    setBusy(false);
  };
  return (
    <View className='growth-form'>
      <Input id={`${idPrefix}-reason`} className='growth-input' maxlength={200} placeholder='不通过的原因（申请人可见）' value={reason} onInput={e => setReason(e.detail.value)} />
      <View className='growth-card__actions'>
        <Button id={`${idPrefix}-approve`} className='growth-button' disabled={busy} onClick={() => run('approve')}>
          通过
        </Button>
        <Button id={`${idPrefix}-reject`} className='growth-button growth-button--danger' disabled={busy || !reason.trim()} onClick={() => run('reject')}>
          {rejectLabel}
        </Button>
      </View>
    </View>
  );
}

export function PlaceReview() {
  const [status, setStatus] = useState<PlaceStatus>('submitted');
  const list = useRequest(() => placeQueue(status), `growth-places-${status}`);
  return (
    <View>
      <View className='growth-tabs'>
        {(['submitted', 'approved', 'rejected'] as const).map(s => (
          <Chip key={s} id={`place-status-${s}`} active={status === s} onClick={() => setStatus(s)}>
            {PLACE_STATUS_LABELS[s]}
          </Chip>
        ))}
      </View>
      {list.status === 'loading' && <EmptyState compact kind='loading' title='正在加载…' />}
      {list.status === 'error' && <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />}
      {list.status === 'ready' && (list.data ?? []).length === 0 && <EmptyState compact title='没有申请' />}
      {(list.data ?? []).map(p => (
        <View key={p.id} id={`place-${p.id}`} className='ll-card growth-card'>
          <View className='growth-card__title'>
            {p.institutionName} · {p.projectTitle}
          </View>
          <View className='growth-card__meta'>
            {p.applicantName} · 团队 {p.teamSize} 人 · {formatDate(p.submittedAt)}
          </View>
          <View className='growth-card__text'>{p.projectSummary}</View>
          {p.needs && <View className='growth-card__note'>需要：{p.needs}</View>}
          {p.reason && <View className='growth-card__note'>原因：{p.reason}</View>}
          {p.status === 'submitted' && (
            <DecisionBar
              idPrefix={`place-${p.id}`}
              rejectLabel='不通过'
              onDecide={async (decision, reason) => {
                if (await act(() => decidePlace(p.id, { decision, reason }), '已处理')) await list.reload();
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}

function StoryVideo({ story }: { story: StoryView }) {
  // Unpublished videos need the bearer token, which a <Video> src cannot carry: download first.
  const file = useRequest(() => (story.videoUrl ? downloadProtected(story.videoUrl) : Promise.resolve('')), `story-video-${story.id}`);
  if (!story.videoUrl) return <View className='growth-card__note'>未上传视频</View>;
  if (file.status !== 'ready' || !file.data) return <EmptyState compact kind={file.status === 'error' ? 'error' : 'loading'} title={file.status === 'error' ? '视频加载失败' : '正在加载视频…'} />;
  return <Video className='growth-video' src={file.data} controls objectFit='contain' />;
}

export function StoryReview() {
  const [status, setStatus] = useState<StoryStatus>('pending');
  const list = useRequest(() => storyQueue(status), `growth-stories-${status}`);
  return (
    <View>
      <View className='growth-tabs'>
        {(['pending', 'approved', 'rejected'] as const).map(s => (
          <Chip key={s} id={`story-status-${s}`} active={status === s} onClick={() => setStatus(s)}>
            {STORY_STATUS_LABELS[s]}
          </Chip>
        ))}
      </View>
      {list.status === 'loading' && <EmptyState compact kind='loading' title='正在加载…' />}
      {list.status === 'error' && <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />}
      {list.status === 'ready' && (list.data ?? []).length === 0 && <EmptyState compact title='没有故事' />}
      {(list.data ?? []).map(s => (
        <View key={s.id} id={`review-story-${s.id}`} className='ll-card growth-card'>
          <View className='growth-card__title'>{s.title}</View>
          <View className='growth-card__meta'>
            {s.authorName}
            {s.schoolName ? ` · ${s.schoolName}` : ''} · {formatDate(s.createdAt)}
            {s.status === 'approved' ? ` · ♥ ${s.likes}` : ''}
          </View>
          <StoryVideo story={s} />
          <View className='growth-card__text'>{s.text}</View>
          {s.reason && <View className='growth-card__note'>原因：{s.reason}</View>}
          {(s.status === 'pending' || s.status === 'approved') && (
            <DecisionBar
              idPrefix={`story-${s.id}`}
              rejectLabel={s.status === 'approved' ? '下架' : '不通过'}
              onDecide={async (decision, reason) => {
                if (s.status === 'approved' && decision === 'approve') return;
                if (await act(() => decideStory(s.id, { decision, reason }), '已处理')) await list.reload();
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}
