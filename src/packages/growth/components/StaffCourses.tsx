import { Button, Input, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import {
  COURSE_FORMAT_LABELS,
  COURSE_TOPIC_LABELS,
  COURSE_TOPICS,
  SIGNUP_STATUS_LABELS,
  type AttendeeView,
  type CourseFormat,
  type CourseKind,
  type CourseTopic,
  type CourseView,
} from '@contract/growth';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { listContents } from '@/services/api/content';
import { courseAttendees, createCourse, markTrainingCompleted, staffCourses, subsidyProgramsForTraining } from '@/services/api/growth';
import { formatDateTime } from '@/utils/format';
import { act } from '../act';
import { beijingIso, tomorrowInBeijing } from '../when';

function Attendees({ course }: { course: CourseView }) {
  const list = useRequest(() => courseAttendees(course.id), `attendees-${course.id}`);
  const [rows, setRows] = useState<Record<string, AttendeeView>>({});
  if (list.status === 'loading') return <EmptyState compact kind='loading' title='正在加载名单…' />;
  if (list.status === 'error') return <EmptyState compact kind='error' title='名单加载失败' description={list.error} actionText='重试' onAction={list.reload} />;
  const items = (list.data ?? []).map(a => rows[a.signupId] ?? a);
  if (items.length === 0) return <View className='growth-card__note'>还没有人报名</View>;
  return (
    <View className='growth-form'>
      {items.map(a => (
        <View key={a.signupId} id={`attendee-${a.signupId}`} className='growth-slot'>
          <View>
            <View>{a.studentName}</View>
            <View className='growth-card__meta'>
              {[a.schoolName, a.major].filter(Boolean).join(' · ')} · 报名 {formatDateTime(a.signedUpAt)}
            </View>
          </View>
          {course.kind === 'training' && a.status === 'signed-up' ? (
            <Button
              id={`attendee-complete-${a.signupId}`}
              className='growth-button'
              onClick={async () => {
                const next = await act(() => markTrainingCompleted(a.signupId), '已确认结业');
                if (next) setRows(current => ({ ...current, [next.signupId]: next }));
              }}
            >
              确认结业
            </Button>
          ) : (
            <Tag tone={a.status === 'completed' ? 'success' : a.status === 'cancelled' ? 'neutral' : 'primary'}>{SIGNUP_STATUS_LABELS[a.status]}</Tag>
          )}
        </View>
      ))}
    </View>
  );
}

export default function StaffCourses({ canTrain, isBureau }: { canTrain: boolean; isBureau: boolean }) {
  const list = useRequest(() => staffCourses(), 'growth-staff-courses');
  const institutions = useRequest(
    () => (canTrain ? listContents({ kind: 'institution', action: 2, limit: 50 }).then(p => p.items.filter(i => i.institution?.type === 'training')) : Promise.resolve([])),
    `growth-institutions-${canTrain}`,
  );
  const programs = useRequest(() => (isBureau ? subsidyProgramsForTraining() : Promise.resolve([])), `growth-programs-${isBureau}`);
  const [kind, setKind] = useState<CourseKind>('career');
  const [format, setFormat] = useState<CourseFormat>('live');
  const [topic, setTopic] = useState<CourseTopic>('planning');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [url, setUrl] = useState('');
  const [location, setLocation] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [date, setDate] = useState(tomorrowInBeijing());
  const [time, setTime] = useState('14:00');
  const [duration, setDuration] = useState('90');
  const [capacity, setCapacity] = useState('100');
  const [institutionId, setInstitutionId] = useState<string>();
  const [programId, setProgramId] = useState<string>();
  const [hours, setHours] = useState('60');
  const [open, setOpen] = useState('');
  const [busy, setBusy] = useState(false);

  const startsAt = beijingIso(date, time);
  const problem =
    title.trim().length < 2
      ? '请填写课程名称'
      : format !== 'onsite' && !/^https?:\/\/\S+$/i.test(url.trim())
        ? '请填写视频地址或直播链接（http/https）'
        : format === 'onsite' && !location.trim()
          ? '请填写上课地点'
          : !startsAt
            ? '日期或时间格式不正确'
            : kind === 'training' && !institutionId
              ? '请选择定点培训机构'
              : '';

  const submit = async () => {
    setBusy(true);
    const done = await act(
      () =>
        createCourse({
          kind,
          title: title.trim(),
          summary: summary.trim(),
          topic: kind === 'training' ? 'skills' : topic,
          format,
          url: format === 'onsite' ? '' : url.trim(),
          location: location.trim(),
          speaker: speaker.trim(),
          startsAt,
          durationMinutes: Math.max(10, Number(duration) || 60),
          capacity: Math.max(1, Number(capacity) || 1),
          ...(kind === 'training' ? { institutionId, hours: Math.max(1, Number(hours) || 1), subsidyProgramId: programId } : {}),
        }),
      '已发布',
    );
    setBusy(false);
    if (done) {
      setTitle('');
      await list.reload();
    }
  };

  return (
    <View>
      <View className='ll-card growth-card'>
        <View className='growth-card__title'>发布课程</View>
        <View className='growth-tabs'>
          <Chip id='course-kind-career' active={kind === 'career'} onClick={() => setKind('career')}>
            职业指导课
          </Chip>
          {canTrain && (
            <Chip
              id='course-kind-training'
              active={kind === 'training'}
              onClick={() => {
                setKind('training');
                setFormat('onsite');
              }}
            >
              定点机构培训
            </Chip>
          )}
        </View>
        <View className='growth-tabs'>
          {(['live', 'video', 'onsite'] as const).map(f => (
            <Chip key={f} id={`course-format-${f}`} active={format === f} onClick={() => setFormat(f)}>
              {COURSE_FORMAT_LABELS[f]}
            </Chip>
          ))}
        </View>
        {kind === 'career' && (
          <SelectField
            id='course-topic'
            title='课程类别'
            placeholder='课程类别'
            options={COURSE_TOPICS.map(t => ({ value: t, label: COURSE_TOPIC_LABELS[t] }))}
            value={topic}
            onChange={setTopic}
          />
        )}
        {kind === 'training' && (
          <>
            <SelectField
              id='course-institution'
              title='定点培训机构'
              placeholder='选择定点培训机构'
              options={(institutions.data ?? []).map(i => ({ value: i.id, label: i.title }))}
              value={institutionId}
              onChange={setInstitutionId}
            />
            {isBureau && (
              <SelectField
                id='course-program'
                title='结业后申请的补贴项目'
                placeholder='结业后申请的补贴项目（可选）'
                options={(programs.data ?? []).filter(p => p.applicantKind === 'graduate').map(p => ({ value: p.id, label: p.name }))}
                value={programId}
                onChange={setProgramId}
              />
            )}
            <FormField label='总课时'>
              <Input id='course-hours' className='growth-input' type='number' value={hours} onInput={e => setHours(e.detail.value)} />
            </FormField>
          </>
        )}
        <FormField label='课程名称' required>
          <Input id='course-title' className='growth-input' maxlength={40} value={title} onInput={e => setTitle(e.detail.value)} />
        </FormField>
        {format === 'onsite' ? (
          <FormField label='上课地点' required>
            <Input id='course-location' className='growth-input' maxlength={100} value={location} onInput={e => setLocation(e.detail.value)} />
          </FormField>
        ) : (
          <FormField label={format === 'video' ? '视频地址' : '直播链接'} required>
            <Input id='course-url' className='growth-input' maxlength={500} value={url} onInput={e => setUrl(e.detail.value)} />
          </FormField>
        )}
        <FormField label='主讲人'>
          <Input id='course-speaker' className='growth-input' maxlength={40} value={speaker} onInput={e => setSpeaker(e.detail.value)} />
        </FormField>
        <FormField label={format === 'video' ? '上线日期（北京时间）' : '开课日期（北京时间）'} required hint='格式 2026-06-02'>
          <Input id='course-date' className='growth-input' value={date} onInput={e => setDate(e.detail.value)} />
        </FormField>
        <FormField label='开始时间' required hint='格式 14:00'>
          <Input id='course-time' className='growth-input' value={time} onInput={e => setTime(e.detail.value)} />
        </FormField>
        <FormField label='时长（分钟）'>
          <Input id='course-duration' className='growth-input' type='number' value={duration} onInput={e => setDuration(e.detail.value)} />
        </FormField>
        <FormField label='名额' required>
          <Input id='course-capacity' className='growth-input' type='number' value={capacity} onInput={e => setCapacity(e.detail.value)} />
        </FormField>
        <FormField label='简介'>
          <Textarea id='course-summary' className='growth-textarea' maxlength={500} value={summary} onInput={e => setSummary(e.detail.value)} />
        </FormField>
        {problem && <View className='growth-error'>{problem}</View>}
        <View className='growth-card__actions'>
          <Button id='course-create' className='growth-button' disabled={busy || !!problem} onClick={submit}>
            发布课程
          </Button>
        </View>
      </View>

      {list.status === 'loading' && <EmptyState compact kind='loading' title='正在加载…' />}
      {list.status === 'error' && <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />}
      {list.status === 'ready' && (list.data ?? []).length === 0 && <EmptyState compact title='还没有发布课程' />}
      {(list.data ?? []).map(course => (
        <View key={course.id} id={`staff-course-${course.id}`} className='ll-card growth-card'>
          <View className='growth-card__head' onClick={() => setOpen(open === course.id ? '' : course.id)}>
            <View className='growth-card__title'>{course.title}</View>
            <Tag tone={course.kind === 'training' ? 'warning' : 'primary'}>{course.kind === 'training' ? '培训' : COURSE_FORMAT_LABELS[course.format]}</Tag>
          </View>
          <View className='growth-card__meta'>
            {formatDateTime(course.startsAt)} · 已报名 {course.signedUp}/{course.capacity}
            {course.institutionName ? ` · ${course.institutionName}` : ''}
          </View>
          <View className='growth-card__link' onClick={() => setOpen(open === course.id ? '' : course.id)}>
            {open === course.id ? '收起名单' : '查看报名名单'}
          </View>
          {open === course.id && <Attendees course={course} />}
        </View>
      ))}
    </View>
  );
}
