import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  COURSE_FORMAT_LABELS,
  COURSE_TOPIC_LABELS,
  COURSE_TOPICS,
  SIGNUP_STATUS_LABELS,
  type AttendeeView,
  type CourseFormat,
  type CourseInput,
  type CourseKind,
  type CourseTopic,
  type CourseView,
} from '@contract/growth';
import type { ContentSummary } from '@contract/policy';
import type { SubsidyProgram } from '@contract/subsidy';
import Chip from '@/components/Chip';
import type { DataColumn } from '@/components/DataTable';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { listContents } from '@/services/api/content';
import {
  cancelCourseByStaff,
  courseAttendees,
  createCourse,
  markTrainingCompleted,
  rejectEnrolment,
  staffCourses,
  subsidyProgramsForTraining,
  updateCourse,
} from '@/services/api/growth';
import { ApiError } from '@/services/http';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import { act } from '../act';
import CancelPanel, { cancelThenReload } from './CancelPanel';
import PublishedTable, { actionsColumn } from './PublishedTable';
import { beijingIso, beijingParts, tomorrowInBeijing } from '../when';
import { pressable } from '@/utils/a11y';

interface Form {
  kind: CourseKind;
  format: CourseFormat;
  topic: CourseTopic;
  title: string;
  summary: string;
  url: string;
  location: string;
  speaker: string;
  date: string;
  time: string;
  duration: string;
  capacity: string;
  institutionId?: string;
  programId?: string;
  hours: string;
}

type Field = 'title' | 'url' | 'location' | 'date' | 'time' | 'duration' | 'capacity' | 'institutionId' | 'hours' | 'summary' | 'speaker';

const blank = (): Form => ({
  kind: 'career',
  format: 'live',
  topic: 'planning',
  title: '',
  summary: '',
  url: '',
  location: '',
  speaker: '',
  date: tomorrowInBeijing(),
  time: '14:00',
  duration: '90',
  capacity: '100',
  hours: '60',
});

function formOf(course: CourseView): Form {
  const { date, time } = beijingParts(course.startsAt);
  return {
    kind: course.kind,
    format: course.format,
    topic: course.topic,
    title: course.title,
    summary: course.summary,
    url: course.url ?? '',
    location: course.location,
    speaker: course.speaker,
    date,
    time,
    duration: String(course.durationMinutes),
    capacity: String(course.capacity),
    institutionId: course.institutionId,
    programId: course.subsidyProgramId,
    hours: String(course.hours ?? 60),
  };
}

const whole = (value: string): number | undefined => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined);

/** Field problems, in Chinese, before anything is sent; the server checks the same and more. */
function problemsOf(f: Form, editing: CourseView | undefined): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (f.title.trim().length < 2) out.title = '请填写课程名称（2–40 个字）';
  if (f.format !== 'onsite' && !/^https?:\/\/\S+$/i.test(f.url.trim())) out.url = f.format === 'video' ? '请填写视频地址（以 http:// 或 https:// 开头）' : '请填写直播链接（以 http:// 或 https:// 开头）';
  if (f.format === 'onsite' && !f.location.trim()) out.location = '请填写上课地点';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) out.date = '日期格式应为 2026-06-02';
  else if (!beijingIso(f.date, f.time)) out.time = '时间格式应为 14:00';
  const duration = whole(f.duration);
  if (duration === undefined || duration < 10 || duration > 600) out.duration = '时长应为 10–600 分钟';
  const capacity = whole(f.capacity);
  if (capacity === undefined || capacity < 1 || capacity > 5000) out.capacity = '名额应为 1–5000 的整数';
  else if (editing && capacity < editing.signedUp) out.capacity = `名额不能少于已报名人数（${editing.signedUp} 人）`;
  if (f.kind === 'training' && !f.institutionId) out.institutionId = '请选择定点培训机构';
  const hours = whole(f.hours);
  if (f.kind === 'training' && (hours === undefined || hours < 1 || hours > 2000)) out.hours = '总课时应为 1–2000 的整数';
  return out;
}

function inputOf(f: Form): CourseInput {
  return {
    kind: f.kind,
    title: f.title.trim(),
    summary: f.summary.trim(),
    topic: f.kind === 'training' ? 'skills' : f.topic,
    format: f.format,
    url: f.format === 'onsite' ? '' : f.url.trim(),
    location: f.location.trim(),
    speaker: f.speaker.trim(),
    startsAt: beijingIso(f.date, f.time),
    durationMinutes: Number(f.duration),
    capacity: Number(f.capacity),
    ...(f.kind === 'training' ? { institutionId: f.institutionId, hours: Number(f.hours), subsidyProgramId: f.programId } : {}),
  };
}

interface FormProps {
  editing?: CourseView;
  canTrain: boolean;
  isBureau: boolean;
  institutions: ContentSummary[];
  programs: SubsidyProgram[];
  onSaved: (course: CourseView) => void;
  onStale: () => void;
  onClose: () => void;
}

/** Publishing a course, or editing one (kind and institution stay as published). */
function CourseForm({ editing, canTrain, isBureau, institutions, programs, onSaved, onStale, onClose }: FormProps) {
  const [form, setForm] = useState<Form>(() => (editing ? formOf(editing) : blank()));
  const [shown, setShown] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setForm(current => ({ ...current, ...patch }));
  const problems = problemsOf(form, editing);
  const errorOf = (field: Field): string | undefined => (shown ? problems[field] : undefined) ?? (serverError?.field === field ? serverError.message : undefined);

  const save = async () => {
    setShown(true);
    setServerError(undefined);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const input = inputOf(form);
      const { kind: _kind, institutionId: _institution, subsidyProgramId: _program, ...rest } = input;
      const saved = editing ? await updateCourse(editing.id, { ...rest, version: editing.version ?? 0 }) : await createCourse(input);
      void Taro.showToast({ title: editing ? '已保存修改' : '已发布', icon: 'success' });
      onSaved(saved);
      if (!editing) {
        setForm(blank());
        setShown(false);
      }
    } catch (err) {
      const code = err instanceof ApiError ? err.code : undefined;
      setServerError({ field: err instanceof ApiError && err.field !== 'version' ? err.field : undefined, message: errorMessage(err) });
      if (code === 'GROWTH_STALE' || code === 'GROWTH_CANCELLED') onStale();
    } finally {
      setBusy(false);
    }
  };

  const fixed = Boolean(editing);
  return (
    <View id='course-form' className='ll-card growth-card growth-staff-form'>
      <View className='growth-card__head'>
        <View className='growth-card__title'>{editing ? `修改课程：${editing.title}` : '发布课程'}</View>
        {editing && (
          <View id='course-edit-close' className='growth-card__link' {...pressable(onClose)}>
            放弃修改
          </View>
        )}
      </View>
      {!fixed && (
        <View className='growth-tabs'>
          <Chip id='course-kind-career' active={form.kind === 'career'} onClick={() => set({ kind: 'career' })}>
            职业指导课
          </Chip>
          {canTrain && (
            <Chip id='course-kind-training' active={form.kind === 'training'} onClick={() => set({ kind: 'training', format: 'onsite' })}>
              定点机构培训
            </Chip>
          )}
        </View>
      )}
      <View className='growth-tabs'>
        {(['live', 'video', 'onsite'] as const).map(f => (
          <Chip key={f} id={`course-format-${f}`} active={form.format === f} onClick={() => set({ format: f })}>
            {COURSE_FORMAT_LABELS[f]}
          </Chip>
        ))}
      </View>
      {form.kind === 'career' && (
        <SelectField
          id='course-topic'
          title='课程类别'
          placeholder='课程类别'
          options={COURSE_TOPICS.map(t => ({ value: t, label: COURSE_TOPIC_LABELS[t] }))}
          value={form.topic}
          onChange={topic => set({ topic })}
        />
      )}
      {form.kind === 'training' && (
        <>
          {fixed ? (
            <FormField label='定点培训机构'>
              <View className='growth-card__meta'>{editing?.institutionName}</View>
            </FormField>
          ) : (
            <FormField label='定点培训机构' required error={errorOf('institutionId')}>
              <SelectField
                id='course-institution'
                title='定点培训机构'
                placeholder='选择定点培训机构'
                options={institutions.map(i => ({ value: i.id, label: i.title }))}
                value={form.institutionId}
                onChange={institutionId => set({ institutionId })}
              />
            </FormField>
          )}
          {isBureau && !fixed && (
            <SelectField
              id='course-program'
              title='结业后申请的补贴项目'
              placeholder='结业后申请的补贴项目（可选）'
              options={programs.filter(p => p.applicantKind === 'graduate').map(p => ({ value: p.id, label: p.name }))}
              value={form.programId}
              onChange={programId => set({ programId })}
            />
          )}
          <FormField label='总课时' required error={errorOf('hours')}>
            <Input id='course-hours' className='growth-input' type='number' value={form.hours} onInput={e => set({ hours: e.detail.value })} />
          </FormField>
        </>
      )}
      <FormField label='课程名称' required error={errorOf('title')}>
        <Input id='course-title' className='growth-input' maxlength={40} value={form.title} onInput={e => set({ title: e.detail.value })} />
      </FormField>
      {form.format === 'onsite' ? (
        <FormField label='上课地点' required error={errorOf('location')}>
          <Input id='course-location' className='growth-input' maxlength={100} value={form.location} onInput={e => set({ location: e.detail.value })} />
        </FormField>
      ) : (
        <FormField label={form.format === 'video' ? '视频地址' : '直播链接'} required error={errorOf('url')}>
          <Input id='course-url' className='growth-input' maxlength={500} value={form.url} onInput={e => set({ url: e.detail.value })} />
        </FormField>
      )}
      <FormField label='主讲人' error={errorOf('speaker')}>
        <Input id='course-speaker' className='growth-input' maxlength={40} value={form.speaker} onInput={e => set({ speaker: e.detail.value })} />
      </FormField>
      <View className='growth-staff-form__row'>
        <FormField label={form.format === 'video' ? '上线日期（北京时间）' : '开课日期（北京时间）'} required hint='格式 2026-06-02' error={errorOf('date')}>
          <Input id='course-date' className='growth-input' value={form.date} onInput={e => set({ date: e.detail.value })} />
        </FormField>
        <FormField label='开始时间' required hint='格式 14:00' error={errorOf('time')}>
          <Input id='course-time' className='growth-input' value={form.time} onInput={e => set({ time: e.detail.value })} />
        </FormField>
        <FormField label='时长（分钟）' required error={errorOf('duration')}>
          <Input id='course-duration' className='growth-input' type='number' value={form.duration} onInput={e => set({ duration: e.detail.value })} />
        </FormField>
        <FormField label='名额' required error={errorOf('capacity')} hint={editing ? `已报名 ${editing.signedUp} 人` : undefined}>
          <Input id='course-capacity' className='growth-input' type='number' value={form.capacity} onInput={e => set({ capacity: e.detail.value })} />
        </FormField>
      </View>
      <FormField label='简介' error={errorOf('summary')}>
        <Textarea id='course-summary' className='growth-textarea' maxlength={500} value={form.summary} onInput={e => set({ summary: e.detail.value })} />
      </FormField>
      {editing && editing.signedUp > 0 && <View className='growth-card__note'>修改时间、地点或链接后，系统会通知已报名的 {editing.signedUp} 名学生。</View>}
      {shown && Object.keys(problems).length > 0 && <View className='growth-error'>请按提示修改标红的项目</View>}
      {serverError && !serverError.field && <View id='course-form-error' className='growth-error'>{serverError.message}</View>}
      <View className='growth-card__actions'>
        <Button id={editing ? 'course-save' : 'course-create'} className='growth-button' disabled={busy} onClick={save}>
          {editing ? '保存修改' : '发布课程'}
        </Button>
      </View>
    </View>
  );
}

function Attendees({ course }: { course: CourseView }) {
  const list = useRequest(() => courseAttendees(course.id), `attendees-${course.id}`);
  const [rows, setRows] = useState<Record<string, AttendeeView>>({});
  const [rejecting, setRejecting] = useState('');
  const [reason, setReason] = useState('');
  if (list.status === 'loading') return <EmptyState compact kind='loading' title='正在加载名单…' />;
  if (list.status === 'error') return <EmptyState compact kind='error' title='名单加载失败' description={list.error} actionText='重试' onAction={list.reload} />;
  const items = (list.data ?? []).map(a => rows[a.signupId] ?? a);
  const changed = (next: AttendeeView | undefined) => {
    if (next) setRows(current => ({ ...current, [next.signupId]: next }));
  };
  return (
    <View id='course-attendees' className='ll-card growth-card'>
      <View className='growth-card__title'>报名名单：{course.title}</View>
      {items.length === 0 && <View className='growth-card__note'>还没有人报名</View>}
      {items.map(a => (
        <View key={a.signupId} id={`attendee-${a.signupId}`} className='growth-slot'>
          <View>
            <View>{a.studentName}</View>
            <View className='growth-card__meta'>
              {[a.schoolName, a.major].filter(Boolean).join(' · ')} · 报名 {formatDateTime(a.signedUpAt)}
            </View>
            {a.reason && <View className='growth-card__note'>未录取原因：{a.reason}</View>}
            {rejecting === a.signupId && (
              <View className='growth-form'>
                <FormField label='不予录取的原因' required hint='学生会收到这条说明'>
                  <Input id={`attendee-reason-${a.signupId}`} className='growth-input' maxlength={200} value={reason} onInput={e => setReason(e.detail.value)} />
                </FormField>
                <View className='growth-card__actions'>
                  <Button
                    id={`attendee-reject-confirm-${a.signupId}`}
                    className='growth-button growth-button--danger'
                    disabled={reason.trim().length < 2}
                    onClick={async () => {
                      changed(await act(() => rejectEnrolment(a.signupId, reason.trim()), '已通知学生'));
                      setRejecting('');
                      setReason('');
                    }}
                  >
                    确认不予录取
                  </Button>
                </View>
              </View>
            )}
          </View>
          {course.kind === 'training' && a.status === 'signed-up' && course.status === 'open' ? (
            <View className='growth-card__actions'>
              <Button id={`attendee-complete-${a.signupId}`} className='growth-button' onClick={async () => changed(await act(() => markTrainingCompleted(a.signupId), '已确认结业'))}>
                确认结业
              </Button>
              <Button id={`attendee-reject-${a.signupId}`} className='growth-button growth-button--danger' onClick={() => setRejecting(rejecting === a.signupId ? '' : a.signupId)}>
                不予录取
              </Button>
            </View>
          ) : (
            <Tag tone={a.status === 'completed' ? 'success' : a.status === 'cancelled' ? 'neutral' : a.status === 'rejected' ? 'danger' : 'primary'}>{SIGNUP_STATUS_LABELS[a.status]}</Tag>
          )}
        </View>
      ))}
    </View>
  );
}

type Panel = { kind: 'edit' | 'cancel' | 'attendees'; course: CourseView } | undefined;

export default function StaffCourses({ canTrain, isBureau }: { canTrain: boolean; isBureau: boolean }) {
  const list = useRequest(() => staffCourses(), 'growth-staff-courses');
  const institutions = useRequest(
    () => (canTrain ? listContents({ kind: 'institution', action: 2, limit: 50 }).then(p => p.items.filter(i => i.institution?.type === 'training')) : Promise.resolve([])),
    `growth-institutions-${canTrain}`,
  );
  const programs = useRequest(() => (isBureau ? subsidyProgramsForTraining() : Promise.resolve([])), `growth-programs-${isBureau}`);
  const [panel, setPanel] = useState<Panel>();

  const open = (kind: NonNullable<Panel>['kind'], course: CourseView) => {
    setPanel(panel?.kind === kind && panel.course.id === course.id ? undefined : { kind, course });
  };

  const columns: Array<DataColumn<CourseView>> = [
    {
      key: 'title',
      title: '课程',
      size: 'wide',
      render: c => (
        <View>
          <View className='growth-card__title'>{c.title}</View>
          <View className='growth-card__meta'>
            {c.kind === 'training' ? `培训 · ${c.institutionName ?? ''}` : `${COURSE_TOPIC_LABELS[c.topic]} · ${COURSE_FORMAT_LABELS[c.format]}`}
          </View>
        </View>
      ),
    },
    { key: 'time', title: '开始时间（北京时间）', render: c => `${beijingParts(c.startsAt).date} ${beijingParts(c.startsAt).time}` },
    { key: 'seats', title: '报名 / 名额', size: 'narrow', render: c => `${c.signedUp} / ${c.capacity}` },
    {
      key: 'status',
      title: '状态',
      size: 'narrow',
      render: c => (c.status === 'cancelled' ? <Tag tone='danger'>已取消</Tag> : <Tag tone='success'>开放报名</Tag>),
    },
    actionsColumn<CourseView, 'attendees'>(c => ({
      idPrefix: 'staff-course',
      id: c.id,
      editable: c.status === 'open',
      cancelText: '取消课程',
      more: { key: 'attendees', text: '报名名单' },
      onOpen: kind => open(kind, c),
    })),
  ];

  const refresh = async () => {
    setPanel(undefined);
    await list.reload();
  };

  return (
    <View className='growth-staff'>
      {panel?.kind === 'edit' ? (
        <CourseForm
          key={`edit-${panel.course.id}-${panel.course.version ?? 0}`}
          editing={panel.course}
          canTrain={canTrain}
          isBureau={isBureau}
          institutions={institutions.data ?? []}
          programs={programs.data ?? []}
          onSaved={() => void refresh()}
          onStale={() => void list.reload()}
          onClose={() => setPanel(undefined)}
        />
      ) : (
        <CourseForm
          key='new'
          canTrain={canTrain}
          isBureau={isBureau}
          institutions={institutions.data ?? []}
          programs={programs.data ?? []}
          onSaved={() => void list.reload()}
          onStale={() => void list.reload()}
          onClose={() => setPanel(undefined)}
        />
      )}
      {panel?.kind === 'cancel' && (
        <CancelPanel
          key={panel.course.id}
          id='course-cancel'
          title={`取消课程：${panel.course.title}`}
          audience={panel.course.signedUp > 0 ? `已报名的 ${panel.course.signedUp} 名学生会收到取消通知。` : '目前还没有学生报名。'}
          onConfirm={cancelThenReload(reason => cancelCourseByStaff(panel.course.id, { version: panel.course.version ?? 0, reason }), '已取消课程', list.reload)}
          onClose={() => setPanel(undefined)}
        />
      )}

      <PublishedTable title='本单位发布的课程' empty='还没有发布课程' idPrefix='staff-course' columns={columns} list={list} />
      {panel?.kind === 'attendees' && <Attendees key={panel.course.id} course={panel.course} />}
    </View>
  );
}
