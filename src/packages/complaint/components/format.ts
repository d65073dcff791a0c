import { COMPLAINT_EVIDENCE_MAX_BYTES, type ComplaintStatus } from '@contract/complaint';
import type { TagTone } from '@/components/Tag';

export function statusTone(status: ComplaintStatus): TagTone {
  if (status === 'rejected') return 'danger';
  if (status === 'replied' || status === 'closed') return 'success';
  if (status === 'submitted') return 'warning';
  return 'primary';
}

/** Who the complaint is about, in one line. */
export function partyOf(c: { job?: { title: string }; enterprise?: { name: string }; partyName?: string }): string {
  if (c.job) return `${c.enterprise?.name ?? ''} · ${c.job.title}`;
  return c.enterprise?.name ?? c.partyName ?? '-';
}

export const EVIDENCE_HINT = `图片（PNG/JPG）或 PDF，每份不超过 ${COMPLAINT_EVIDENCE_MAX_BYTES / 1024 / 1024}MB`;
