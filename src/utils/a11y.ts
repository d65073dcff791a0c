// Taro's View is a plain element (<taro-view-core> in h5, <view> in weapp): a View with onClick is invisible
// to the keyboard and to screen readers unless it says what it is. Spread `pressable(...)` on every clickable
// View; Buttons get the same from `installH5Accessibility` (h5) or are native (weapp).

export type Platform = 'h5' | 'weapp';

/** What a clickable View needs. weapp reads aria-role/aria-label; h5 reads role, tabindex and the key handler. */
export interface PressableProps {
  onClick: (event?: { stopPropagation(): void }) => void;
  role?: 'button' | 'link' | 'checkbox' | 'radio' | 'tab' | 'switch';
  tabIndex?: number;
  onKeyDown?: (event: KeyEventLike) => void;
  'aria-label'?: string;
  'aria-role'?: string;
  'aria-checked'?: 'true' | 'false';
  'aria-disabled'?: 'true';
}

/** The part of a DOM KeyboardEvent the handler reads (Taro hands h5 handlers the native event). */
export interface KeyEventLike {
  key: string;
  preventDefault(): void;
  stopPropagation(): void;
}

export interface PressableOptions {
  /** Accessible name, for controls whose text is an icon or does not say what they do. */
  label?: string;
  role?: PressableProps['role'];
  /** For checkbox/radio/tab/switch roles: whether it is on. */
  checked?: boolean;
  disabled?: boolean;
  /** A control inside another clickable element (a checkbox in a row): its press is not the row's. */
  stopPropagation?: boolean;
}

export const currentPlatform: Platform = process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5';

/** Enter or Space activate a button, as a native button does. */
export function isActivationKey(key: string): boolean {
  return key === 'Enter' || key === ' ' || key === 'Spacebar';
}

export function pressableProps(platform: Platform, onPress: () => void, options: PressableOptions = {}): PressableProps {
  const role = options.role ?? 'button';
  const press = (event?: { stopPropagation(): void }) => {
    if (options.stopPropagation) event?.stopPropagation();
    if (!options.disabled) onPress();
  };
  const checked = options.checked === undefined ? {} : { 'aria-checked': options.checked ? ('true' as const) : ('false' as const) };
  const label = options.label ? { 'aria-label': options.label } : {};
  const disabled = options.disabled ? { 'aria-disabled': 'true' as const } : {};
  if (platform === 'weapp') return { onClick: press, 'aria-role': role, ...label, ...checked, ...disabled };
  return {
    onClick: press,
    role,
    tabIndex: options.disabled ? -1 : 0,
    onKeyDown: event => {
      if (!isActivationKey(event.key)) return;
      // The key belongs to the focused control, not to a clickable ancestor.
      event.preventDefault();
      event.stopPropagation();
      press();
    },
    ...label,
    ...checked,
    ...disabled,
  };
}

/**
 * Names a Taro Input/Textarea/Checkbox. In h5 the real <input> sits inside Taro's element and only `nativeProps`
 * reach it; weapp reads aria-label on the component.
 */
export function fieldLabelProps(label: string, platform: Platform = currentPlatform): { nativeProps: Record<string, string> } | { 'aria-label': string } {
  return platform === 'weapp' ? { 'aria-label': label } : { nativeProps: { 'aria-label': label } };
}

/** Props that make a clickable View a real control on this platform. */
export function pressable(onPress: () => void, options?: PressableOptions): PressableProps {
  return pressableProps(currentPlatform, onPress, options);
}
