import { Types } from 'mongoose';
import type { ComplaintStatus } from '../../../server/src/contract/complaint';
import type { ComplaintDoc, StoredComplaintEvent } from '../../../server/src/modules/complaint/complaint.model';
import {
  assignChange,
  canSeeComplaint,
  checkHandler,
  closeChange,
  complaintTarget,
  deadlineChange,
  freezeStep,
  handlingDue,
  planEvidence,
  planStep,
  queueCriteria,
  rejectChange,
  replyChange,
  staffActions,
  staffDistrict,
  type StaffRecord,
} from '../../../server/src/modules/complaint/complaint.rules';
import { beijingDay } from '../../../server/src/contract/time';
import { expectRefusal } from '../support/refusal';

// 2026-06-10 10:00 in Beijing.
const now = new Date('2026-06-10T02:00:00.000Z');

const bureau = { id: new Types.ObjectId().toHexString(), roles: ['bureau' as const], scope: {} };
const ganjingzi = { id: new Types.ObjectId().toHexString(), roles: ['district' as const], scope: { districtCode: '210211' } };
const zhuanghe = { id: new Types.ObjectId().toHexString(), roles: ['district' as const], scope: { districtCode: '210283' } };
const districtless = { id: new Types.ObjectId().toHexString(), roles: ['district' as const], scope: {} };
const college = { id: new Types.ObjectId().toHexString(), roles: ['college' as const], scope: { collegeId: 'dlut', districtCode: '210211' } };

function complaint(patch: Partial<ComplaintDoc> = {}): ComplaintDoc {
  return {
    _id: new Types.ObjectId(),
    complainantId: new Types.ObjectId(),
    complainantName: '投诉学生',
    idempotencyKey: 'k'.repeat(24),
    fingerprint: 'f',
    category: 'fake-job',
    district: '210211',
    description: '岗位描述与实际不符，要求先交培训费。',
    phoneEnc: 'enc',
    phoneHash: 'hash',
    phoneMasked: '139****5678',
    evidence: [],
    status: 'submitted',
    jobFrozen: false,
    enterpriseFrozen: false,
    timeline: [{ at: now, action: 'submit', actorRole: 'complainant', actorId: 'someone' }],
    createdAt: now,
    updatedAt: now,
    ...patch,
  };
}

const staffRecord = (roles: StaffRecord['roles'], districtCode?: string): StaffRecord => ({
  _id: new Types.ObjectId(),
  roles,
  scope: { districtCode },
  profile: { name: '承办人' },
  nickname: '昵称',
});

describe('complaint scope', () => {
  it('should give the bureau every district, or the one it picks', () => {
    expect(staffDistrict(bureau)).toBeUndefined();
    expect(staffDistrict(bureau, '210283')).toBe('210283');
  });

  it('should keep district staff to their own district and refuse another one as out of scope', () => {
    expect(staffDistrict(ganjingzi)).toBe('210211');
    expect(staffDistrict(ganjingzi, '210211')).toBe('210211');
    expectRefusal(() => staffDistrict(ganjingzi, '210283'), 'OUT_OF_SCOPE');
  });

  it('should refuse district staff without a district, and anyone else, as forbidden', () => {
    expectRefusal(() => staffDistrict(districtless), 'FORBIDDEN');
    expectRefusal(() => staffDistrict({ roles: ['college'], scope: { collegeId: 'dlut' } }), 'FORBIDDEN');
  });

  it('should let the complainant and staff covering the district read a complaint, and no one else', () => {
    const owner = new Types.ObjectId();
    const doc = complaint({ complainantId: owner, district: '210211' });
    expect(canSeeComplaint({ id: owner.toHexString(), roles: ['student'], scope: {} }, doc)).toBe(true);
    expect(canSeeComplaint(ganjingzi, doc)).toBe(true);
    expect(canSeeComplaint(bureau, doc)).toBe(true);
    expect(canSeeComplaint(zhuanghe, doc)).toBe(false);
    expect(canSeeComplaint(college, doc)).toBe(false);
    expect(canSeeComplaint({ id: new Types.ObjectId().toHexString(), roles: ['student'], scope: {} }, doc)).toBe(false);
  });

  it('should list open complaints past their deadline as overdue, and nothing for overdue answered ones', () => {
    expect(queueCriteria(ganjingzi, { overdue: true }, now)).toEqual({ district: '210211', category: undefined, statuses: ['submitted', 'triaged', 'investigating'], dueBefore: now });
    expect(queueCriteria(bureau, { overdue: true, status: 'triaged' }, now)).toMatchObject({ statuses: ['triaged'], dueBefore: now });
    expect(queueCriteria(bureau, { overdue: true, status: 'replied' }, now)).toBeNull();
  });

  it('should narrow a list by status and category within the caller’s district', () => {
    expect(queueCriteria(zhuanghe, { status: 'closed', category: 'unpaid-wages' }, now)).toEqual({ district: '210283', category: 'unpaid-wages', statuses: ['closed'] });
    expect(queueCriteria(bureau, {}, now)).toEqual({ district: undefined, category: undefined });
    expectRefusal(() => queueCriteria(zhuanghe, { district: '210211' }, now), 'OUT_OF_SCOPE');
  });
});

describe('complaint actions offered to staff', () => {
  it('should offer freezing only while the job or enterprise is not yet held by this complaint', () => {
    const jobId = new Types.ObjectId();
    expect(staffActions(complaint({ status: 'triaged' }))).not.toContain('freeze');
    expect(staffActions(complaint({ status: 'triaged', jobId }))).toContain('freeze');
    expect(staffActions(complaint({ status: 'triaged', jobId, jobFrozen: true }))).not.toContain('freeze');
    expect(staffActions(complaint({ status: 'triaged', jobId, jobFrozen: true, enterpriseId: new Types.ObjectId() }))).toContain('freeze');
  });

  it('should offer lifting only while this complaint holds something, even once closed', () => {
    expect(staffActions(complaint({ status: 'closed' }))).toEqual([]);
    expect(staffActions(complaint({ status: 'closed', enterpriseId: new Types.ObjectId(), enterpriseFrozen: true }))).toEqual(['unfreeze']);
  });

  it('should offer the steps of the status: triage on a new complaint, the answer while investigating, closing once answered', () => {
    expect(staffActions(complaint({ status: 'submitted' }))).toEqual(['assign', 'reject']);
    expect(staffActions(complaint({ status: 'investigating' }))).toEqual(['assign', 'deadline', 'reply', 'reject']);
    expect(staffActions(complaint({ status: 'replied' }))).toEqual(['close']);
  });
});

describe('complaint staff steps', () => {
  const by = (actorId: string, action: StoredComplaintEvent['action']): StoredComplaintEvent => ({ at: now, action, actorRole: 'district', actorId });

  it('should move a step to the status it leads to', () => {
    expect(planStep(complaint({ status: 'triaged' }), 'reply', ganjingzi.id)).toEqual({ kind: 'change', to: 'replied' });
    expect(planStep(complaint({ status: 'submitted' }), 'assign', ganjingzi.id)).toEqual({ kind: 'change', to: 'triaged' });
  });

  it('should answer a retried step by the same person with the complaint as it stands', () => {
    const doc = complaint({ status: 'replied', timeline: [by(ganjingzi.id, 'reply')] });
    expect(planStep(doc, 'reply', ganjingzi.id)).toEqual({ kind: 'replay' });
  });

  it('should refuse a step the status does not allow, naming the status, also when a colleague took it', () => {
    const doc = complaint({ status: 'replied', timeline: [by(ganjingzi.id, 'reply')] });
    expectRefusal(() => planStep(doc, 'reply', bureau.id), 'COMPLAINT_STATE_CHANGED');
    expectRefusal(() => planStep(complaint({ status: 'closed' }), 'investigate', bureau.id), 'COMPLAINT_STATE_CHANGED', { message: '投诉当前为“已办结”，不能开始调查' });
  });

  it('should take the bureau or district staff with a district as handlers, and no one else', () => {
    const districtStaff = staffRecord(['district'], '210283');
    expect(checkHandler(bureau, districtStaff)).toEqual({
      _id: districtStaff._id,
      view: { id: districtStaff._id.toHexString(), name: '承办人', role: 'district', districtCode: '210283' },
    });
    expect(checkHandler(bureau, staffRecord(['bureau'])).view.role).toBe('bureau');
    expectRefusal(() => checkHandler(bureau, null), 'COMPLAINT_HANDLER_INVALID', { field: 'handlerId' });
    expectRefusal(() => checkHandler(bureau, staffRecord(['district'])), 'COMPLAINT_HANDLER_INVALID', { field: 'handlerId' });
    expectRefusal(() => checkHandler(bureau, staffRecord(['college'], '210211')), 'COMPLAINT_HANDLER_INVALID', { field: 'handlerId' });
  });

  it('should let district staff assign only within their own district', () => {
    expect(checkHandler(ganjingzi, staffRecord(['district'], '210211')).view.districtCode).toBe('210211');
    expectRefusal(() => checkHandler(ganjingzi, staffRecord(['district'], '210283')), 'COMPLAINT_HANDLER_INVALID', { field: 'handlerId' });
    expectRefusal(() => checkHandler(ganjingzi, staffRecord(['bureau'])), 'COMPLAINT_HANDLER_INVALID', { field: 'handlerId' });
  });

  it('should triage with the category’s deadline and move the complaint to the handler’s district', () => {
    const handler = checkHandler(bureau, staffRecord(['district'], '210283'));
    const change = assignChange(complaint({ category: 'unpaid-wages' }), handler, undefined, now);
    expect(change.set).toMatchObject({ handlerId: handler._id, handlerRole: 'district', district: '210283', triagedAt: now, dueAt: handlingDue('unpaid-wages', now) });
    expect(change.note).toBe('由庄河市人社局办理');
    expect(change.unchanged).toEqual(['handlerId']);
  });

  it('should keep the district when the bureau takes a complaint itself, and take a chosen deadline', () => {
    const handler = checkHandler(bureau, staffRecord(['bureau']));
    const change = assignChange(complaint(), handler, '2026-06-30', now);
    expect(change.set?.district).toBe('210211');
    expect(beijingDay(change.set?.dueAt as Date)).toBe('2026-06-30');
    expect(change.note).toBe('由市人社局办理');
    expectRefusal(() => assignChange(complaint(), handler, '2026-06-01', now), 'COMPLAINT_DEADLINE_INVALID', { field: 'dueDate' });
  });

  it('should change nothing when a complaint is reassigned to its handler with the same deadline', () => {
    const handler = checkHandler(bureau, staffRecord(['district'], '210211'));
    const dueAt = handlingDue('fake-job', now);
    const doc = complaint({ status: 'triaged', handlerId: handler._id, triagedAt: now, dueAt });
    expect(assignChange(doc, handler, undefined, now)).toEqual({ noop: true });
    expect(assignChange(doc, handler, '2026-06-30', now).noop).toBeUndefined();
  });

  it('should move a deadline with the reason on the timeline, and change nothing for the same date', () => {
    const dueAt = handlingDue('fake-job', now);
    const doc = complaint({ status: 'investigating', triagedAt: now, dueAt });
    expect(deadlineChange(doc, { dueDate: '2026-07-01', reason: ' 需要调取银行流水 ' }, now)).toMatchObject({
      unchanged: ['dueAt'],
      note: '办理期限调整为 2026-07-01：需要调取银行流水',
    });
    expect(deadlineChange(doc, { dueDate: beijingDay(dueAt), reason: '同一天' }, now)).toEqual({ noop: true });
    expectRefusal(() => deadlineChange(doc, { dueDate: '2026-12-31', reason: '太远' }, now), 'COMPLAINT_DEADLINE_INVALID', { field: 'dueDate' });
  });

  it('should end the deadline with a reply or a rejection, and record the time of closing', () => {
    expect(replyChange(' 已责令企业整改 ', now)).toEqual({ set: { reply: '已责令企业整改', repliedAt: now }, unset: ['dueAt'], note: '已责令企业整改' });
    expect(rejectChange('证据不足', now)).toEqual({ set: { rejectReason: '证据不足', closedAt: now }, unset: ['dueAt'], note: '证据不足' });
    expect(closeChange('  ', now)).toEqual({ set: { closedAt: now }, note: undefined });
  });
});

describe('complaint freezes', () => {
  const jobId = new Types.ObjectId();
  const enterpriseId = new Types.ObjectId();

  it('should freeze the job or the enterprise complained about, with the reason on the timeline', () => {
    const doc = complaint({ jobId, enterpriseId });
    expect(freezeStep(doc, { target: 'job', reason: ' 岗位涉嫌虚假 ' }, false)).toEqual({ targetId: jobId, field: 'jobFrozen', done: false, note: '涉事岗位已冻结：岗位涉嫌虚假' });
    expect(freezeStep(doc, { target: 'enterprise', reason: '核查中' }, false)).toMatchObject({ targetId: enterpriseId, field: 'enterpriseFrozen', done: false });
  });

  it('should find a freeze this complaint already holds done, so a retry only brings the target in line', () => {
    expect(freezeStep(complaint({ jobId, jobFrozen: true }), { target: 'job', reason: '重试' }, false).done).toBe(true);
    expect(freezeStep(complaint({ jobId }), { target: 'job', reason: '重试' }, true).done).toBe(true);
  });

  it('should refuse to freeze for a complaint without that target, or one already closed', () => {
    expectRefusal(() => freezeStep(complaint({ enterpriseId }), { target: 'job', reason: '无岗位' }, false), 'COMPLAINT_NO_FREEZE_TARGET', { field: 'target' });
    expectRefusal(() => freezeStep(complaint({ status: 'closed', jobId }), { target: 'job', reason: '已办结' }, false), 'COMPLAINT_STATE_CHANGED');
  });

  it('should let a closed or rejected complaint lift its hold', () => {
    for (const status of ['closed', 'rejected'] as ComplaintStatus[]) {
      expect(freezeStep(complaint({ status, jobId, jobFrozen: true }), { target: 'job', reason: '核查完毕' }, true)).toMatchObject({ done: false, note: '涉事岗位解除冻结：核查完毕' });
    }
  });
});

describe('complaint filing', () => {
  const job = { _id: new Types.ObjectId(), title: '软件开发', enterpriseId: new Types.ObjectId(), enterpriseName: '大连某科技', district: '210211', status: 'published' };
  const enterprise = { _id: job.enterpriseId, name: '大连某科技', district: '210202' };

  it('should take a job’s enterprise and district', () => {
    expect(complaintTarget({ jobId: job._id.toHexString() }, { job })).toEqual({
      jobId: job._id,
      jobTitle: '软件开发',
      enterpriseId: job.enterpriseId,
      enterpriseName: '大连某科技',
      district: '210211',
    });
  });

  it('should keep the job’s district when its enterprise is named too, and take the enterprise’s otherwise', () => {
    const both = complaintTarget({ jobId: job._id.toHexString(), enterpriseId: enterprise._id.toHexString() }, { job, enterprise });
    expect(both.district).toBe('210211');
    expect(complaintTarget({ enterpriseId: enterprise._id.toHexString() }, { enterprise }).district).toBe('210202');
  });

  it('should refuse a job that does not exist or is a draft, an unknown enterprise, or a job of another enterprise', () => {
    expectRefusal(() => complaintTarget({ jobId: 'a'.repeat(24) }, { job: null }), 'COMPLAINT_TARGET_INVALID', { field: 'jobId' });
    expectRefusal(() => complaintTarget({ jobId: 'a'.repeat(24) }, { job: { ...job, status: 'draft' } }), 'COMPLAINT_TARGET_INVALID', { field: 'jobId' });
    expectRefusal(() => complaintTarget({ enterpriseId: 'a'.repeat(24) }, { enterprise: null }), 'COMPLAINT_TARGET_INVALID', { field: 'enterpriseId' });
    const other = { ...enterprise, _id: new Types.ObjectId() };
    expectRefusal(() => complaintTarget({ jobId: 'a'.repeat(24), enterpriseId: 'b'.repeat(24) }, { job, enterprise: other }), 'COMPLAINT_TARGET_INVALID', { field: 'enterpriseId' });
  });

  it('should take a named party with the district where it happened, and require both otherwise', () => {
    expect(complaintTarget({ partyName: '某培训学校', district: '210283' }, {})).toEqual({ district: '210283' });
    expectRefusal(() => complaintTarget({ partyName: '  ', district: '210283' }, {}), 'COMPLAINT_TARGET_REQUIRED', { field: 'partyName' });
    expectRefusal(() => complaintTarget({ partyName: '某培训学校' }, {}), 'COMPLAINT_TARGET_REQUIRED', { field: 'district' });
  });

  const file = (hash: string) => ({ id: hash, key: `k-${hash}`, type: 'png' as const, size: 10, hash, uploadedAt: now });

  it('should add evidence to an open complaint, as news for the handler once triaged', () => {
    expect(planEvidence(complaint({ status: 'submitted' }), 'h1')).toEqual({ kind: 'add', newsForHandler: false });
    expect(planEvidence(complaint({ status: 'investigating' }), 'h1')).toEqual({ kind: 'add', newsForHandler: true });
  });

  it('should take the same file again as a retried upload, even after the complaint is closed', () => {
    expect(planEvidence(complaint({ status: 'closed', evidence: [file('h1')] }), 'h1')).toEqual({ kind: 'replay' });
  });

  it('should refuse evidence once the complaint is answered, or beyond six files', () => {
    expectRefusal(() => planEvidence(complaint({ status: 'replied' }), 'h1'), 'COMPLAINT_NOT_OPEN');
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map(file);
    expectRefusal(() => planEvidence(complaint({ status: 'triaged', evidence: six }), 'h7'), 'COMPLAINT_EVIDENCE_LIMIT');
  });
});
