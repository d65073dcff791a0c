import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './index.scss';

export interface FormFieldProps {
  label: string;
  required?: boolean;
  /** Shown under the control, in red; takes the place of the hint. */
  error?: string;
  hint?: string;
  children: ReactNode;
}

export default function FormField({ label, required, error, hint, children }: FormFieldProps) {
  return (
    <View className={`ll-field${error ? ' ll-field--invalid' : ''}`}>
      <View className='ll-field__label'>
        {label}
        {required && <View className='ll-field__required'>*</View>}
      </View>
      <View className='ll-field__control'>{children}</View>
      {error ? <View className='ll-field__error'>{error}</View> : hint && <View className='ll-field__hint'>{hint}</View>}
    </View>
  );
}
