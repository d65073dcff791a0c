import type { RealNameState, RealNameStatus } from '@contract/job';
import { residentIdProblem } from '@contract/resident-id';
import { chineseDate } from '@contract/time';
import type { TagTone } from '@/components/Tag';

export const REAL_NAME_VIEW: Record<RealNameState, { label: string; tone: TagTone }> = {
  none: { label: '未认证', tone: 'warning' },
  current: { label: '有效', tone: 'success' },
  expiring: { label: '即将到期', tone: 'warning' },
  lapsed: { label: '已过期', tone: 'danger' },
  revoked: { label: '已列入异常名录', tone: 'danger' },
};

/** Whole days from `now` until `expiresAt` (0 on the last day, negative after). */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.ceil((Date.parse(expiresAt) - now.getTime()) / 86_400_000);
}

/** What the state means for the recruiter's jobs, in one sentence. */
export function realNameSummary(status: RealNameStatus, now: Date): string {
  const until = status.expiresAt ? chineseDate(new Date(status.expiresAt)) : '';
  switch (status.state) {
    case 'none':
      return '完成实名认证后才能发布和修改岗位。';
    case 'current':
      return `认证有效期至${until}。到期前${status.remindDays}天起会提醒你重新认证。`;
    case 'expiring':
      return `认证将于${until}到期（还剩${Math.max(0, daysLeft(status.expiresAt ?? '', now))}天）。到期后你发布的岗位将暂停向求职者展示，请现在重新认证。`;
    case 'lapsed':
      return `认证已于${until}过期：你发布的岗位已暂停向求职者展示，也不能发布或修改岗位。重新认证后立即恢复。`;
    case 'revoked':
      return '你已被列入异常名录，不能认证，发布的岗位和直播已下线。如有异议，请联系大连市人力资源和社会保障局。';
  }
}

/** Whether the job list should ask the recruiter to act (a banner). */
export function realNameDue(state: RealNameState): boolean {
  return state !== 'current';
}

export interface RealNameFormErrors {
  name?: string;
  idNumber?: string;
}

/** The checks the server makes on the form, so a wrong ID is caught before anything is sent. */
export function realNameFormErrors(name: string, idNumber: string, now: Date = new Date()): RealNameFormErrors {
  const errors: RealNameFormErrors = {};
  const trimmed = name.trim();
  if (trimmed.length < 2 || trimmed.length > 30) errors.name = '请填写身份证上的姓名';
  if (!idNumber.trim()) errors.idNumber = '请填写身份证号码';
  else {
    const problem = residentIdProblem(idNumber, now);
    if (problem) errors.idNumber = problem;
  }
  return errors;
}
