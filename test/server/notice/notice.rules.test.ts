import { digestDueAt, fitTemplateData, topicState } from '../../../server/src/modules/notice/notice.rules';

describe('fitTemplateData', () => {
  it('should cut a thing field to 20 characters, counting Chinese characters as one', () => {
    const long = '大连星海软件科技有限公司（示例）Java开发工程师';
    expect(Array.from(fitTemplateData({ thing1: long }).thing1.value)).toHaveLength(20);
  });

  it('should cut a phrase field to 5 characters', () => {
    expect(fitTemplateData({ phrase3: '已进入面试环节' }).phrase3.value).toBe('已进入面试');
  });

  it('should replace newlines and control characters, which WeChat refuses', () => {
    expect(fitTemplateData({ thing4: '请携带\n简历\t到场' }).thing4.value).toBe('请携带 简历 到场');
  });

  it('should leave time values and unknown types whole', () => {
    expect(fitTemplateData({ time3: '2026-11-28 15:01', date5: '2026年11月28日' })).toEqual({
      time3: { value: '2026-11-28 15:01' },
      date5: { value: '2026年11月28日' },
    });
  });
});

describe('digestDueAt', () => {
  // 2026-06-01 is a Monday; 09:00 Beijing is 01:00 UTC.
  const monday9 = new Date('2026-06-01T01:00:00.000Z');

  it('should be the same Monday 09:00 Beijing time from that moment until the next one', () => {
    expect(digestDueAt(monday9, 1, 9)).toEqual(monday9);
    expect(digestDueAt(new Date('2026-06-03T12:00:00.000Z'), 1, 9)).toEqual(monday9);
    expect(digestDueAt(new Date('2026-06-08T00:59:59.999Z'), 1, 9)).toEqual(monday9);
    expect(digestDueAt(new Date('2026-06-08T01:00:00.000Z'), 1, 9)).toEqual(new Date('2026-06-08T01:00:00.000Z'));
  });

  it('should go back a week on a Monday before 09:00 Beijing time, and read the weekday in Beijing, not UTC', () => {
    expect(digestDueAt(new Date('2026-06-01T00:30:00.000Z'), 1, 9)).toEqual(new Date('2026-05-25T01:00:00.000Z'));
    // Sunday 20:00 UTC is already Monday 04:00 in Beijing: still before Monday's 09:00.
    expect(digestDueAt(new Date('2026-05-31T20:00:00.000Z'), 1, 9)).toEqual(new Date('2026-05-25T01:00:00.000Z'));
  });

  it('should follow another configured weekday and hour', () => {
    expect(digestDueAt(new Date('2026-06-06T10:00:00.000Z'), 5, 18)).toEqual(new Date('2026-06-05T10:00:00.000Z'));
  });
});

describe('topicState', () => {
  it('should turn every topic on and none into the digest for a user who chose nothing', () => {
    expect(topicState(null, 'growth')).toEqual({ on: true, digest: false });
  });

  it('should read a choice stored before newer topics existed as leaving those on', () => {
    const legacy = { topics: ['application' as const] };
    expect(topicState(legacy, 'policy').on).toBe(false);
    expect(topicState(legacy, 'application').on).toBe(true);
    expect(topicState(legacy, 'support').on).toBe(true);
  });

  it('should read the off list and the digest list of a current choice', () => {
    const choice = { topics: ['policy' as const], off: ['support' as const], digest: ['policy' as const] };
    expect(topicState(choice, 'support')).toEqual({ on: false, digest: false });
    expect(topicState(choice, 'policy')).toEqual({ on: true, digest: true });
  });
});
