import { qrDataUrl, secondsLeft } from '@/packages/job/pages/my-fairs/qr';
import { checkFairForm, emptyFairForm, parseFairTime, type FairForm } from '@/packages/job/pages/staff-fairs/form';

describe('the check-in QR code', () => {
  it('should render a signed token as a GIF image, different tokens differently', () => {
    const token = 'eyJmYWlySWQiOiI2NjAwMDAwMDAwMDAwMDAwMDAwMDAwMDEiLCJleHAiOjE3OTAwMDAwMDAwMDB9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
    const a = qrDataUrl(token);
    const b = qrDataUrl(`${token}x`);
    expect(a.startsWith('data:image/gif;base64,')).toBe(true);
    const gif = Buffer.from(a.slice('data:image/gif;base64,'.length), 'base64');
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF87a');
    // A version-7+ code at 6 px per module with a 4-module margin is well over 200 px wide.
    expect(gif.readUInt16LE(6)).toBeGreaterThan(200);
    expect(a).not.toBe(b);
  });

  it('should count the seconds left and stop at zero', () => {
    const now = Date.UTC(2026, 4, 10, 9, 0, 0);
    expect(secondsLeft(new Date(now + 90_500).toISOString(), now)).toBe(90);
    expect(secondsLeft(new Date(now - 1000).toISOString(), now)).toBe(0);
    expect(secondsLeft('not a date', now)).toBe(0);
  });
});

describe('the staff fair form', () => {
  const NOW = new Date('2026-05-10T04:00:00Z');
  const filled = (patch: Partial<FairForm> = {}): FairForm => ({
    ...emptyFairForm,
    kind: 'comprehensive',
    title: '大连市高校毕业生综合招聘会',
    startAt: '2026-06-01 09:00',
    endAt: '2026-06-01 16:00',
    venue: '星海会展中心',
    boothCapacity: '120',
    ...patch,
  });

  it("should read typed date-times as Beijing time whatever the phone's zone and refuse impossible ones", () => {
    expect(parseFairTime('2026-06-01 09:00')).toBe('2026-06-01T01:00:00.000Z');
    expect(parseFairTime('2026-6-1 9:00')).toBe('2026-06-01T01:00:00.000Z');
    expect(parseFairTime('2026-02-30 09:00')).toBeUndefined();
    expect(parseFairTime('2026-06-01 25:00')).toBeUndefined();
    expect(parseFairTime('明天上午')).toBeUndefined();
  });

  it('should build the fair input and leave the district out when not chosen', () => {
    const checked = checkFairForm(filled(), NOW);
    expect(checked).toEqual({
      ok: true,
      input: {
        kind: 'comprehensive',
        title: '大连市高校毕业生综合招聘会',
        description: '',
        startAt: '2026-06-01T01:00:00.000Z',
        endAt: '2026-06-01T08:00:00.000Z',
        venue: '星海会展中心',
        boothCapacity: 120,
      },
    });
  });

  it('should refuse an end before the start, a start in the past and a capacity out of range', () => {
    const backwards = checkFairForm(filled({ endAt: '2026-06-01 08:00' }), NOW);
    expect(backwards.ok ? {} : backwards.errors).toEqual({ endAt: '结束时间须晚于开始时间' });
    const past = checkFairForm(filled({ startAt: '2026-05-01 09:00', boothCapacity: '0' }), NOW);
    expect(past.ok ? [] : Object.keys(past.errors).sort()).toEqual(['boothCapacity', 'startAt']);
  });
});
