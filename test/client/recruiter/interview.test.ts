import {
  INTERVIEW_TIMES,
  draftStartsAt,
  emptyInterviewDraft,
  interviewDayOptions,
  interviewDraftProblems,
  invitationConfirmText,
  invitationOf,
  type InterviewDraft,
} from '@/packages/recruiter/pages/applicants/interview';

// Friday 4 December 2026, 20:00 in Dalian.
const friday = new Date('2026-12-04T12:00:00.000Z');

const filled = (over: Partial<InterviewDraft> = {}): InterviewDraft => ({
  ...emptyInterviewDraft(friday),
  location: '高新区软件园 9 号楼 302',
  contactName: '李老师',
  contactPhone: '0411-84751234',
  ...over,
});

describe('邀请面试 form', () => {
  it('should start on the next working day at 10:00, on site, with the last place and contact offered again', () => {
    expect(emptyInterviewDraft(friday)).toEqual({ day: '2026-12-07', time: '10:00', mode: 'onsite', location: '', contactName: '', contactPhone: '', message: '' });
    const last = { location: '软件园', contactName: '王经理', contactPhone: '13912345678' };
    expect(emptyInterviewDraft(new Date('2026-12-07T01:00:00.000Z'), last)).toMatchObject({ day: '2026-12-08', ...last });
  });

  it('should read the day and time as Beijing time, whatever the phone’s zone', () => {
    expect(draftStartsAt({ day: '2026-12-07', time: '10:00' })?.toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(draftStartsAt({ day: '2026-02-30', time: '10:00' })).toBeNull();
    expect(draftStartsAt({ day: '2026-12-07', time: '25:00' })).toBeNull();
    expect(draftStartsAt({ day: '', time: '10:00' })).toBeNull();
  });

  it('should say what is missing before anything is sent', () => {
    expect(interviewDraftProblems(emptyInterviewDraft(friday), friday)).toEqual({
      location: '请填写面试地点',
      contactName: '请填写联系人',
      contactPhone: '请填写手机号或带区号的座机号',
    });
    expect(interviewDraftProblems(filled({ mode: 'online', location: '' }), friday).location).toBe('请填写会议链接或会议号');
    expect(interviewDraftProblems(filled({ day: '2026-12-04', time: '19:30' }), friday).when).toBe('面试时间须晚于现在');
    expect(interviewDraftProblems(filled({ contactPhone: '84751234' }), friday).contactPhone).toBeDefined();
    expect(interviewDraftProblems(filled(), friday)).toEqual({});
  });

  it('should send the invitation trimmed, and ask with everything the candidate will read', () => {
    const invitation = invitationOf(filled({ message: '  请带身份证 ' }));
    expect(invitation).toEqual({
      startsAt: '2026-12-07T02:00:00.000Z',
      mode: 'onsite',
      location: '高新区软件园 9 号楼 302',
      contactName: '李老师',
      contactPhone: '0411-84751234',
      message: '请带身份证',
    });
    expect(invitationOf(filled({ message: ' ' }))).not.toHaveProperty('message');
    expect(invitationOf(filled({ time: '' }))).toBeNull();
    expect(invitationConfirmText('张三', invitation!)).toBe(
      '将向张三发送面试邀请，学生会收到通知并在“我的投递”中看到：时间：12月7日 10:00（北京时间）；方式：现场面试；地点：高新区软件园 9 号楼 302；联系人：李老师 0411-84751234；说明：请带身份证。',
    );
  });

  it('should offer the coming days by weekday and half-hours from 08:00 to 20:00', () => {
    expect(interviewDayOptions(friday, 3)).toEqual([
      { value: '2026-12-05', label: '12月5日 周六' },
      { value: '2026-12-06', label: '12月6日 周日' },
      { value: '2026-12-07', label: '12月7日 周一' },
    ]);
    expect(INTERVIEW_TIMES[0].value).toBe('08:00');
    expect(INTERVIEW_TIMES.at(-1)?.value).toBe('20:00');
    expect(INTERVIEW_TIMES.map(t => t.value)).toContain('10:00');
  });
});
