import { APPLICATION_NEXT, APPLICATION_STATUS_LABELS, type Applicant, type ApplicationStatus, type RecruiterStep } from '@contract/job';
import { formatDate } from '@/utils/format';

/** What the button for a move says (the status it leads to, in the recruiter's words). */
export const MOVE_LABELS: Record<RecruiterStep, string> = {
  viewed: '标记已查看',
  interview: '邀请面试',
  hired: '录用',
  rejected: '不合适',
};

export function movesFrom(status: ApplicationStatus): RecruiterStep[] {
  return APPLICATION_NEXT[status].filter((s): s is RecruiterStep => s !== 'submitted' && s !== 'unanswered');
}

/** A move that ends the pipeline asks for confirmation, and 不合适/面试 want a note. */
export function moveNeedsConfirm(to: ApplicationStatus): boolean {
  return to === 'hired' || to === 'rejected';
}

/** "已投递 05-10 → 已查看 05-11（备注）", oldest first. */
export function stepsLine(app: Pick<Applicant, 'steps'>): string {
  return app.steps
    .map(step => {
      const day = step.at ? ` ${formatDate(step.at).slice(5)}` : '';
      return `${APPLICATION_STATUS_LABELS[step.status]}${day}${step.note ? `（${step.note}）` : ''}`;
    })
    .join(' → ');
}
