import { View } from '@tarojs/components';
import { APPLICATION_STATUS_LABELS, interviewLines, type ApplicationStatus, type MyApplication } from '@contract/job';
import { waitingLine } from '@contract/responsiveness';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { myApplications } from '@/services/api/job';
import { navigate } from '@/services/navigation';
import { formatDate } from '@/utils/format';
import { pressable } from '@/utils/a11y';
import './index.scss';

/** The happy path; 不合适 or 未反馈 replaces whatever step comes next. */
const PATH: ApplicationStatus[] = ['submitted', 'viewed', 'interview', 'hired'];

function Steps({ app }: { app: MyApplication }) {
  const reached = new Map(app.steps.map(step => [step.status, step]));
  const ended = reached.has('rejected') ? ('rejected' as const) : reached.has('unanswered') ? ('unanswered' as const) : null;
  const shown = ended ? [...PATH.filter(s => reached.has(s)), ended] : PATH;
  return (
    <View className='my-app__steps'>
      {shown.map(status => {
        const step = reached.get(status);
        return (
          <View key={status} className={`my-app__step${step ? ' my-app__step--done' : ''}${status === 'rejected' || status === 'unanswered' ? ' my-app__step--rejected' : ''}`}>
            <View className='my-app__dot' />
            <View className='my-app__step-label'>{APPLICATION_STATUS_LABELS[status]}</View>
            {step && <View className='my-app__step-time'>{formatDate(step.at)}</View>}
            {step?.note && <View className='my-app__step-note'>{step.note}</View>}
          </View>
        );
      })}
    </View>
  );
}

export default function MyApplicationsPage() {
  const list = usePagedList(cursor => myApplications({ cursor }));
  const now = new Date();
  return (
    <View className='ll-page'>
      {list.items.map(app => (
        <View key={app.id} id={`application-${app.id}`} className='ll-card my-app'>
          <View className='my-app__head' {...pressable(() => navigate('jobDetail', { id: app.job.id }), { role: 'link' })}>
            <View className='my-app__title'>{app.job.title}</View>
            <Tag tone={app.status === 'rejected' ? 'danger' : app.status === 'unanswered' ? 'warning' : 'primary'}>{APPLICATION_STATUS_LABELS[app.status]}</Tag>
          </View>
          <View className='my-app__enterprise'>{app.job.enterpriseName}</View>
          <View className='my-app__waiting'>{waitingLine(app, now)}</View>
          {app.interview && app.status === 'interview' ? (
            <View id={`application-interview-${app.id}`} className='my-app__interview' role='group' aria-label='面试邀请'>
              <View className='my-app__interview-title'>面试邀请</View>
              {interviewLines(app.interview).map(l => (
                <View key={l.label} className='my-app__interview-line'>
                  <View className='my-app__interview-label'>{l.label}</View>
                  <View className='my-app__interview-value'>{l.value}</View>
                </View>
              ))}
            </View>
          ) : null}
          <Steps app={app} />
        </View>
      ))}
      <ListFooter list={list} empty={{ title: '还没有投递记录', description: '去岗位列表看看适合您的岗位' }} />
    </View>
  );
}
