import { View } from '@tarojs/components';
import { JOB_KIND_LABELS, type JobSummary } from '@contract/job';
import { DEGREE_LABELS } from '@contract/reference';
import { districtName, formatSalary } from '@/utils/format';
import Tag from '../Tag';
import { pressable } from '@/utils/a11y';
import './index.scss';

export interface JobCardProps {
  job: JobSummary;
  onClick: () => void;
}

export default function JobCard({ job, onClick }: JobCardProps) {
  return (
    <View id={`job-${job.id}`} className='ll-job-card' {...pressable(onClick, { role: 'link' })}>
      <View className='ll-job-card__head'>
        <View className='ll-job-card__title'>{job.title}</View>
        <View className='ll-job-card__salary'>{formatSalary(job.salaryMin, job.salaryMax)}</View>
      </View>
      <View className='ll-job-card__facts'>
        {districtName(job.district)} · {DEGREE_LABELS[job.education]}及以上 · 招{job.headcount}人
      </View>
      <View className='ll-job-card__tags'>
        <Tag tone='primary'>{JOB_KIND_LABELS[job.kind]}</Tag>
        {job.tags.slice(0, 3).map(tag => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </View>
      {job.reasons && job.reasons.length > 0 && <View className='ll-job-card__reasons'>推荐理由：{job.reasons.join('、')}</View>}
      <View className='ll-job-card__enterprise'>{job.enterpriseName}</View>
      {job.responsiveness && (
        <View className='ll-job-card__responsive'>
          {job.responsiveness.line} · {job.responsiveness.answeredLine}
        </View>
      )}
    </View>
  );
}
