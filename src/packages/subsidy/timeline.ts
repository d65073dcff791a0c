import { REVIEW_STAGE_LABELS, TIMELINE_ACTION_LABELS, type TimelineEntry } from '@contract/subsidy';

/** `市人社局审批：审核通过`, or just `提交申请` for a step outside review. */
export function stepText(entry: Pick<TimelineEntry, 'action' | 'stage'>): string {
  return `${entry.stage ? `${REVIEW_STAGE_LABELS[entry.stage]}：` : ''}${TIMELINE_ACTION_LABELS[entry.action]}`;
}

/** `大连理工大学 王老师`: the unit and the person, whichever the server gave. */
export function actorText(entry: Pick<TimelineEntry, 'actorName' | 'actorUnit' | 'actorRole'>): string {
  const parts = [entry.actorUnit, entry.actorName].filter((part): part is string => Boolean(part));
  if (parts.length > 0) return parts.join(' ');
  return entry.actorRole === 'applicant' ? '申请人' : '';
}
