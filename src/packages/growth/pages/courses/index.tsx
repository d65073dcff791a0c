import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { COURSE_FORMAT_LABELS, COURSE_TOPIC_LABELS, SIGNUP_STATUS_LABELS, type CourseKind, type CourseView } from '@contract/growth';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { cancelCourse, completeCourse, courses, signUpCourse } from '@/services/api/growth';
import { useResumedAction } from '@/hooks/useResumedAction';
import { requireLogin } from '@/services/login-gate';
import { navigate } from '@/services/navigation';
import * as session from '@/services/session';
import { formatDateTime } from '@/utils/format';
import { act } from '../../act';
import { useGrowthNotice, type WithNotice } from '../../notice';
import { gated } from '@/services/privacy';
import PrivacyPopup from '@/components/PrivacyPopup';
import '../../growth.scss';
import { pressable } from '@/utils/a11y';

/** weapp cannot open outside links: the link is copied for the browser; h5 opens it. */
async function openLink(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  if (await gated('clipboard', () => Taro.setClipboardData({ data: url }))) {
    void Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' });
  }
}

function CourseCard({ course, onChanged, withNotice }: { course: CourseView; onChanged: (next: CourseView) => void; withNotice: WithNotice }) {
  const [busy, setBusy] = useState(false);
  const mine = course.mine && course.mine.status !== 'cancelled' ? course.mine : undefined;
  const ended = new Date(course.format === 'video' ? course.startsAt : course.endsAt).getTime() <= Date.now();
  const full = course.signedUp >= course.capacity;
  const run = async (call: (id: string) => Promise<CourseView>, done: string) => {
    setBusy(true);
    const next = await act(() => call(course.id), done);
    setBusy(false);
    if (next) onChanged(next);
  };
  const signUp = async () => {
    if (!session.current() && !(await requireLogin('register', `course:${course.id}`))) return;
    await run(id => withNotice(() => signUpCourse(id)), '报名成功');
  };
  // Back from the login page that 报名 opened: the button waits for a confirming tap.
  const resumed = useResumedAction('register', `course:${course.id}`);
  return (
    <View id={`course-${course.id}`} className='ll-card growth-card'>
      <View className='growth-card__head'>
        <View className='growth-card__title'>{course.title}</View>
        {mine ? <Tag tone={mine.status === 'completed' ? 'success' : 'primary'}>{SIGNUP_STATUS_LABELS[mine.status]}</Tag> : <Tag>{COURSE_FORMAT_LABELS[course.format]}</Tag>}
      </View>
      <View className='growth-card__meta'>
        {COURSE_TOPIC_LABELS[course.topic]} · {course.format === 'video' ? `上线 ${formatDateTime(course.startsAt)}` : `${formatDateTime(course.startsAt)} 开始，${course.durationMinutes} 分钟`}
      </View>
      <View className='growth-card__meta' {...pressable(() => course.institutionId && navigate('policyDetail', { id: course.institutionId }), { role: 'link' })}>
        {course.institutionName ?? course.organiser}
        {course.hours ? ` · ${course.hours} 课时` : ''}
        {course.location ? ` · ${course.location}` : ''}
      </View>
      <View className='growth-card__meta'>
        已报名 {course.signedUp} / {course.capacity}
      </View>
      {course.summary && <View className='growth-card__text'>{course.summary}</View>}
      <View className='growth-card__actions'>
        {!mine && resumed && (
          <View id={`course-signup-step-${course.id}`} className='growth-card__meta' role='status'>
            已登录，确认后即可报名
          </View>
        )}
        {!mine && (
          <Button id={`course-signup-${course.id}`} className='growth-button' disabled={busy || full} onClick={() => void signUp()}>
            {full ? '名额已满' : '报名'}
          </Button>
        )}
        {mine && course.url && (
          <Button className='growth-button growth-button--ghost' onClick={() => openLink(course.url ?? '')}>
            {course.format === 'video' ? '观看视频' : '进入直播'}
          </Button>
        )}
        {mine?.status === 'signed-up' && course.kind === 'career' && ended && (
          <Button id={`course-complete-${course.id}`} className='growth-button' disabled={busy} onClick={() => run(completeCourse, '已记录完成')}>
            我已学完
          </Button>
        )}
        {mine?.status === 'signed-up' && (course.format === 'video' || !ended) && (
          <Button className='growth-button growth-button--danger' disabled={busy} onClick={() => run(cancelCourse, '已取消报名')}>
            取消报名
          </Button>
        )}
        {mine?.status === 'completed' && course.kind === 'training' && course.subsidyProgramId && (
          <Button className='growth-button' onClick={() => navigate('subsidyApply', { programId: course.subsidyProgramId ?? '' })}>
            申请培训补贴
          </Button>
        )}
      </View>
      {mine?.status === 'signed-up' && course.kind === 'training' && <View className='growth-card__note'>培训结束后由培训机构确认结业，结业后可在此申请职业培训补贴。</View>}
    </View>
  );
}

export default function CoursesPage() {
  const kind: CourseKind = useRouter().params.kind === 'training' ? 'training' : 'career';
  const list = useRequest(() => courses(kind), `growth-courses-${kind}`, { refreshOnShow: true, refreshOnPullDown: true });
  // Courses changed on this page since the list arrived; a fresh list supersedes them.
  const [changed, setChanged] = useState<Record<string, CourseView>>({});
  useEffect(() => setChanged({}), [list.data]);
  const withNotice = useGrowthNotice();

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  const items = (list.data ?? []).map(c => changed[c.id] ?? c);
  return (
    <View className='ll-page'>
      <PrivacyPopup />
      {kind === 'training' && (
        <View className='growth-card__note'>依托 21 家定点培训机构开展专业转换和技能提升培训，按规定给予职业培训补贴、生活费补贴。</View>
      )}
      {items.length === 0 && <EmptyState title={kind === 'training' ? '暂无培训课程' : '暂无职业指导课程'} compact />}
      {items.map(course => (
        <CourseCard key={course.id} course={course} withNotice={withNotice} onChanged={next => setChanged(current => ({ ...current, [next.id]: next }))} />
      ))}
    </View>
  );
}
