import type { CourseInput } from '../../../server/src/contract/growth';
import { renderNotice } from '../../../server/src/modules/notice/notice.catalogue';
import { growthNoticeEvent } from '../../../server/src/modules/growth/growth.notify';
import {
  canMoveRegistration,
  courseChangeNote,
  editRefusal,
  versionFilter,
  type GrowthEvent,
} from '../../../server/src/modules/growth/growth.rules';
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

describe('staff edits', () => {
  it('should treat a record without a version as version 0', () => {
    expect(versionFilter(0)).toEqual({ version: { $in: [0, null] } });
    expect(versionFilter(3)).toEqual({ version: 3 });
  });

  it('should explain a refused edit: cancelled first, then a stale version, then too few seats', () => {
    expect(editRefusal({ status: 'cancelled', version: 2 }, { version: 1 })).toBe('GROWTH_CANCELLED');
    expect(editRefusal({ status: 'open', version: 2 }, { version: 1, capacity: 1 })).toBe('GROWTH_STALE');
    expect(editRefusal({ status: 'open' }, { version: 0, capacity: 1 })).toBe('CONFLICT');
    expect(editRefusal({ status: 'open', version: 1, signedUp: 4 }, { version: 1, capacity: 3 })).toBe('COURSE_CAPACITY_TOO_SMALL');
    expect(editRefusal({ status: 'open', version: 1, signedUp: 3 }, { version: 1, capacity: 3 })).toBe('CONFLICT');
  });

  it('should name what changed for signed-up students, and nothing for a new title or summary', () => {
    const base = { startsAt: new Date('2026-06-02T06:00:00Z'), durationMinutes: 60, location: '', url: 'https://a' };
    expect(courseChangeNote(base, { ...base })).toBeUndefined();
    expect(courseChangeNote(base, { ...base, durationMinutes: 90 })).toBe('课程时间已调整');
    expect(courseChangeNote(base, { ...base, location: '201', url: 'https://b' })).toBe('课程地点、链接已调整');
  });

  it('should let an accepted team be turned down but never revive a rejected one', () => {
    expect(canMoveRegistration('submitted', 'accepted')).toBe(true);
    expect(canMoveRegistration('accepted', 'rejected')).toBe(true);
    expect(canMoveRegistration('rejected', 'accepted')).toBe(false);
    expect(canMoveRegistration('accepted', 'accepted')).toBe(false);
  });
});

describe('growth notices', () => {
  const at = new Date('2026-06-01T02:00:00Z');
  const starts = new Date('2026-06-02T06:30:00Z');
  const events: GrowthEvent[] = [
    { type: 'course-signed-up', courseId: 'c1', title: '职业规划公开课', kind: 'career', startsAt: starts, at },
    { type: 'course-cancelled', courseId: 'c1', title: '职业规划公开课', reason: '讲师临时出差' },
    { type: 'course-changed', courseId: 'c1', title: '职业规划公开课', version: 2, note: '课程时间已调整' },
    { type: 'training-rejected', signupId: 's1', title: 'Java 实训', reason: '名额仅限离校未就业毕业生' },
    { type: 'training-completed', signupId: 's1', title: 'Java 实训' },
    { type: 'slot-booked', slotId: 'x1', kind: 'advisor', hostName: '刘', startsAt: starts, at },
    { type: 'slot-withdrawn', slotId: 'x1', kind: 'mentor', hostName: '刘', startsAt: starts },
    { type: 'contest-registered', registrationId: 'r1', title: '创青春' },
    { type: 'contest-decided', registrationId: 'r1', title: '创青春', status: 'accepted' },
    { type: 'contest-decided', registrationId: 'r1', title: '创青春', status: 'rejected', reason: '不符合赛道' },
    { type: 'contest-cancelled', contestId: 'k1', title: '创青春', reason: '延期' },
    { type: 'place-decided', applicationId: 'p1', name: '众创空间', status: 'approved' },
    { type: 'story-decided', storyId: 't1', title: '留在大连', status: 'rejected', reason: '视频不清晰' },
  ];

  const render = (e: GrowthEvent) => renderNotice(growthNoticeEvent(e), { at, policyFields: { title: 'thing1', issuer: 'thing2', date: 'date3', remark: 'thing4' } });

  it('should give every event its own stable key, so a retried decision is told once', () => {
    const keys = events.map(e => render(e).key);
    expect(new Set(keys).size).toBe(events.length);
    expect(events.map(e => render(e).key)).toEqual(keys);
    const rebooked = render({ ...(events[5] as Extract<GrowthEvent, { type: 'slot-booked' }>), at: new Date(at.getTime() + 1) });
    expect(rebooked.key).not.toBe(keys[5]);
  });

  it('should keep the template status word to five Chinese characters', () => {
    for (const e of events) expect(render(e).data.phrase2).toMatch(/^[\u4e00-\u9fff]{2,5}$/);
  });

  it('should carry the reason of a rejection to the student, and Beijing time for a booking', () => {
    expect(render(events[3])).toMatchObject({ title: '培训报名未录取：Java 实训', page: 'packages/growth/pages/mine/index', data: { thing3: '名额仅限离校未就业毕业生' } });
    expect(render(events[9]).summary).toBe('「创青春」报名未通过：不符合赛道');
    expect(render(events[5]).summary).toBe('你已预约刘老师 6月2日 14:30 的职业指导，请准时参加');
    expect(render(events[6]).title).toBe('创业诊所预约已取消');
  });
});
