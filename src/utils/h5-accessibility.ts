import { isActivationKey } from './a11y';

// h5 only. Taro draws buttons, the tab bar and the title bar as custom elements and divs that neither the
// keyboard nor a screen reader knows: give each its role, name and tab stop as it appears, let Enter/Space
// press it, and mark each page as the main landmark. Views with onClick do the same through `pressable`.

/** What a control element should carry, by its kind and (for buttons) its disabled attribute. */
export interface ControlAttributes {
  role: string;
  tabindex: string;
  'aria-disabled'?: 'true';
  'aria-label'?: string;
}

/** taro-button-core reflects disabled as "true"/"false" (or "" when set without a value). */
export function isDisabledValue(value: string | null): boolean {
  return value === 'true' || value === '';
}

export function buttonAttributes(disabled: string | null): ControlAttributes {
  return isDisabledValue(disabled) ? { role: 'button', tabindex: '-1', 'aria-disabled': 'true' } : { role: 'button', tabindex: '0' };
}

interface Rule {
  selector: string;
  attributes: (el: Element) => ControlAttributes | Record<string, string>;
}

function modalName(dialog: Element): string {
  const text = (selector: string) => dialog.querySelector(selector)?.textContent?.trim() ?? '';
  return (text('.taro-modal__title') || text('.taro-modal__text') || '提示').slice(0, 200);
}

const RULES: Rule[] = [
  { selector: 'taro-button-core', attributes: el => buttonAttributes(el.getAttribute('disabled')) },
  // The page is the scroller: a tab stop lets a keyboard scroll it even where it holds no control.
  { selector: '.taro_page', attributes: () => ({ role: 'main', tabindex: '0' }) },
  { selector: 'taro-tabbar', attributes: () => ({ role: 'navigation', 'aria-label': '底部导航' }) },
  { selector: '#taro-navigation-bar', attributes: () => ({ role: 'banner' }) },
  { selector: '.taro-navigation-bar-back', attributes: () => ({ role: 'button', tabindex: '0', 'aria-label': '返回' }) },
  { selector: '.taro-navigation-bar-home', attributes: () => ({ role: 'button', tabindex: '0', 'aria-label': '回到首页' }) },
  { selector: '.taro-navigation-bar-back svg, .taro-navigation-bar-home svg, .weui-tabbar__icon', attributes: () => ({ 'aria-hidden': 'true' }) },
  // Taro.showModal: a dialog whose two choices are divs (Taro spells their class "model").
  // Named by its title, or by its message when it has none (our confirmations are untitled: h5 greys a titled one's text).
  { selector: '.taro-modal__content', attributes: el => ({ role: 'dialog', 'aria-modal': 'true', 'aria-label': modalName(el) }) },
  { selector: '.taro-model__btn', attributes: () => ({ role: 'button', tabindex: '0' }) },
];

/** Elements Enter/Space press (a View with `pressable` has its own key handler; the tab bar's items are links). */
const KEY_PRESSED = 'taro-button-core, .taro-navigation-bar-back, .taro-navigation-bar-home, .taro-model__btn';

/** A dialog that opens takes the focus (on its confirming choice), so a keyboard user answers it next. */
function focusOpenDialog(doc: Document): void {
  const open = Array.from(doc.querySelectorAll<HTMLElement>('.taro__modal')).find(el => el.style.display !== 'none');
  if (!open || open.contains(doc.activeElement)) return;
  open.querySelector<HTMLElement>('.taro-model__confirm')?.focus();
}

function apply(root: ParentNode): void {
  for (const rule of RULES) {
    const matches = root.querySelectorAll(rule.selector);
    for (const el of Array.from(matches)) {
      const wanted = rule.attributes(el);
      for (const [name, value] of Object.entries(wanted)) {
        if (el.getAttribute(name) !== value) el.setAttribute(name, value);
      }
      if (rule.selector === 'taro-button-core' && !isDisabledValue(el.getAttribute('disabled'))) el.removeAttribute('aria-disabled');
    }
  }
  if (root instanceof Document) focusOpenDialog(root);
}

export function installH5Accessibility(doc: Document): void {
  let queued = false;
  const run = () => {
    queued = false;
    apply(doc);
  };
  // One pass per frame however many nodes changed; attribute changes matter for disabled buttons.
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(run);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'class'] });
  run();
  doc.addEventListener(
    'keydown',
    event => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target || !isActivationKey(event.key) || !target.matches(KEY_PRESSED)) return;
      if (isDisabledValue(target.getAttribute('disabled'))) return;
      event.preventDefault();
      (target as HTMLElement).click();
    },
    true,
  );
}
