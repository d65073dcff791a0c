import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core findings on what the page shows now, as `rule: element` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
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
