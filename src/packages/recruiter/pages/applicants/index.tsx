import { useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { APPLICATION_STATUS_LABELS, INTERVIEW_MODES, INTERVIEW_MODE_LABELS, applicationSourceLabel, interviewLines, type Applicant, type RecruiterStep } from '@contract/job';
import { DEGREE_LABELS } from '@contract/reference';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { applicants, moveApplication, openResume } from '@/services/api/recruiter';
import { confirmAction } from '@/services/confirm';
import { storage } from '@/storage';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { INTERVIEW_TIMES, emptyInterviewDraft, interviewDayOptions, interviewDraftProblems, invitationConfirmText, invitationOf, type InterviewDraft, type InterviewField } from './interview';
import { MOVE_LABELS, moveNeedsConfirm, movesFrom, stepsLine } from './pipeline';
import '@/components/Chip/index.scss';
import '../../recruiter.scss';

/** 邀请面试: when, how, where or which link, whom to call, and a word for the candidate. */
function InterviewForm({ app, onSent, onCancel }: { app: Applicant; onSent: (updated: Applicant) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<InterviewDraft>(() => emptyInterviewDraft(new Date(), storage.get('interviewContact')));
  // Once a send was tried, what is still missing is shown as the recruiter fixes it.
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems: Partial<Record<InterviewField, string>> = tried ? interviewDraftProblems(draft, new Date()) : {};
  const set = <K extends keyof InterviewDraft>(key: K, value: InterviewDraft[K]) => setDraft(d => ({ ...d, [key]: value }));
  const id = app.id;
  const [dayOptions] = useState(() => interviewDayOptions(new Date()));

  const send = async () => {
    const found = interviewDraftProblems(draft, new Date());
    setTried(true);
    const invitation = invitationOf(draft);
    if (Object.keys(found).length > 0 || !invitation) return;
    if (!(await confirmAction({ content: invitationConfirmText(app.profile.name, invitation), confirmText: '发送邀请' }))) return;
    setBusy(true);
    try {
      const updated = await moveApplication(id, { to: 'interview', interview: invitation });
      storage.set('interviewContact', { location: invitation.location, contactName: invitation.contactName, contactPhone: invitation.contactPhone });
      onSent(updated);
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id={`interview-form-${id}`} className='rc-interview'>
      <View className='rc-interview__title'>面试邀请（学生会收到通知）</View>
      <FormField label='面试时间（北京时间）' required error={problems.when}>
        <View className='rc-interview__when'>
          <SelectField id={`interview-day-${id}`} title='面试日期' placeholder='选择日期' options={dayOptions} value={draft.day} onChange={v => set('day', v)} />
          <SelectField id={`interview-time-${id}`} title='面试时间' placeholder='选择时间' options={INTERVIEW_TIMES} value={draft.time} onChange={v => set('time', v)} />
        </View>
      </FormField>
      <FormField label='面试方式' required>
        <View className='rc-chips' role='radiogroup' aria-label='面试方式'>
          {INTERVIEW_MODES.map(mode => (
            <View
              key={mode}
              id={`interview-mode-${mode}-${id}`}
              className={`ll-chip${draft.mode === mode ? ' ll-chip--active' : ''}`}
              {...pressable(() => set('mode', mode), { role: 'radio', checked: draft.mode === mode })}
            >
              {INTERVIEW_MODE_LABELS[mode]}
            </View>
          ))}
        </View>
      </FormField>
      <FormField label={draft.mode === 'online' ? '会议链接或会议号' : '面试地点'} required error={problems.location}>
        <Input
          id={`interview-location-${id}`}
          className='ll-input'
          value={draft.location}
          maxlength={200}
          placeholder={draft.mode === 'online' ? '如：腾讯会议 123 456 789' : '如：高新区软件园 9 号楼 302 会议室'}
          onInput={e => set('location', e.detail.value)}
        />
      </FormField>
      <FormField label='联系人' required error={problems.contactName}>
        <Input id={`interview-contact-${id}`} className='ll-input' value={draft.contactName} maxlength={30} placeholder='如：人事部 李老师' onInput={e => set('contactName', e.detail.value)} />
      </FormField>
      <FormField label='联系电话' required error={problems.contactPhone} hint='手机号或带区号的座机号'>
        <Input id={`interview-phone-${id}`} className='ll-input' value={draft.contactPhone} maxlength={20} placeholder='如：0411-84751234' onInput={e => set('contactPhone', e.detail.value)} />
      </FormField>
      <FormField label='给学生的说明（选填）'>
        <Textarea
          id={`interview-message-${id}`}
          className='ll-textarea'
          value={draft.message}
          maxlength={300}
          placeholder='如：请携带身份证和纸质简历，提前 10 分钟到前台登记'
          onInput={e => set('message', e.detail.value)}
        />
      </FormField>
      <View className='rc-interview__actions'>
        <Button id={`interview-send-${id}`} className='ll-button' type='primary' disabled={busy} onClick={() => void send()}>
          发送面试邀请
        </Button>
        <Button id={`interview-cancel-${id}`} className='ll-button ll-button--ghost' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

function ApplicantCard({ initial }: { initial: Applicant }) {
  const [app, setApp] = useState(initial);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [inviting, setInviting] = useState(false);
  const p = app.profile;

  const move = async (to: RecruiterStep) => {
    if (to === 'interview') {
      setInviting(true);
      return;
    }
    if (moveNeedsConfirm(to)) {
      const content = to === 'hired' ? `确定录用${p.name}吗？学生会收到录用通知，岗位招满后自动停止招聘。` : `确定将${p.name}标记为“不合适”吗？学生会收到通知，此后不能再改变。`;
      if (!(await confirmAction({ content, confirmText: MOVE_LABELS[to], danger: to === 'rejected' }))) return;
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
      {app.interview && app.status === 'interview' ? (
        <View id={`applicant-interview-${app.id}`} className='rc-interview rc-interview--sent'>
          <View className='rc-interview__title'>已发送的面试邀请</View>
          {interviewLines(app.interview).map(l => (
            <View key={l.label} className='rc-interview__line'>
              {l.label}：{l.value}
            </View>
          ))}
        </View>
      ) : null}
      {inviting ? (
        <InterviewForm
          app={app}
          onCancel={() => setInviting(false)}
          onSent={updated => {
            setInviting(false);
            setApp(updated);
          }}
        />
      ) : (
        <>
          {moves.length > 0 && (
            <Input
              id={`applicant-note-${app.id}`}
              className='ll-input rc-input'
              placeholder='备注（选填，学生可见）'
              maxlength={200}
              value={note}
              onInput={e => setNote(e.detail.value)}
            />
          )}
          <View className='rc-actions'>
            {app.hasResume && (
              <View className='rc-action' {...pressable(() => void openResume(app).catch((err: unknown) => Taro.showToast({ title: errorMessage(err), icon: 'none' })))}>
                查看简历
              </View>
            )}
            {moves.map(to => (
              <View
                key={to}
                id={`applicant-move-${to}-${app.id}`}
                className={`rc-action${to === 'rejected' ? ' rc-action--danger' : ''}${busy ? ' rc-action--disabled' : ''}`}
                {...pressable(() => !busy && void move(to), { disabled: busy })}
              >
                {MOVE_LABELS[to]}
              </View>
            ))}
          </View>
        </>
      )}
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
