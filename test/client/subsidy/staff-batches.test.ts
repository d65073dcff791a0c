import { yuan } from '@/packages/subsidy/pages/staff-batches/preview';

describe('payment batch preview', () => {
  it('should print amounts in whole yuan grouped by thousands', () => {
    expect(yuan(0)).toBe('0 元');
    expect(yuan(1500)).toBe('1,500 元');
    expect(yuan(2_345_000)).toBe('2,345,000 元');
  });
});
