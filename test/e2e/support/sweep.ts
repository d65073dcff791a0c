import { readFileSync } from 'fs';
import { resolve } from 'path';
import type { CDPSession, Page } from 'playwright-core';

// What the accessibility sweep measures on each page, in the browser: reaching a page inside the running app,
// waiting for it to settle, tap targets and text that does not fit.

/** Route name → page path, read from the table app.config.ts builds its pages from. */
export function routeTable(): Map<string, string> {
  const source = readFileSync(resolve(__dirname, '../../../src/constants/routes.ts'), 'utf8');
  const block = source.slice(source.indexOf('export const ROUTES'), source.indexOf('export const ROUTE_NAMES'));
  return new Map(Array.from(block.matchAll(/^\s+(\w+): '((?:pages|packages)\/[^']+)',$/gm), m => [m[1], m[2]] as [string, string]));
}

/** Requests the page has in flight, so a walk can wait for a page's data without fixed sleeps. */
export function trackRequests(page: Page): () => number {
  let inFlight = 0;
  page.on('request', () => inFlight++);
  const done = () => (inFlight = Math.max(0, inFlight - 1));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return () => inFlight;
}

/**
 * Opens a page inside the running app (a hash change: the router swaps the page, nothing reloads) and waits
 * until its requests are answered and no loading view is left.
 */
export async function openInApp(page: Page, inFlight: () => number, path: string, query = ''): Promise<void> {
  const hash = `#/${path}${query ? `?${query}` : ''}`;
  await page.evaluate(target => {
    if (location.hash === target) return;
    location.hash = target;
  }, hash);
  await page.waitForFunction(route => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter(el => getComputedStyle(el).display !== 'none');
    return location.hash.startsWith(`#/${route}`) && shown.length === 1 && (shown[0].id ?? '').includes(route) === true;
  }, path);
  await settle(page, inFlight);
}

/** No request in flight over two animation frames, and no loading view on the shown page (the one displayed). */
export async function settle(page: Page, inFlight: () => number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.waitForFunction(
      () => !Array.from(document.querySelectorAll('.taro_page')).some(el => getComputedStyle(el).display !== 'none' && el.querySelector('.ll-empty--loading')),
      undefined,
      { timeout: 15_000 },
    );
    const quiet = inFlight() === 0;
    await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (quiet && inFlight() === 0) return;
    if (Date.now() > deadline) throw new Error(`page did not settle: ${inFlight()} requests in flight`);
  }
}

/** Emulates the user's text-size setting: the browser's default font size, which the app reads as its system scale. */
export async function setDefaultFontSize(cdp: CDPSession, px: number): Promise<void> {
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
}

/** Controls on the shown page (and the title and tab bars) smaller than `min` CSS px in width or height. */
export function undersizedTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate(size => {
    const SELECTOR = [
      '[role="button"]',
      '[role="link"]',
      '[role="checkbox"]',
      '[role="radio"]',
      '[role="switch"]',
      '[role="tab"]',
      'taro-button-core',
      'a[href]',
      'input:not([type="hidden"])',
      'textarea',
    ].join(',');
    // Pages further down the stack keep .taro_page_show but are hidden: the shown page is the displayed one.
    const shown = Array.from(document.querySelectorAll('.taro_page')).find(el => getComputedStyle(el).display !== 'none');
    const scopes = [shown, document.querySelector('#taro-navigation-bar'), document.querySelector('.weui-tabbar')];
    const found = new Set<Element>();
    for (const scope of scopes) scope?.querySelectorAll(SELECTOR).forEach(el => found.add(el));
    const name = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const text = ((el as HTMLElement).innerText || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().slice(0, 20);
      return `${el.tagName.toLowerCase()}${id}.${(el.getAttribute('class') ?? '').split(' ')[0]} "${text}"`;
    };
    const out: string[] = [];
    for (const el of found) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // A field's tap target is Taro's element around the real input (the label above it is not a target).
      const field = el.closest('taro-input-core, taro-textarea-core');
      const box = field && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? field.getBoundingClientRect() : rect;
      if (box.width + 0.5 < size || box.height + 0.5 < size) out.push(`${name(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
  }, min);
}

/**
 * Text that does not fit at the current size: the page scrolling sideways, an element reaching past the
 * screen's edge (outside a container meant to scroll sideways), or text cut off by a box that hides overflow
 * (a deliberate one-line or clamped ellipsis, whose whole text the detail page shows, excepted).
 */
export function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    const scroller = document.scrollingElement;
    if (scroller && scroller.scrollWidth > width + 1) out.push(`page scrolls sideways: ${scroller.scrollWidth} > ${width}`);
    const root = Array.from(document.querySelectorAll('.taro_page')).find(el => getComputedStyle(el).display !== 'none');
    if (!root) return out;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${(el.getAttribute('class') ?? '').split(' ')[0]} "${((el as HTMLElement).innerText ?? '').trim().slice(0, 24)}"`;
    const scrollsSideways = (el: Element) => {
      for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll') return true;
      }
      return false;
    };
    const ownText = (el: Element) => Array.from(el.childNodes).some(n => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if ((rect.right > width + 1 || rect.left < -1) && ownText(el) && !scrollsSideways(el)) {
        out.push(`past the screen edge: ${name(el)} ${Math.round(rect.left)}…${Math.round(rect.right)}`);
        continue;
      }
      const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      const deliberate = style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none';
      if (deliberate || !ownText(el)) continue;
      const html = el as HTMLElement;
      if ((hidesX && html.scrollWidth > html.clientWidth + 1) || (hidesY && html.scrollHeight > html.clientHeight + 1)) {
        out.push(`cut off: ${name(el)} ${html.scrollWidth}×${html.scrollHeight} in ${html.clientWidth}×${html.clientHeight}`);
      }
    }
    return out;
  });
}

/** Presses Tab until the focused element matches `selector` (at most `limit` presses); returns what has focus. */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<{ role: string | null; text: string }> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(sel => {
      const el = document.activeElement as HTMLElement | null;
      return el?.matches(sel) ? { role: el.getAttribute('role'), text: el.innerText.trim() } : null;
    }, selector);
    if (hit) return hit;
  }
  throw new Error(`Tab never reached ${selector} in ${limit} presses`);
}
