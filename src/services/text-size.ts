import Taro from '@tarojs/taro';
import { storage } from '../storage';
import { isLargeLayout, systemScale, textScale, textScaleStyle, type FontSizeInfo, type TextSizeMode } from '../utils/text-scale';

// One text size for the whole app: WeChat's font-size setting, raised to care-mode size when the user turns on
// 大字模式 in 我的. h5 writes it on <html>, where every scaled font size reads it (config/postcss-text-scale.js).

type Listener = (scale: number) => void;
const listeners = new Set<Listener>();

export function textSizeMode(): TextSizeMode {
  return storage.get('textSize') === 'large' ? 'large' : 'standard';
}

/** h5 has no WeChat setting (getAppBaseInfo gives NaN): the browser's own default size stands in for it. */
function browserScale(): number {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  document.body.appendChild(probe);
  const px = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return Number.isFinite(px) && px > 0 ? px / 16 : 1;
}

function weappFontInfo(): FontSizeInfo {
  const base = Taro.getAppBaseInfo() as FontSizeInfo;
  const platform = Taro.getDeviceInfo?.().platform;
  return { fontSizeScaleFactor: base.fontSizeScaleFactor, fontSizeSetting: base.fontSizeSetting, platform };
}

export function currentTextScale(): number {
  const system = process.env.TARO_ENV === 'h5' ? browserScale() : systemScale(weappFontInfo());
  return textScale(textSizeMode(), system);
}

/** h5: the variables on <html>, and a class for the few rules that change layout in large text. */
function applyToDocument(scale: number): void {
  const root = document.documentElement;
  for (const [name, value] of Object.entries(textScaleStyle(scale))) root.style.setProperty(name, value);
  root.classList.toggle('ll-large-text', isLargeLayout(scale));
}

/** Called at start and whenever the size may have changed (the mode, or WeChat's setting on return). */
export function applyTextSize(): number {
  const scale = currentTextScale();
  if (process.env.TARO_ENV === 'h5') applyToDocument(scale);
  listeners.forEach(listener => listener(scale));
  return scale;
}

export function setTextSizeMode(mode: TextSizeMode): number {
  if (mode === 'large') storage.set('textSize', 'large');
  else storage.remove('textSize');
  return applyTextSize();
}

export function onTextScale(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
