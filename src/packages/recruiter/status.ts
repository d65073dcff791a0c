import type { RecruiterJob } from '@contract/job';
import type { TagTone } from '@/components/Tag';

export const JOB_STATUS_VIEW: Record<RecruiterJob['status'], { label: string; tone: TagTone }> = {
  draft: { label: '草稿', tone: 'neutral' },
  published: { label: '招聘中', tone: 'success' },
  closed: { label: '已停止', tone: 'neutral' },
  'taken-down': { label: '已下架', tone: 'danger' },
  frozen: { label: '被举报冻结', tone: 'warning' },
  filled: { label: '已招满', tone: 'primary' },
};

/** Whether the recruiter may still change a job (staff decisions stand). */
export function isEditable(status: RecruiterJob['status']): boolean {
  return status === 'published' || status === 'closed' || status === 'draft';
}
