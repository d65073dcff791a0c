import { Button, Checkbox, View } from '@tarojs/components';

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
      <View className='subsidy-apply__consent' onClick={() => onConsent(!consent)}>
        <Checkbox id='subsidy-consent' value='consent' checked={consent} nativeProps={{ 'aria-labelledby': 'subsidy-consent-text' }} />
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
