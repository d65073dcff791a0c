import { partyOf, statusTone } from '@/packages/complaint/components/format';
import { newComplaintKey } from '@/services/api/complaint';

describe('complaint client helpers', () => {
  it('should make idempotency keys the server accepts, different for each form', () => {
    const keys = new Set(Array.from({ length: 50 }, newComplaintKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });

  it('should name the party: enterprise and job, else enterprise, else the free-text party', () => {
    expect(partyOf({ job: { title: 'Java 开发' }, enterprise: { name: '星海软件' } })).toBe('星海软件 · Java 开发');
    expect(partyOf({ enterprise: { name: '星海软件' } })).toBe('星海软件');
    expect(partyOf({ partyName: '某培训学校' })).toBe('某培训学校');
    expect(partyOf({})).toBe('-');
  });

  it('should colour answered complaints green, refused red and new ones amber', () => {
    expect(statusTone('replied')).toBe('success');
    expect(statusTone('closed')).toBe('success');
    expect(statusTone('rejected')).toBe('danger');
    expect(statusTone('submitted')).toBe('warning');
    expect(statusTone('investigating')).toBe('primary');
  });
});
