import { TIMELINE_ACTION_LABELS, type TimelineEntry } from '@contract/subsidy';
import { actorText, stepText } from '@/packages/subsidy/timeline';

describe('a step of an application in 办理记录', () => {
  it('should be said in Chinese for every action', () => {
    for (const label of Object.values(TIMELINE_ACTION_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fa5]+$/);
    expect(stepText({ action: 'approved', stage: 'bureau' })).toBe('市人社局审批：审核通过');
    expect(stepText({ action: 'batched' })).toBe('列入发放批次');
    expect(stepText({ action: 'paid' })).toBe('补贴已发放');
  });

  it('should name the unit and the person, or 申请人 for an applicant the server did not name', () => {
    const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({ at: '2026-06-01T02:00:00.000Z', action: 'approved', actorRole: 'college', ...over });
    expect(actorText(entry({ actorUnit: '大连理工大学', actorName: '王老师' }))).toBe('大连理工大学 王老师');
    expect(actorText(entry({ actorUnit: '大连理工大学' }))).toBe('大连理工大学');
    expect(actorText(entry({ actorRole: 'applicant' }))).toBe('申请人');
    expect(actorText(entry({ actorRole: 'applicant', actorName: '张同学' }))).toBe('张同学');
  });
});
