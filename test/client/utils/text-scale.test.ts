import { LARGE_TEXT_SCALE, isLargeLayout, systemScale, targetSize, textScale, textScaleStyle } from '@/utils/text-scale';

describe('text scale (WeChat font size and 大字模式)', () => {
  it('should take the scale factor WeChat reports', () => {
    expect(systemScale({ fontSizeScaleFactor: 1.4, fontSizeSetting: 23.8, platform: 'ios' })).toBe(1.4);
  });

  it('should derive the scale from the font size over the platform standard when no factor is given', () => {
    expect(systemScale({ fontSizeSetting: 23.8, platform: 'ios' })).toBeCloseTo(1.4);
    expect(systemScale({ fontSizeSetting: 22, platform: 'android' })).toBeCloseTo(1.375);
  });

  it('should fall back to the standard size when WeChat says nothing usable (h5 gives NaN)', () => {
    expect(systemScale({ fontSizeSetting: Number.NaN })).toBe(1);
    expect(systemScale({})).toBe(1);
  });

  it('should follow the system size in the standard mode, never below the design', () => {
    expect(textScale('standard', 1.12)).toBe(1.12);
    expect(textScale('standard', 0.94)).toBe(1);
  });

  it('should raise large mode to care-mode size, keep a larger system size, and cap it', () => {
    expect(textScale('large', 1)).toBe(LARGE_TEXT_SCALE);
    expect(textScale('large', 1.55)).toBe(1.55);
    expect(textScale('large', 3)).toBe(2);
  });

  it('should ask for 60 px targets from care-mode size on and 44 px below it', () => {
    expect(targetSize(1)).toBe(44);
    expect(targetSize(1.39)).toBe(44);
    expect(targetSize(1.4)).toBe(60);
    expect(textScaleStyle(1.5)).toEqual({ '--ll-text-scale': '1.5', '--ll-target': '60px' });
  });

  it('should switch layouts to fewer columns once text is clearly larger', () => {
    expect(isLargeLayout(1.12)).toBe(false);
    expect(isLargeLayout(1.2)).toBe(true);
  });
});
