import { isActivationKey, pressableProps, type KeyEventLike } from '@/utils/a11y';
import { buttonAttributes, isDisabledValue } from '@/utils/h5-accessibility';

function key(name: string): KeyEventLike & { prevented: boolean; stopped: boolean } {
  return {
    key: name,
    prevented: false,
    stopped: false,
    preventDefault() {
      this.prevented = true;
    },
    stopPropagation() {
      this.stopped = true;
    },
  };
}

describe('a clickable View in h5', () => {
  it('should be a button in the tab order, pressed by Enter and Space but not other keys', () => {
    const pressed: string[] = [];
    const props = pressableProps('h5', () => pressed.push('press'));
    expect(props).toMatchObject({ role: 'button', tabIndex: 0 });
    for (const name of ['Enter', ' ', 'a', 'Tab', 'Escape']) props.onKeyDown?.(key(name));
    expect(pressed).toEqual(['press', 'press']);
    props.onClick();
    expect(pressed).toHaveLength(3);
  });

  it('should keep the key from reaching a clickable ancestor and stop the browser scrolling on Space', () => {
    const event = key(' ');
    pressableProps('h5', () => undefined).onKeyDown?.(event);
    expect(event).toMatchObject({ prevented: true, stopped: true });
    const other = key('ArrowDown');
    pressableProps('h5', () => undefined).onKeyDown?.(other);
    expect(other).toMatchObject({ prevented: false, stopped: false });
  });

  it('should say its name, state and role when asked to', () => {
    expect(pressableProps('h5', () => undefined, { label: '返回', role: 'link' })).toMatchObject({ role: 'link', 'aria-label': '返回' });
    expect(pressableProps('h5', () => undefined, { role: 'checkbox', checked: true })['aria-checked']).toBe('true');
    expect(pressableProps('h5', () => undefined, { role: 'radio', checked: false })['aria-checked']).toBe('false');
    expect(pressableProps('h5', () => undefined)).not.toHaveProperty('aria-label');
  });

  it('should leave the tab order and ignore presses while disabled', () => {
    let pressed = 0;
    const props = pressableProps('h5', () => (pressed += 1), { disabled: true });
    expect(props).toMatchObject({ tabIndex: -1, 'aria-disabled': 'true' });
    props.onClick();
    props.onKeyDown?.(key('Enter'));
    expect(pressed).toBe(0);
  });

  it('should stop a press inside a clickable row from opening the row, when asked', () => {
    let stopped = false;
    pressableProps('h5', () => undefined, { stopPropagation: true }).onClick({ stopPropagation: () => (stopped = true) });
    expect(stopped).toBe(true);
  });
});

describe('a clickable View in weapp', () => {
  it('should use aria-role (what WeChat reads) and no DOM-only props', () => {
    const props = pressableProps('weapp', () => undefined, { label: '删除' });
    expect(props).toMatchObject({ 'aria-role': 'button', 'aria-label': '删除' });
    expect(props).not.toHaveProperty('role');
    expect(props).not.toHaveProperty('tabIndex');
    expect(props).not.toHaveProperty('onKeyDown');
  });
});

describe('activation keys', () => {
  it('should be Enter and Space (and old browsers’ Spacebar)', () => {
    expect(['Enter', ' ', 'Spacebar'].every(isActivationKey)).toBe(true);
    expect(['Tab', 'a', 'Escape'].some(isActivationKey)).toBe(false);
  });
});

describe('Taro buttons in h5', () => {
  it('should treat disabled="false" as enabled (the element reflects the property as text)', () => {
    expect(isDisabledValue('false')).toBe(false);
    expect(isDisabledValue(null)).toBe(false);
    expect(isDisabledValue('true')).toBe(true);
    expect(isDisabledValue('')).toBe(true);
  });

  it('should be reachable by Tab unless disabled, and announce when it is', () => {
    expect(buttonAttributes('false')).toEqual({ role: 'button', tabindex: '0' });
    expect(buttonAttributes(null)).toEqual({ role: 'button', tabindex: '0' });
    expect(buttonAttributes('true')).toEqual({ role: 'button', tabindex: '-1', 'aria-disabled': 'true' });
  });
});
