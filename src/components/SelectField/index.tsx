import { useState } from 'react';
import { ScrollView, View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';
import './index.scss';

export interface SelectOption<V extends string | number> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string | number> {
  /** Id of the tappable row; options get `<id>-option-<value>`. */
  id: string;
  title: string;
  placeholder: string;
  options: ReadonlyArray<SelectOption<V>>;
  value: V | undefined;
  onChange: (value: V) => void;
}

/**
 * A value row that opens a bottom sheet of options. Used instead of Taro's Picker so that both
 * platforms behave the same and the H5 build can be driven by clicks in browser tests.
 */
export default function SelectField<V extends string | number>({ id, title, placeholder, options, value, onChange }: SelectFieldProps<V>) {
  const [open, setOpen] = useState(false);
  const selected = options.find(option => option.value === value);

  const choose = (next: V) => {
    onChange(next);
    setOpen(false);
  };

  return (
    <View>
      <View
        id={id}
        className={`ll-select${selected ? '' : ' ll-select--empty'}`}
        {...pressable(() => setOpen(true), { label: `${title}：${selected ? selected.label : placeholder}` })}
      >
        <View className='ll-select__value'>{selected ? selected.label : placeholder}</View>
        <View className='ll-select__arrow' aria-hidden='true'>
          ›
        </View>
      </View>
      {open && (
        <View className='ll-sheet' catchMove>
          <View className='ll-sheet__mask' aria-hidden='true' onClick={() => setOpen(false)} />
          <View className='ll-sheet__panel' role='dialog' aria-modal='true' aria-label={title}>
            <View className='ll-sheet__header'>
              <View className='ll-sheet__title'>{title}</View>
              <View className='ll-sheet__close' {...pressable(() => setOpen(false))}>
                取消
              </View>
            </View>
            <ScrollView scrollY className='ll-sheet__options'>
              {options.map(option => (
                <View
                  key={option.value}
                  id={`${id}-option-${option.value}`}
                  className={`ll-sheet__option${option.value === value ? ' ll-sheet__option--active' : ''}`}
                  {...pressable(() => choose(option.value), { role: 'radio', checked: option.value === value })}
                >
                  {option.label}
                </View>
              ))}
            </ScrollView>
          </View>
        </View>
      )}
    </View>
  );
}
