import type { ContentStatus } from '@contract/policy';
import type { TagTone } from '@/components/Tag';

export const STATUS_TONES: Record<ContentStatus, TagTone> = {
  draft: 'neutral',
  review: 'warning',
  published: 'success',
  unpublished: 'danger',
  archived: 'neutral',
};
