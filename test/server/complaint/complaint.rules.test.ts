import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintAction, type ComplaintStatus } from '../../../server/src/contract/complaint';
import {
  allowedActions,
  checkDueDate,
  complaintNoticeEvent,
  dueAfter,
  fingerprint,
  HANDLING_DAYS,
  handlingDue,
  inScope,
  isHotlineNumber,
  isOverdue,
  MAX_HANDLING_DAYS,
  nextStatus,
  normalisePhone,
  triageDue,
} from '../../../server/src/modules/complaint/complaint.rules';
import { beijingDay } from '../../../server/src/contract/time';

// 2026-06-10 10:00 in Beijing.
const at = new Date('2026-06-10T02:00:00.000Z');

describe('complaint deadlines', () => {
  it('should give every category a handling deadline, fake jobs the shortest', () => {
    for (const category of COMPLAINT_CATEGORIES) expect(HANDLING_DAYS[category]).toBeGreaterThan(0);
    const shortest = Math.min(...Object.values(HANDLING_DAYS));
    expect(HANDLING_DAYS['fake-job']).toBe(shortest);
    expect(HANDLING_DAYS['unpaid-wages']).toBeLessThan(HANDLING_DAYS.discrimination);
  });

  it('should set the handling deadline from the category: a fake job 5 days, discrimination 15 days after triage', () => {
    expect(beijingDay(handlingDue('fake-job', at))).toBe('2026-06-15');
    expect(beijingDay(handlingDue('unpaid-wages', at))).toBe('2026-06-17');
    expect(beijingDay(handlingDue('training-loan', at))).toBe('2026-06-20');
    expect(beijingDay(handlingDue('discrimination', at))).toBe('2026-06-25');
  });

  it('should count days in Beijing time, so a late-evening complaint is not a day short', () => {
    // 23:30 on 10 June in Beijing is still 10 June there, though 15:30Z.
    const lateEvening = new Date('2026-06-10T15:30:00.000Z');
    expect(beijingDay(triageDue(lateEvening))).toBe('2026-06-12');
    expect(beijingDay(dueAfter(lateEvening, 0))).toBe('2026-06-10');
  });

  it('should give two days to triage a new complaint', () => {
    expect(beijingDay(triageDue(at))).toBe('2026-06-12');
  });

  it('should accept a hand-set deadline from today up to 60 days after triage', () => {
    expect(checkDueDate('2026-06-10', at, at)?.toISOString()).toBe('2026-06-10T15:59:59.999Z');
    const last = beijingDay(new Date(at.getTime() + MAX_HANDLING_DAYS * 86400_000));
    expect(checkDueDate(last, at, at)).not.toBeNull();
  });

  it('should refuse a deadline in the past, too far away, or not a real date', () => {
    expect(checkDueDate('2026-06-09', at, at)).toBeNull();
    expect(checkDueDate('2026-08-20', at, at)).toBeNull();
    expect(checkDueDate('2026-02-30', at, at)).toBeNull();
    expect(checkDueDate('2026-6-30', at, at)).toBeNull();
  });

  it('should call an open complaint past its deadline overdue, and never an answered one', () => {
    const past = new Date(at.getTime() - 1);
    expect(isOverdue('submitted', past, at)).toBe(true);
    expect(isOverdue('investigating', past, at)).toBe(true);
    expect(isOverdue('triaged', new Date(at.getTime() + 1), at)).toBe(false);
    expect(isOverdue('replied', past, at)).toBe(false);
    expect(isOverdue('rejected', past, at)).toBe(false);
    expect(isOverdue('submitted', undefined, at)).toBe(false);
  });
});

describe('complaint transitions', () => {
  const table: Array<[ComplaintAction, ComplaintStatus, ComplaintStatus | null]> = [
    ['assign', 'submitted', 'triaged'],
    ['assign', 'triaged', 'triaged'],
    ['assign', 'investigating', 'investigating'],
    ['assign', 'replied', null],
    ['investigate', 'triaged', 'investigating'],
    ['investigate', 'submitted', null],
    ['investigate', 'investigating', null],
    ['deadline', 'submitted', null],
    ['deadline', 'investigating', 'investigating'],
    ['reply', 'submitted', null],
    ['reply', 'triaged', 'replied'],
    ['reply', 'investigating', 'replied'],
    ['reply', 'replied', null],
    ['close', 'replied', 'closed'],
    ['close', 'investigating', null],
    ['close', 'closed', null],
    ['reject', 'submitted', 'rejected'],
    ['reject', 'investigating', 'rejected'],
    ['reject', 'replied', null],
    ['reject', 'rejected', null],
    ['evidence', 'investigating', 'investigating'],
    ['evidence', 'closed', null],
    ['freeze', 'replied', 'replied'],
    ['freeze', 'closed', null],
    ['unfreeze', 'closed', 'closed'],
    ['unfreeze', 'rejected', 'rejected'],
    ['submit', 'submitted', null],
  ];

  it.each(table)('should map %s from %s to %s', (action, from, to) => {
    expect(nextStatus(action, from)).toBe(to);
  });

  it('should never leave a final status except to lift a freeze', () => {
    for (const final of ['closed', 'rejected'] as const) {
      expect(allowedActions(final)).toEqual(['unfreeze']);
    }
  });

  it('should offer assigning and rejecting, but not replying, on a new complaint', () => {
    const actions = allowedActions('submitted');
    expect(actions).toEqual(expect.arrayContaining(['assign', 'reject', 'freeze']));
    expect(actions).not.toContain('reply');
    expect(actions).not.toContain('close');
  });

  it('should only lead to known statuses', () => {
    for (const from of COMPLAINT_STATUSES) {
      for (const action of allowedActions(from)) expect(COMPLAINT_STATUSES).toContain(nextStatus(action, from));
    }
  });
});

describe('complaint scope and input', () => {
  it('should let the bureau see every district and district staff only their own', () => {
    expect(inScope({ roles: ['bureau'], scope: {} }, '210283')).toBe(true);
    expect(inScope({ roles: ['district'], scope: { districtCode: '210211' } }, '210211')).toBe(true);
    expect(inScope({ roles: ['district'], scope: { districtCode: '210211' } }, '210283')).toBe(false);
    expect(inScope({ roles: ['district'], scope: {} }, '210211')).toBe(false);
    expect(inScope({ roles: ['college'], scope: { collegeId: 'dlut', districtCode: '210211' } }, '210211')).toBe(false);
  });

  it('should fingerprint the same complaint alike whatever the spacing of the phone', () => {
    const base = { category: 'fake-job' as const, jobId: 'a'.repeat(24), description: '岗位实际是销售，要求先交押金', phone: '138 0000 0000' };
    expect(fingerprint(base)).toBe(fingerprint({ ...base, phone: '13800000000', description: ` ${base.description} ` }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, description: '另一件事情的描述内容' }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, category: 'black-agency' }));
  });

  it('should accept mobiles and landlines with area code as contact numbers', () => {
    expect(normalisePhone('138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0411 8888 6666')).toBe('041188886666');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('23812345678')).toBeNull();
  });

  it('should accept service numbers, landlines and 400 numbers as hotlines', () => {
    for (const ok of ['12333', '0411-12345678', '041112345678', '400-123-4567']) expect(isHotlineNumber(ok)).toBe(true);
    for (const bad of ['', '110abc', '0411-123', 'http://x']) expect(isHotlineNumber(bad)).toBe(false);
  });
});

describe('complaint notices', () => {
  const doc = (status: ComplaintStatus, timeline: Array<{ action: ComplaintAction; note?: string }>) => ({ id: 'c1', status, categoryLabel: '虚假招聘', timeline });

  it('should not tell the complainant about their own submission', () => {
    expect(complaintNoticeEvent(doc('submitted', [{ action: 'submit' }]))).toBeUndefined();
  });

  it('should tell each status the complaint reaches', () => {
    const statuses: ComplaintStatus[] = ['triaged', 'investigating', 'replied', 'closed', 'rejected'];
    expect(statuses.map(s => complaintNoticeEvent(doc(s, []))?.status)).toEqual(statuses);
  });

  it('should tell the reply or the reason, taken from the latest matching step', () => {
    const replied = complaintNoticeEvent(doc('replied', [{ action: 'assign', note: '由甘井子区人社局办理' }, { action: 'reply', note: '已责令企业整改' }]));
    expect(replied).toEqual({ type: 'complaint.progress', complaintId: 'c1', status: 'replied', categoryLabel: '虚假招聘', note: '已责令企业整改' });
    const reassigned = complaintNoticeEvent(doc('triaged', [{ action: 'assign', note: '由市人社局办理' }, { action: 'assign', note: '由庄河市人社局办理' }]));
    expect(reassigned?.note).toBe('由庄河市人社局办理');
    expect(complaintNoticeEvent(doc('investigating', [{ action: 'investigate' }]))?.note).toBeUndefined();
  });
});
