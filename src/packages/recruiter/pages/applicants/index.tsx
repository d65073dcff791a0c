import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { APPLICATION_STATUS_LABELS, applicationSourceLabel, type Applicant, type RecruiterStep } from '@contract/job';
import { DEGREE_LABELS } from '@contract/reference';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { applicants, moveApplication, openResume } from '@/services/api/recruiter';
import { errorMessage } from '@/utils/errors';
import { MOVE_LABELS, moveNeedsConfirm, movesFrom, stepsLine } from './pipeline';
import '../../recruiter.scss';
import { pressable } from '@/utils/a11y';

function ApplicantCard({ initial }: { initial: Applicant }) {
  const [app, setApp] = useState(initial);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const p = app.profile;

  const move = async (to: RecruiterStep) => {
    if (moveNeedsConfirm(to)) {
      const { confirm } = await Taro.showModal({ title: MOVE_LABELS[to], content: `确定将${p.name}标记为“${APPLICATION_STATUS_LABELS[to]}”吗？学生会收到通知。` });
      if (!confirm) return;
    }
    setBusy(true);
    try {
      setApp(await moveApplication(app.id, { to, note: note.trim() || undefined }));
      setNote('');
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const moves = movesFrom(app.status);
  return (
    <View id={`applicant-${app.id}`} className='ll-card'>
      <View className='rc-head'>
        <View className='rc-title'>{p.name}</View>
        <Tag tone={app.status === 'rejected' ? 'danger' : app.status === 'hired' ? 'success' : 'primary'}>{APPLICATION_STATUS_LABELS[app.status]}</Tag>
      </View>
      <View className='rc-sub'>
        {p.schoolName} · {DEGREE_LABELS[p.degree]} · {p.major} · {p.graduationYear}届
      </View>
      {app.source ? (
        <View id={`applicant-source-${app.id}`} className='rc-source'>
          <Tag tone={app.source.kind === 'replay' ? 'neutral' : 'warning'}>{applicationSourceLabel(app.source)}</Tag>
        </View>
      ) : null}
      <View className='rc-steps'>{stepsLine(app)}</View>
      {moves.length > 0 && (
        <Input
          id={`applicant-note-${app.id}`}
          className='ll-input rc-input'
          placeholder='备注（选填，学生可见），如面试时间地点'
          maxlength={200}
          value={note}
          onInput={e => setNote(e.detail.value)}
        />
      )}
      <View className='rc-actions'>
        {app.hasResume && (
          <View className='rc-action' {...pressable(() => void openResume(app.id).catch((err: unknown) => Taro.showToast({ title: errorMessage(err), icon: 'none' })))}>
            查看简历
          </View>
        )}
        {moves.map(to => (
          <View
            key={to}
            id={`applicant-move-${to}-${app.id}`}
            className={`rc-action${to === 'rejected' ? ' rc-action--danger' : ''}${busy ? ' rc-action--disabled' : ''}`}
            {...pressable(() => !busy && void move(to))}
          >
            {MOVE_LABELS[to]}
          </View>
        ))}
      </View>
    </View>
  );
}

export default function ApplicantsPage() {
  const jobId = useRouter().params.jobId ?? '';
  const list = usePagedList(cursor => applicants(jobId, { cursor }), jobId);
  return (
    <View className='ll-page'>
      {list.items.length > 0 && <View className='rc-note'>{list.items[0].jobTitle} · 已投递 → 已查看 → 面试 → 录用 / 不合适</View>}
      {list.items.map(app => (
        <ApplicantCard key={`${app.id}-${app.status}`} initial={app} />
      ))}
      <ListFooter list={list} empty={{ title: '还没有人投递', description: '岗位发布后，学生投递的简历会出现在这里' }} />
    </View>
  );
}
