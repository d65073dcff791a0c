import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { JOB_KIND_LABELS, type JobDetail } from '@contract/job';
import { DEGREE_LABELS } from '@contract/reference';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { applyJob, getJob, type LiveApplySource } from '@/services/api/job';
import { pickFile } from '@/services/files';
import { ApiError } from '@/services/http';
import { requireLogin, resume as resumeApply } from '@/services/login-gate';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate, formatSalary } from '@/utils/format';
import PrivacyPopup from '@/components/PrivacyPopup';
import { pressable } from '@/utils/a11y';
import './index.scss';

function Detail({ job, source }: { job: JobDetail; source?: LiveApplySource }) {
  const complain = async () => {
    if (await requireLogin('complain', job.id)) void navigate('complaintNew', { jobId: job.id });
  };
  // Back from the login page that 投诉 opened: the complaint form, ready to fill in and submit.
  useResumedAction('complain', job.id, () => void navigate('complaintNew', { jobId: job.id }));
  const facts: Array<[string, string]> = [
    ['工作区域', districtName(job.district)],
    ['学历要求', `${DEGREE_LABELS[job.education]}及以上`],
    ['招聘人数', `${job.headcount} 人`],
    ['截止日期', formatDate(job.deadline)],
  ];
  return (
    <View className='ll-page job-detail'>
      <PrivacyPopup />
      <View className='ll-card'>
        <View className='job-detail__head'>
          <View id='job-title' className='job-detail__title'>
            {job.title}
          </View>
          <View className='job-detail__salary'>{formatSalary(job.salaryMin, job.salaryMax)}</View>
        </View>
        <View className='job-detail__tags'>
          <Tag tone='primary'>{JOB_KIND_LABELS[job.kind]}</Tag>
          {job.tags.map(tag => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </View>
        <View className='job-detail__facts'>
          {facts.map(([label, value]) => (
            <View key={label} className='job-detail__fact'>
              <View className='job-detail__fact-label'>{label}</View>
              <View>{value}</View>
            </View>
          ))}
        </View>
      </View>

      <View className='ll-card'>
        <View className='job-detail__heading'>岗位描述</View>
        <View className='job-detail__text'>{job.description}</View>
        {job.majors.length > 0 && (
          <View>
            <View className='job-detail__heading job-detail__heading--spaced'>专业要求</View>
            {job.majors.map(major => (
              <Tag key={major}>{major}</Tag>
            ))}
          </View>
        )}
      </View>

      <View className='ll-card'>
        <View className='job-detail__heading'>招聘单位</View>
        <View className='job-detail__enterprise'>{job.enterpriseName}</View>
        {job.responsiveness && (
          <View id='job-responsiveness' className='job-detail__responsive'>
            {job.responsiveness.line} · {job.responsiveness.answeredLine}
          </View>
        )}
        <View className='job-detail__text'>工作地点：{job.address}</View>
        {job.contactPolicy && <View className='job-detail__text'>联系方式：{job.contactPolicy}</View>}
        <View className='job-detail__published'>发布于 {formatDate(job.publishedAt)}</View>
        <View id='job-complain' className='job-detail__published' {...pressable(() => void complain())}>
          遇到收费、虚假招聘等问题？投诉该岗位 ›
        </View>
      </View>

      <ApplyBar jobId={job.id} source={source} />
    </View>
  );
}

function ApplyBar({ jobId, source }: { jobId: string; source?: LiveApplySource }) {
  const [state, setState] = useState<'idle' | 'sending' | 'applied'>('idle');
  const [resume, setResume] = useState<{ path: string; name: string }>();
  const signedIn = useSession();
  // Back from the login page that 投递简历 opened: the apply step, ready to confirm.
  const [resumed, setResumed] = useState(false);
  useEffect(() => {
    if (signedIn && resumeApply('apply', jobId)) setResumed(true);
  }, [signedIn, jobId]);

  async function chooseResume() {
    const file = await pickFile(['pdf']);
    if (file) setResume(file);
  }

  async function apply() {
    if (!(await requireLogin('apply', jobId))) return;
    setState('sending');
    try {
      await applyJob(jobId, resume, source);
      setState('applied');
      void Taro.showToast({ title: '投递成功', icon: 'success' });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'JOB_ALREADY_APPLIED') {
        setState('applied');
        return;
      }
      setState('idle');
      if (err instanceof ApiError && err.code === 'PROFILE_INCOMPLETE') {
        void navigate('profile');
        return;
      }
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  }

  return (
    <View className='job-detail__apply'>
      {state === 'applied' ? (
        <Button id='job-my-applications' className='ll-button' onClick={() => navigate('myApplications')}>
          已投递，查看进展
        </Button>
      ) : (
        <View>
          {resumed && (
            <View id='job-apply-step' className='job-detail__resumed' role='status'>
              已登录，确认后即可投递简历
            </View>
          )}
          <View id='job-resume' className='job-detail__resume' {...pressable(() => void chooseResume())}>
            {resume ? `已选简历：${resume.name}（点击更换）` : '附上 PDF 简历（选填，5MB 以内）'}
          </View>
          <Button id='job-apply' className='ll-button' loading={state === 'sending'} disabled={state === 'sending'} onClick={apply}>
            投递简历
          </Button>
        </View>
      )}
      <View className='job-detail__note'>投递时将使用您的个人资料；如需咨询，请联系招聘单位或所在地公共就业服务机构。</View>
    </View>
  );
}

/** A page opened from a live room or its replay carries the session, so the application counts for it. */
function liveSourceOf(params: Partial<Record<string, string>>): LiveApplySource | undefined {
  const liveSessionId = params.liveSessionId;
  if (!liveSessionId) return undefined;
  return { liveSessionId, via: params.via === 'replay' ? 'replay' : 'live-job-page' };
}

export default function JobDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const job = useRequest(() => getJob(id), id);

  if (job.status === 'loading') return <EmptyState kind='loading' title='正在加载岗位…' />;
  if (job.status === 'error' || !job.data) {
    return <EmptyState kind='error' title='岗位加载失败' description={job.error} actionText='重试' onAction={job.reload} />;
  }
  return <Detail job={job.data} source={liveSourceOf(params)} />;
}
