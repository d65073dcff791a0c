import type { EditableReferenceLists, MinimumWage, MinimumWageInput, ReferenceItem, ReferenceItemInput, ReferenceItemPatch } from '@contract/reference';
import { request } from '../http';

let lists: Promise<EditableReferenceLists> | undefined;

/** The editable lists' active items ("15+N" chains, 老/原/新, industries), loaded once per app run. */
export function referenceLists(): Promise<EditableReferenceLists> {
  lists ??= request<EditableReferenceLists>({ path: '/reference' }).catch((err: unknown) => {
    lists = undefined;
    throw err;
  });
  return lists;
}

// Staff

export function allReferenceItems(): Promise<ReferenceItem[]> {
  return request<ReferenceItem[]>({ path: '/staff/reference' });
}

export async function addReferenceItem(input: ReferenceItemInput): Promise<ReferenceItem> {
  const item = await request<ReferenceItem>({ method: 'POST', path: '/staff/reference', data: input });
  lists = undefined;
  return item;
}

export async function updateReferenceItem(itemId: string, patch: ReferenceItemPatch): Promise<ReferenceItem> {
  const item = await request<ReferenceItem>({ method: 'PUT', path: `/staff/reference/${encodeURIComponent(itemId)}`, data: patch });
  lists = undefined;
  return item;
}

/** Every minimum-wage standard, oldest first. */
export function minimumWages(): Promise<MinimumWage[]> {
  return request<MinimumWage[]>({ path: '/staff/reference/minimum-wages' });
}

/** Adds a standard, or corrects the one with the same effective day. */
export function saveMinimumWage(input: MinimumWageInput): Promise<MinimumWage> {
  return request<MinimumWage>({ method: 'POST', path: '/staff/reference/minimum-wages', data: input });
}
