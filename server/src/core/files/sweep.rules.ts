import type { StoredObject } from './backend';

/** Files old enough to be judged: younger ones may belong to an upload whose record is being written. */
export function pastGrace(objects: readonly StoredObject[], now: Date, graceMs: number): string[] {
  const before = now.getTime() - graceMs;
  return objects.filter(o => o.modified.getTime() < before).map(o => o.key);
}

/** The candidates no source claims. */
export function unreferenced(candidates: readonly string[], claimed: Iterable<string>): string[] {
  const keep = new Set(claimed);
  return candidates.filter(key => !keep.has(key));
}
