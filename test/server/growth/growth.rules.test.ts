import type { CourseInput } from '../../../server/src/contract/growth';
import {
  canMoveStory,
  contestOpen,
  courseFinished,
  courseProblems,
  decisionTarget,
  holdKey,
  isMp4,
  overlaps,
  publicName,
  rangeOf,
  reasonMissing,
  seatsLeft,
  signupOpen,
  slotBatchProblems,
  slotBookable,
  storyBannedPhrase,
  storyStatusesBefore,
} from '../../../server/src/modules/growth/growth.rules';

const at = (iso: string) => new Date(iso);
const now = at('2026-06-01T02:00:00Z'); // 10:00 Beijing

describe('overlaps', () => {
  const nine = rangeOf('2026-06-02T01:00:00Z', 60); // 09:00–10:00 Beijing
  it('should treat ranges as half-open, so back-to-back slots do not overlap', () => {
    expect(overlaps(nine, rangeOf('2026-06-02T02:00:00Z', 30))).toBe(false);
    expect(overlaps(rangeOf('2026-06-02T00:30:00Z', 30), nine)).toBe(false);
  });
  it('should find partial, containing and identical overlaps in either order', () => {
    const partial = rangeOf('2026-06-02T01:30:00Z', 60);
    const inside = rangeOf('2026-06-02T01:15:00Z', 15);
    expect(overlaps(nine, partial)).toBe(true);
    expect(overlaps(partial, nine)).toBe(true);
    expect(overlaps(nine, inside)).toBe(true);
    expect(overlaps(inside, nine)).toBe(true);
    expect(overlaps(nine, nine)).toBe(true);
  });
});

describe('slotBatchProblems', () => {
  const existing = [rangeOf('2026-06-02T01:00:00Z', 60)];
  it('should accept future slots that touch but do not overlap', () => {
    const batch = [rangeOf('2026-06-02T02:00:00Z', 30), rangeOf('2026-06-02T02:30:00Z', 30)];
    expect(slotBatchProblems(batch, existing, now)).toEqual([]);
  });
  it('should reject a slot that overlaps an existing one, naming its position', () => {
    const batch = [rangeOf('2026-06-02T03:00:00Z', 30), rangeOf('2026-06-02T01:30:00Z', 30)];
    expect(slotBatchProblems(batch, existing, now)).toEqual([{ index: 1, message: '第2个时段与已发布的时段重叠' }]);
  });
  it('should reject two new slots that overlap each other', () => {
    const batch = [rangeOf('2026-06-03T01:00:00Z', 60), rangeOf('2026-06-03T01:30:00Z', 60)];
    expect(slotBatchProblems(batch, [], now)).toEqual([{ index: 1, message: '第2个时段与本次提交的其他时段重叠' }]);
  });
  it('should reject a slot that has already started', () => {
    const batch = [rangeOf(now, 30)];
    expect(slotBatchProblems(batch, [], now)[0].message).toContain('已过');
  });
});

describe('slot booking rules', () => {
  it('should let only open slots that have not started be booked', () => {
    const later = at('2026-06-01T03:00:00Z');
    expect(slotBookable({ status: 'open', startsAt: later }, now)).toBe(true);
    expect(slotBookable({ status: 'booked', startsAt: later }, now)).toBe(false);
    expect(slotBookable({ status: 'cancelled', startsAt: later }, now)).toBe(false);
    expect(slotBookable({ status: 'open', startsAt: now }, now)).toBe(false);
  });
  it('should key a hold by host and student', () => {
    expect(holdKey('h1', 's1')).toBe('h1:s1');
    expect(holdKey('h1', 's1')).not.toBe(holdKey('h2', 's1'));
  });
});

describe('course rules', () => {
  const live = { status: 'open', format: 'live', startsAt: at('2026-06-01T06:00:00Z'), durationMinutes: 90 };
  it('should count seats left and never go below zero', () => {
    expect(seatsLeft({ capacity: 30, signedUp: 29 })).toBe(1);
    expect(seatsLeft({ capacity: 30, signedUp: 30 })).toBe(0);
    expect(seatsLeft({ capacity: 30, signedUp: 31 })).toBe(0);
  });
  it('should close sign-up of a live course when it starts, but keep a video course open', () => {
    expect(signupOpen(live, now)).toBe(true);
    expect(signupOpen(live, live.startsAt)).toBe(false);
    expect(signupOpen({ ...live, format: 'video', startsAt: at('2026-05-01T00:00:00Z') }, now)).toBe(true);
    expect(signupOpen({ ...live, status: 'cancelled' }, now)).toBe(false);
  });
  it('should consider a live course finished at its end and a video course once released', () => {
    expect(courseFinished(live, at('2026-06-01T07:29:00Z'))).toBe(false);
    expect(courseFinished(live, at('2026-06-01T07:30:00Z'))).toBe(true);
    expect(courseFinished({ ...live, format: 'video' }, live.startsAt)).toBe(true);
  });

  const base: CourseInput = {
    kind: 'career', title: '职业规划', summary: '', topic: 'planning', format: 'live', url: 'https://example.com/live',
    location: '', speaker: '', startsAt: '2026-06-02T06:00:00Z', durationMinutes: 60, capacity: 10,
  };
  it('should require a link for video and live courses and a place for onsite ones', () => {
    expect(courseProblems(base)).toEqual([]);
    expect(courseProblems({ ...base, url: 'javascript:alert(1)' })[0].field).toBe('url');
    expect(courseProblems({ ...base, format: 'onsite', url: '' })[0].field).toBe('location');
  });
  it('should require an institution for training and refuse one on a career course', () => {
    expect(courseProblems({ ...base, kind: 'training', format: 'onsite', location: '教室' })[0].field).toBe('institutionId');
    expect(courseProblems({ ...base, institutionId: 'a'.repeat(24) })[0].field).toBe('institutionId');
  });
});

describe('contestOpen', () => {
  it('should keep registration open through the closing day in Beijing time', () => {
    expect(contestOpen('2026-06-01', at('2026-06-01T15:59:00Z'))).toBe(true);
    expect(contestOpen('2026-06-01', at('2026-06-01T16:00:00Z'))).toBe(false);
  });
});

describe('decisions', () => {
  it('should map decisions to statuses and require a reason only to reject', () => {
    expect(decisionTarget('approve')).toBe('approved');
    expect(decisionTarget('reject')).toBe('rejected');
    expect(reasonMissing('reject', '  ')).toBe(true);
    expect(reasonMissing('reject', '材料不全')).toBe(false);
    expect(reasonMissing('approve', undefined)).toBe(false);
  });
  it('should move stories draft → pending → approved/rejected, allow taking a published story down, and never revive a rejected one', () => {
    expect(canMoveStory('draft', 'pending')).toBe(true);
    expect(canMoveStory('draft', 'approved')).toBe(false);
    expect(canMoveStory('pending', 'approved')).toBe(true);
    expect(canMoveStory('pending', 'rejected')).toBe(true);
    expect(canMoveStory('approved', 'rejected')).toBe(true);
    expect(canMoveStory('rejected', 'approved')).toBe(false);
    expect(storyStatusesBefore('rejected').sort()).toEqual(['approved', 'pending']);
  });
});

describe('story checks', () => {
  it('should find banned words of the job rules in a story', () => {
    expect(storyBannedPhrase('我的经历', '在大连找到了工作，还做过刷单')).toBe('刷单');
    expect(storyBannedPhrase('培训贷', '正文内容足够长')).toBe('培训贷');
  });
  it('should not treat a story as a hiring requirement', () => {
    expect(storyBannedPhrase('留在大连', '我们团队男女不限，欢迎985院校同学，也欢迎所有人')).toBeUndefined();
  });
  it('should recognise an mp4 by its ftyp box and refuse other files', () => {
    const mp4 = Buffer.from([0, 0, 0, 0x20, ...Buffer.from('ftypisom'), 0, 0, 2, 0]);
    expect(isMp4(mp4)).toBe(true);
    expect(isMp4(Buffer.from([0, 0, 0, 0x20, ...Buffer.from('ftypqt  '), 0, 0, 0, 0]))).toBe(false);
    expect(isMp4(Buffer.from('%PDF-1.4 not a video'))).toBe(false);
    expect(isMp4(Buffer.from('MZ'))).toBe(false);
  });
});

describe('publicName', () => {
  it('should show only the surname to the public', () => {
    expect(publicName('李明')).toBe('李同学');
    expect(publicName('  欧阳娜娜 ')).toBe('欧同学');
    expect(publicName('wx_user')).toBe('毕业生');
    expect(publicName('')).toBe('毕业生');
  });
});
