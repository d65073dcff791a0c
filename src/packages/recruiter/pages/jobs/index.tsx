import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { JOB_HOLD_LABELS, JOB_KIND_LABELS, type RecruiterJob } from '@contract/job';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { useRequest } from '@/hooks/useRequest';
import { myRealName } from '@/services/api/standing';
import { closeJob, myJobs } from '@/services/api/recruiter';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate, formatSalary } from '@/utils/format';
import { realNameDue, realNameSummary, REAL_NAME_VIEW } from '../../real-name';
import { isEditable, JOB_STATUS_VIEW } from '../../status';
import '../../recruiter.scss';
import { pressable } from '@/utils/a11y';

function JobRow({ job, onChanged }: { job: RecruiterJob; onChanged: () => void }) {
  const status = JOB_STATUS_VIEW[job.status];
  const close = async () => {
    const { confirm } = await Taro.showModal({ title: '停止招聘', content: `停止后学生将看不到“${job.title}”，已投递的简历仍可处理。` });
    if (!confirm) return;
    try {
      await closeJob(job.id);
      onChanged();
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };
  return (
    <View id={`rjob-${job.id}`} className='ll-card'>
      <View className='rc-head'>
        <View className='rc-title'>{job.title}</View>
        <Tag tone={status.tone}>{status.label}</Tag>
      </View>
      <View className='rc-sub'>
        {JOB_KIND_LABELS[job.kind]} · {formatSalary(job.salaryMin, job.salaryMax)} · {districtName(job.district)} · 截止 {formatDate(job.deadline)}
      </View>
      {job.status === 'published' && job.hiddenBecause?.length ? (
        <View id={`rjob-hidden-${job.id}`} className='rc-error'>
          暂停展示：{job.hiddenBecause.map(h => JOB_HOLD_LABELS[h]).join('；')}
        </View>
      ) : null}
      <View className='rc-sub'>
        投递 {job.applicationCount} 人 · 录用 {job.hiredCount}/{job.headcount} 人
      </View>
      <View className='rc-actions'>
        <View id={`rjob-applicants-${job.id}`} className='rc-action' {...pressable(() => void navigate('recruiterApplicants', { jobId: job.id }), { role: 'link' })}>
          投递者（{job.applicationCount}）
        </View>
        {isEditable(job.status) && (
          <View id={`rjob-edit-${job.id}`} className='rc-action' {...pressable(() => void navigate('recruiterJobEdit', { id: job.id }), { role: 'link' })}>
            编辑
          </View>
        )}
        {job.status === 'published' && (
          <View className='rc-action rc-action--danger' {...pressable(() => void close())}>
            停止招聘
          </View>
        )}
      </View>
    </View>
  );
}

export default function RecruiterJobsPage() {
  // Back from the editor or the applicants page: counts and statuses may have changed.
  const list = usePagedList(cursor => myJobs({ cursor }), null, { refreshOnShow: true });
  // Most often the list fails because no enterprise is registered yet (ENTERPRISE_REQUIRED).
  const noEnterprise = { title: '暂不能管理岗位', actionText: '我的企业', onAction: () => void navigate('recruiterEnterprise') };
  const realName = useRequest(myRealName, 'recruiter-real-name', { refreshOnShow: true });
  const due = realName.data && realNameDue(realName.data.state) ? realName.data : undefined;

  return (
    <View className='ll-page'>
      {due && (
        <View id='recruiter-real-name-banner' className={`rc-banner${due.state === 'expiring' || due.state === 'none' ? '' : ' rc-banner--danger'}`} role='status'>
          实名认证{REAL_NAME_VIEW[due.state].label}：{realNameSummary(due, new Date())}
          {due.state !== 'revoked' && (
            <Button id='recruiter-real-name-renew' className='ll-button' onClick={() => void navigate('recruiterRealName')}>
              {due.state === 'none' ? '去实名认证' : '重新认证'}
            </Button>
          )}
        </View>
      )}
      {list.status === 'ready' && (
        <View className='rc-bar'>
          <Button id='recruiter-new-job' className='ll-button' onClick={() => void navigate('recruiterJobEdit', {})}>
            发布岗位
          </Button>
          <Button id='recruiter-enterprise' className='ll-button ll-button--ghost' onClick={() => void navigate('recruiterEnterprise')}>
            我的企业
          </Button>
          <Button id='recruiter-fairs' className='ll-button ll-button--ghost' onClick={() => void navigate('recruiterFairs')}>
            招聘会展位
          </Button>
          <Button id='recruiter-subsidy' className='ll-button ll-button--ghost' onClick={() => void navigate('subsidyEnterprisePrograms')}>
            企业补贴申请
          </Button>
        </View>
      )}
      {list.items.map(job => (
        <JobRow key={job.id} job={job} onChanged={() => void list.reload()} />
      ))}
      <ListFooter list={list} failed={noEnterprise} empty={{ title: '还没有发布岗位', description: '企业通过审核后即可发布岗位', compact: true }} />
    </View>
  );
}
