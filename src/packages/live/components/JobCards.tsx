import { Button, View } from '@tarojs/components';
import type { LiveJobCard } from '@contract/live';
import { formatSalary } from '@/utils/format';
import { pressable } from '@/utils/a11y';

export interface JobCardsProps {
  jobs: LiveJobCard[];
  applied: readonly string[];
  /** Job being applied to right now. */
  pending?: string;
  onApply?: (jobId: string) => void;
  onOpen: (jobId: string) => void;
  /** Host view: pin instead of apply. */
  pinnedId?: string;
  onPin?: (jobId: string | null) => void;
}

/** The session's featured jobs, each with one-tap 投递 (students) or 置顶 (host). */
export default function JobCards({ jobs, applied, pending, onApply, onOpen, pinnedId, onPin }: JobCardsProps) {
  return (
    <View className='live-jobs'>
      {jobs.map(job => {
        const done = applied.includes(job.id);
        return (
          <View key={job.id} id={`live-job-${job.id}`} className='live-job'>
            <View className='live-job__main' {...pressable(() => onOpen(job.id))}>
              <View className='live-job__title'>{job.title}</View>
              <View className='live-job__meta'>
                {job.enterpriseName} · {formatSalary(job.salaryMin, job.salaryMax)}
              </View>
            </View>
            {onPin ? (
              <Button
                id={`live-pin-${job.id}`}
                className='live-job__action'
                size='mini'
                onClick={() => onPin(pinnedId === job.id ? null : job.id)}
              >
                {pinnedId === job.id ? '取消置顶' : '置顶'}
              </Button>
            ) : onApply ? (
              <Button
                id={`live-apply-${job.id}`}
                className={`live-job__action${done ? ' live-job__action--done' : ''}`}
                size='mini'
                disabled={done || pending === job.id}
                loading={pending === job.id}
                onClick={() => onApply(job.id)}
              >
                {done ? '已投递' : '投递'}
              </Button>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
