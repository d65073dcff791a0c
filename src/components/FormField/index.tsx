import { cloneElement, isValidElement, type ReactNode } from 'react';
import { Input, Switch, Textarea, View } from '@tarojs/components';
import { fieldLabelProps } from '@/utils/a11y';
import './index.scss';

export interface FormFieldProps {
  label: string;
  required?: boolean;
  /** Shown under the control, in red; takes the place of the hint. */
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A text field or switch placed straight in a FormField is named by the field's label (screen readers read the label, not the placeholder). */
function labelled(children: ReactNode, label: string): ReactNode {
  if (!isValidElement<Record<string, unknown>>(children) || (children.type !== Input && children.type !== Textarea && children.type !== Switch)) return children;
  if (children.props.nativeProps || children.props['aria-label']) return children;
  return cloneElement(children, fieldLabelProps(label));
}

export default function FormField({ label, required, error, hint, children }: FormFieldProps) {
  return (
    <View className={`ll-field${error ? ' ll-field--invalid' : ''}`}>
      <View className='ll-field__label'>
        {label}
        {required && <View className='ll-field__required'>*</View>}
      </View>
      <View className='ll-field__control'>{labelled(children, label)}</View>
      {error ? <View className='ll-field__error'>{error}</View> : hint && <View className='ll-field__hint'>{hint}</View>}
    </View>
  );
}
