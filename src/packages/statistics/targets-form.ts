import { PERCENT_TARGETS, TARGET_KEYS, type TargetFigures, type TargetKey } from '@contract/statistics';

/** What the bureau types: head counts as they are, rates in percent ("42" for 42%); empty means "not in this year's plan". */
export type TargetDraft = Record<TargetKey, { target: string; stretch: string }>;

const isPercent = (key: TargetKey): boolean => PERCENT_TARGETS.includes(key);

/** Rates are stored as fractions; round away float noise (0.42 * 100 = 42.00000000000001). */
function shown(key: TargetKey, value: number | undefined): string {
  if (value === undefined) return '';
  return String(isPercent(key) ? Math.round(value * 100 * 1000) / 1000 : value);
}

export function draftOf(figures: TargetFigures): TargetDraft {
  return Object.fromEntries(TARGET_KEYS.map(k => [k, { target: shown(k, figures[k]?.target), stretch: shown(k, figures[k]?.stretch) }])) as TargetDraft;
}

function parsed(key: TargetKey, text: string): number | undefined {
  const trimmed = text.trim().replace(/[,，%]/g, '');
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  // Not a number goes to the server as such and comes back as a field error, like any other mistake.
  if (!Number.isFinite(n)) return Number.NaN;
  return isPercent(key) ? Math.round(n * 1000) / 100000 : n;
}

/**
 * The figures to save: a row with an empty target is left out (the year's plan does not set it);
 * a 力争 figure without a target is kept so the server names the missing target.
 */
export function figuresOf(draft: TargetDraft): TargetFigures {
  const out: TargetFigures = {};
  for (const key of TARGET_KEYS) {
    const target = parsed(key, draft[key].target);
    const stretch = parsed(key, draft[key].stretch);
    if (target === undefined && stretch === undefined) continue;
    out[key] = { target: target ?? Number.NaN, ...(stretch === undefined ? {} : { stretch }) };
  }
  return out;
}

/** `figures.stayed.stretch` → the draft's row and column, for showing a server problem next to its input. */
export function problemCell(field: string): { key: TargetKey; part: 'target' | 'stretch' } | undefined {
  const [root, key, part] = field.split('.');
  if (root !== 'figures' || !(TARGET_KEYS as readonly string[]).includes(key)) return undefined;
  return { key: key as TargetKey, part: part === 'stretch' ? 'stretch' : 'target' };
}
