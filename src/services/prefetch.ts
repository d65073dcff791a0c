/**
 * Answers the h5 index.html asked for while the scripts were still downloading (config/route-preload.js):
 * for a guest opening a tab page, its first lists leave with the page instead of one round trip after
 * the scripts have run. Each answer is taken once, by the first guest GET for the same URL, and only
 * while fresh; anything else (signed in, a failed or non-2xx prefetch, a later visit) goes to the network.
 */
export interface PrefetchSlot {
  /** Epoch milliseconds when the request left. */
  at: number;
  /** The parsed body of a 2xx answer; undefined when the request failed or answered otherwise. */
  answer: Promise<unknown>;
}

export type PrefetchSlots = Record<string, PrefetchSlot | undefined>;

declare global {
  var __llPrefetch: PrefetchSlots | undefined;
}

/** Older than this, an answer is stale: the page asked for its data long after loading. */
export const PREFETCH_MAX_AGE_MS = 10_000;

/** The prefetched answer for `url`, removed so that a reload or a second caller asks the network. */
export function takePrefetched(url: string, now = Date.now()): Promise<unknown> | undefined {
  // Only h5 has an index.html; older mini-program base libraries have no globalThis at all.
  if (process.env.TARO_ENV === 'weapp' || typeof globalThis === 'undefined') return undefined;
  const slots = globalThis.__llPrefetch;
  const slot = slots?.[url];
  if (!slots || !slot) return undefined;
  delete slots[url];
  return now - slot.at <= PREFETCH_MAX_AGE_MS ? slot.answer : undefined;
}
