import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import FormField from '@/components/FormField';
import { act } from '../act';

interface CancelPanelProps {
  /** Id prefix of the panel's controls, e.g. `course-cancel`. */
  id: string;
  title: string;
  /** Who will be told, e.g. `已报名的 3 名学生会收到取消通知。` */
  audience: string;
  /** Resolves true once cancelled. */
  onConfirm: (reason: string) => Promise<boolean>;
  onClose: () => void;
}

/** An `onConfirm` that cancels with `cancel(reason)` (toast `done`), then reloads the list; true once cancelled. */
export function cancelThenReload(cancel: (reason: string) => Promise<unknown>, done: string, reload: () => Promise<void>) {
  return async (reason: string): Promise<boolean> => {
    const next = await act(() => cancel(reason), done);
    if (next) await reload();
    return Boolean(next);
  };
}

/** Cancelling a course or contest: a reason is required because the students receive it. */
export default function CancelPanel({ id, title, audience, onConfirm, onClose }: CancelPanelProps) {
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = reason.trim().length < 2 ? '请填写取消原因（至少 2 个字），学生会收到这条说明' : '';
  const confirm = async () => {
    setShown(true);
    if (problem) return;
    setBusy(true);
    const done = await onConfirm(reason.trim());
    setBusy(false);
    if (done) onClose();
  };
  return (
    <View id={`${id}-panel`} className='ll-card growth-card'>
      <View className='growth-card__title'>{title}</View>
      <View className='growth-card__note'>{audience}</View>
      <FormField label='取消原因' required error={shown && problem ? problem : undefined}>
        <Input id={`${id}-reason`} className='growth-input' maxlength={100} value={reason} onInput={e => setReason(e.detail.value)} />
      </FormField>
      <View className='growth-card__actions'>
        <Button className='growth-button growth-button--ghost' onClick={onClose}>
          不取消
        </Button>
        <Button id={`${id}-confirm`} className='growth-button growth-button--danger' disabled={busy} onClick={confirm}>
          确认取消
        </Button>
      </View>
    </View>
  );
}
