import type { ContentSummary } from '@contract/policy';
import { matchesFilters, tagsOf } from '@/packages/policy/filters';

function entry(overrides: Partial<ContentSummary>): ContentSummary {
  return { id: 'c1', kind: 'policy', title: '住房补贴', summary: '', issuer: '市人社局', tags: [], ...overrides };
}

describe('search page filters', () => {
  it('should keep entries of the chosen action and tag only', () => {
    const housing = entry({ action: 6, tags: ['住房', '补贴'] });
    expect(matchesFilters(housing, { action: 6, tag: '住房' })).toBe(true);
    expect(matchesFilters(housing, { action: 5 })).toBe(false);
    expect(matchesFilters(housing, { tag: '创业' })).toBe(false);
    expect(matchesFilters(housing, {})).toBe(true);
  });

  it('should treat an entry without a district as city-wide and match an institution by its district', () => {
    expect(matchesFilters(entry({}), { district: '210211' })).toBe(true);
    expect(matchesFilters(entry({ district: '210202' }), { district: '210211' })).toBe(false);
    const institution = entry({
      kind: 'institution',
      institution: { type: 'training', address: '软件园路 1 号', contact: '', phone: '', district: '210211' },
    });
    expect(matchesFilters(institution, { district: '210211' })).toBe(true);
    expect(matchesFilters(institution, { district: '210202' })).toBe(false);
  });

  it('should list tags by how many entries carry them', () => {
    const items = [entry({ tags: ['补贴', '住房'] }), entry({ tags: ['补贴', '创业'] }), entry({ tags: ['补贴'] })];
    expect(tagsOf(items)).toEqual(['补贴', '创业', '住房']);
    expect(tagsOf(items, 1)).toEqual(['补贴']);
  });
});
