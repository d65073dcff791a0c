// WeChat's 适老化 guide: follow the user's WeChat font size (fontSizeSetting / fontSizeScaleFactor) and, in
// 关怀模式, scale text and controls ×1.4 while spacing stays. Sizes are written in design px; a build step
// (config/postcss-text-scale.js) multiplies every font size by the CSS variable set here.

/** 标准 (follow WeChat's font size) or 大字模式 (at least the care-mode scale). */
export type TextSizeMode = 'standard' | 'large';

/** WeChat's care mode scales fonts, graphics and buttons ×1.4. */
export const LARGE_TEXT_SCALE = 1.4;
/** Past this, a 375-wide phone shows a handful of characters per line. */
export const MAX_TEXT_SCALE = 2;
/** Tap targets in CSS px: WeChat keeps 44pt for ordinary controls; large mode asks for more. */
export const TARGET_SIZE = { standard: 44, large: 60 } as const;

/** What `getAppBaseInfo()` reports about the user's font size (either may be missing on old base libraries). */
export interface FontSizeInfo {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
  /** 'ios' | 'android' | …, from getDeviceInfo(); decides the standard size fontSizeSetting is measured against. */
  platform?: string;
}

/** iOS WeChat's standard text is 17px, Android's 16px. */
export function standardFontSize(platform?: string): number {
  return platform === 'ios' ? 17 : 16;
}

/** The user's WeChat text scale: the factor when given, else the setting over the platform's standard size. */
export function systemScale(info: FontSizeInfo): number {
  const factor = info.fontSizeScaleFactor;
  if (typeof factor === 'number' && Number.isFinite(factor) && factor > 0) return factor;
  const setting = info.fontSizeSetting;
  if (typeof setting === 'number' && Number.isFinite(setting) && setting > 0) return setting / standardFontSize(info.platform);
  return 1;
}

/** The scale the pages use: never below the design, at least care mode in 大字模式, capped so a line still holds words. */
export function textScale(mode: TextSizeMode, system: number): number {
  const followed = Number.isFinite(system) ? system : 1;
  const wanted = mode === 'large' ? Math.max(followed, LARGE_TEXT_SCALE) : followed;
  return Math.round(Math.min(MAX_TEXT_SCALE, Math.max(1, wanted)) * 100) / 100;
}

/** Large mode's bigger targets also apply when the user's own setting is that large. */
export function targetSize(scale: number): number {
  return scale >= LARGE_TEXT_SCALE ? TARGET_SIZE.large : TARGET_SIZE.standard;
}

/** From here a row of short labels no longer fits side by side: layouts switch to fewer columns (class `ll-large-text`). */
export const LARGE_LAYOUT_SCALE = 1.15;

export function isLargeLayout(scale: number): boolean {
  return scale >= LARGE_LAYOUT_SCALE;
}

/** The CSS custom properties pages read: `--ll-text-scale` (font sizes) and `--ll-target` (tap targets). */
export function textScaleStyle(scale: number): Record<'--ll-text-scale' | '--ll-target', string> {
  return { '--ll-text-scale': String(scale), '--ll-target': `${targetSize(scale)}px` };
}

/** Design px of the page's root font size at scale 1 (rem-sized things, and text that sets no size of its own). */
export const ROOT_FONT_SIZE = 16;

/**
 * weapp: what every page's `page-meta` carries (components/PageFrame). The root font size follows the scale,
 * and the page's root style holds the same variables h5 sets on <html>, so each scaled font size reads them.
 */
export function pageMetaOf(scale: number): { rootFontSize: string; pageStyle: string } {
  const style = Object.entries(textScaleStyle(scale))
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  return { rootFontSize: `${Math.round(ROOT_FONT_SIZE * scale * 10) / 10}px`, pageStyle: style };
}
