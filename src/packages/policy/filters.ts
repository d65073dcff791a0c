import type { ActionNo, ContentSummary } from '@contract/policy';
import type { DistrictCode } from '@contract/reference';

/** Filters the search page applies on top of a search or "for me" answer (those routes take only q/kind). */
export interface ContentFilters {
  action?: ActionNo;
  district?: DistrictCode;
  tag?: string;
}

/** An entry's district: its own, or its institution's. Entries without one are city-wide. */
function districtOf(item: ContentSummary): DistrictCode | undefined {
  return item.district ?? item.institution?.district;
}

export function matchesFilters(item: ContentSummary, filters: ContentFilters): boolean {
  if (filters.action && item.action !== filters.action) return false;
  if (filters.tag && !item.tags.includes(filters.tag)) return false;
  if (filters.district) {
    const district = districtOf(item);
    // City-wide entries (no district) apply in every district.
    if (district && district !== filters.district) return false;
  }
  return true;
}

/** Tags of the shown entries, most frequent first, for the tag chips. */
export function tagsOf(items: ContentSummary[], max = 12): string[] {
  const counts = new Map<string, number>();
  for (const item of items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
    .slice(0, max)
    .map(([tag]) => tag);
}
