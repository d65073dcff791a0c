import { INTERVIEW_PHONE_PATTERN, interviewLines, type InterviewInvitation, type InterviewMode } from '@contract/job';
import { addDays, beijingClock, beijingDay, beijingWeekday, HOUR_MS, startOfBeijingDay } from '@contract/time';

/** The invitation as the recruiter fills it in: a Beijing day and clock time, as the pickers give them. */
export interface InterviewDraft {
  day: string;
  time: string;
  mode: InterviewMode;
  location: string;
  contactName: string;
  contactPhone: string;
  message: string;
}

export type InterviewField = 'when' | 'location' | 'contactName' | 'contactPhone';

/** The next working day at 10:00 (Beijing), on site; contact details from the last invitation sent, when there was one. */
export function emptyInterviewDraft(now: Date, last?: Pick<InterviewDraft, 'location' | 'contactName' | 'contactPhone'>): InterviewDraft {
  let day = addDays(beijingDay(now), 1);
  while (beijingWeekday(startOfBeijingDay(day)) > 5) day = addDays(day, 1);
  return { day, time: '10:00', mode: 'onsite', location: last?.location ?? '', contactName: last?.contactName ?? '', contactPhone: last?.contactPhone ?? '', message: '' };
}

/** The instant a Beijing day and `HH:mm` name, or null when they name none. */
export function draftStartsAt(draft: Pick<InterviewDraft, 'day' | 'time'>): Date | null {
  const m = /^(\d{2}):(\d{2})$/.exec(draft.time);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day) || !m) return null;
  const at = new Date(startOfBeijingDay(draft.day).getTime() + Number(m[1]) * HOUR_MS + Number(m[2]) * 60_000);
  return Number.isNaN(at.getTime()) || beijingDay(at) !== draft.day || beijingClock(at) !== draft.time ? null : at;
}

/** What is missing or wrong, per field, in the words the form shows (the server's rule, said before sending). */
export function interviewDraftProblems(draft: InterviewDraft, now: Date): Partial<Record<InterviewField, string>> {
  const problems: Partial<Record<InterviewField, string>> = {};
  const at = draftStartsAt(draft);
  if (!at) problems.when = '请选择面试日期和时间';
  else if (at.getTime() <= now.getTime()) problems.when = '面试时间须晚于现在';
  if (draft.location.trim().length < 2) problems.location = draft.mode === 'online' ? '请填写会议链接或会议号' : '请填写面试地点';
  if (!draft.contactName.trim()) problems.contactName = '请填写联系人';
  if (!INTERVIEW_PHONE_PATTERN.test(draft.contactPhone.trim())) problems.contactPhone = '请填写手机号或带区号的座机号';
  return problems;
}

/** The invitation to send, or null while the day and time name no instant. */
export function invitationOf(draft: InterviewDraft): InterviewInvitation | null {
  const at = draftStartsAt(draft);
  if (!at) return null;
  const message = draft.message.trim();
  return {
    startsAt: at.toISOString(),
    mode: draft.mode,
    location: draft.location.trim(),
    contactName: draft.contactName.trim(),
    contactPhone: draft.contactPhone.trim(),
    ...(message ? { message } : {}),
  };
}

/** The confirmation: what the candidate will receive. */
export function invitationConfirmText(name: string, invitation: InterviewInvitation): string {
  return `将向${name}发送面试邀请，学生会收到通知并在“我的投递”中看到：${interviewLines(invitation)
    .map(l => `${l.label}：${l.value}`)
    .join('；')}。`;
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** The days an interview can be set on: tomorrow (Beijing) and the `count - 1` after it, as `12月8日 周二`. */
export function interviewDayOptions(now: Date, count = 30): Array<{ value: string; label: string }> {
  const first = addDays(beijingDay(now), 1);
  return Array.from({ length: count }, (_, i) => {
    const day = addDays(first, i);
    const [, month, date] = day.split('-').map(Number);
    return { value: day, label: `${month}月${date}日 周${WEEKDAYS[beijingWeekday(startOfBeijingDay(day)) - 1]}` };
  });
}

/** Half-hours from 08:00 to 20:00. */
export const INTERVIEW_TIMES: ReadonlyArray<{ value: string; label: string }> = Array.from({ length: 25 }, (_, i) => {
  const value = `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
  return { value, label: value };
});
