import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core findings on what the page shows now, as `rule: element` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Taro's h5 modal and toast fade in through an opacity transition; axe blends colours with the opacity of the
  // moment, so a sheet caught mid-fade reads as low contrast. Judge what the user sees once it has settled.
  await page.waitForFunction(() => {
    const settled = document.getAnimations().every(a => {
      const iterations = a.effect?.getTiming().iterations;
      return a.playState !== 'running' || iterations === Infinity;
    });
    // The fade starts a tick after the overlay is inserted at opacity 0, before any transition runs.
    const overlays = Array.from(document.querySelectorAll<HTMLElement>('.taro__modal, .taro__toast, .taro__actionSheet'));
    const shownOrGone = overlays.every(el => {
      const style = getComputedStyle(el);
      return style.display === 'none' || style.opacity === '1';
    });
    return settled && shownOrGone;
  });
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    interface AxeResult {
      violations: Array<{ id: string; impact?: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResult> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .flatMap(v => v.nodes.map(n => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}
