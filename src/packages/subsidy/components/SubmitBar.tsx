import { Button, View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';

interface Props {
  consentText: string;
  consent: boolean;
  onConsent: (consent: boolean) => void;
  /** An error that belongs to no form field (field errors show under their field). */
  error?: { field?: string; message: string };
  busy: boolean;
  onSave: (submit: boolean) => void;
}

/** The end of an application form: the consent to keep, a general error, save and submit. */
export default function SubmitBar({ consentText, consent, onConsent, error, busy, onSave }: Props) {
  return (
    <View>
      <View className='subsidy-apply__consent' {...pressable(() => onConsent(!consent), { role: 'checkbox', checked: consent })}>
        {/* The row is the control (named by its text); the drawn box only shows its state. */}
        <View id='subsidy-consent' className={`ll-check${consent ? ' ll-check--on' : ''}`} aria-hidden='true'>
          {consent ? '✓' : ''}
        </View>
        <View id='subsidy-consent-text' className='subsidy-apply__consent-text'>
          {consentText}
        </View>
      </View>
      {error && !error.field?.startsWith('form.') && <View className='subsidy-apply__error'>{error.message}</View>}
      <View className='subsidy-apply__actions'>
        <Button id='subsidy-save' disabled={busy || undefined} onClick={() => onSave(false)}>
          保存草稿
        </Button>
        <Button id='subsidy-submit' type='primary' disabled={busy || !consent || undefined} onClick={() => onSave(true)}>
          提交申请
        </Button>
      </View>
    </View>
  );
}
