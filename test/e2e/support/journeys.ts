import { readFileSync } from 'fs';
import { resolve } from 'path';
import type { Page } from 'playwright-core';

// What each role's user sees on each page of their journey, checked on the sweep's walk (accessibility.e2e.ts):
// the page's own title in the title bar, and the key content of that role's demo state.

/** The title a page's config gives it (`navigationBarTitleText` in `src/<path>.config.ts`). */
export function configTitle(path: string): string {
  const source = readFileSync(resolve(__dirname, '../../../src', `${path}.config.ts`), 'utf8');
  const title = /navigationBarTitleText:\s*'([^']+)'/.exec(source)?.[1];
  if (!title) throw new Error(`no navigationBarTitleText in src/${path}.config.ts`);
  return title;
}

/** What the title bar (h5's stand-in for WeChat's) shows, and the shown page's text. */
export async function whatIsShown(page: Page): Promise<{ title: string; text: string }> {
  return page.evaluate(() => {
    const titleEl = document.querySelector('#taro-navigation-bar .taro-navigation-bar-title');
    // Pages further down the stack keep their class but are hidden: the shown one is the displayed one.
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(el => getComputedStyle(el).display !== 'none');
    return { title: (titleEl as HTMLElement | null)?.innerText.trim() ?? document.title, text: shown.map(el => el.innerText).join('\n') };
  });
}

/** Text a page shows (each somewhere on it). */
export type Seen = ReadonlyArray<string | RegExp>;

/** What of `seen` is not in `text`. */
export function missingFrom(text: string, seen: Seen): string[] {
  return seen.filter(want => (typeof want === 'string' ? !text.includes(want) : !want.test(text))).map(String);
}
