import { useState } from 'react';
import { Button, Textarea, View } from '@tarojs/components';
import { REASON_MAX_LENGTH } from '@contract/policy';
import './ReasonModal.scss';

export interface ReasonModalProps {
  title: string;
  /** What happens on confirm, in a sentence. */
  description: string;
  placeholder: string;
  busy?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for the reason of a step that takes an entry away from students (1–200 characters, audited). */
export default function ReasonModal({ title, description, placeholder, busy, onConfirm, onCancel }: ReasonModalProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const confirm = () => {
    const text = reason.trim();
    if (!text) return setError('请填写原因');
    if (text.length > REASON_MAX_LENGTH) return setError(`原因最多 ${REASON_MAX_LENGTH} 字`);
    onConfirm(text);
  };
  return (
    <View className='reason-modal' catchMove>
      <View className='reason-modal__mask' aria-hidden='true' onClick={onCancel} />
      <View id='content-reason-modal' className='reason-modal__dialog'>
        <View className='reason-modal__title'>{title}</View>
        <View className='reason-modal__text'>{description}</View>
        <Textarea
          id='content-reason'
          className='reason-modal__input'
          value={reason}
          maxlength={REASON_MAX_LENGTH}
          placeholder={placeholder}
          focus
          onInput={e => {
            setReason(e.detail.value);
            setError('');
          }}
        />
        <View className='reason-modal__count'>
          {reason.trim().length}/{REASON_MAX_LENGTH}
        </View>
        {error && <View className='reason-modal__error'>{error}</View>}
        <View className='reason-modal__actions'>
          <Button id='content-reason-cancel' className='ll-button reason-modal__button reason-modal__button--cancel' disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button id='content-reason-confirm' className='ll-button reason-modal__button reason-modal__button--danger' disabled={busy} onClick={confirm}>
            确定
          </Button>
        </View>
      </View>
    </View>
  );
}
