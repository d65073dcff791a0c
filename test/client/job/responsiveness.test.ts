import { hoursText } from '../../../src/packages/job/responsiveness';

describe('hoursText (企业反馈时效)', () => {
  it('should say hours below a day, at least one', () => {
    expect(hoursText(0.2)).toBe('1 小时');
    expect(hoursText(20.4)).toBe('20 小时');
  });

  it('should say days with one decimal from a day on', () => {
    expect(hoursText(24)).toBe('1.0 天');
    expect(hoursText(130)).toBe('5.4 天');
  });

  it('should say 暂无 when nobody was answered', () => {
    expect(hoursText(null)).toBe('暂无');
  });
});
