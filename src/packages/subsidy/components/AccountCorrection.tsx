import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import type { AccountCorrectionInput, SubsidyApplicationView } from '@contract/subsidy';
import FormField from '@/components/FormField';
import { errorMessage } from '@/utils/errors';
import { bankAccountProblem } from '../form-checks';

export interface AccountCorrectionProps {
  app: SubsidyApplicationView;
  /** Graduates' or the enterprise's route. */
  correct: (id: string, input: AccountCorrectionInput) => Promise<SubsidyApplicationView>;
  onDone: () => void;
}

/** After a bank return: the bank's reason, and the new receiving account (sent once, kept sealed). */
export default function AccountCorrection({ app, correct, onDone }: AccountCorrectionProps) {
  const [bankName, setBankName] = useState(app.form.bankName ?? '');
  const [bankAccount, setBankAccount] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const accountProblem = touched ? bankAccountProblem(bankAccount, app.applicantKind) : undefined;

  const submit = async () => {
    setTouched(true);
    if (bankAccountProblem(bankAccount, app.applicantKind) || bankName.trim().length < 2) return;
    setBusy(true);
    setError('');
    try {
      await correct(app.id, { bankName: bankName.trim(), bankAccount });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id={`subsidy-account-${app.id}`} className='subsidy-app__correction'>
      <View className='subsidy-app__correction-title'>请更正收款账户</View>
      <View className='subsidy-app__correction-reason'>银行退回原因：{app.paymentReturn?.reason ?? '银行未说明原因'}</View>
      <View className='subsidy-app__correction-hint'>原账户 {app.form.bankAccount ?? ''}。更正后，申请列入下一发放批次。</View>
      <FormField label='开户行' required error={touched && bankName.trim().length < 2 ? '请填写开户行' : undefined}>
        <Input id='subsidy-correct-bankName' value={bankName} placeholder='如：中国工商银行大连分行' onInput={e => setBankName(e.detail.value)} />
      </FormField>
      <FormField label={app.applicantKind === 'enterprise' ? '单位对公账号' : '银行卡号'} required error={accountProblem}>
        <Input id='subsidy-correct-bankAccount' type='number' value={bankAccount} placeholder='请填写本人名下的银行卡号' onInput={e => setBankAccount(e.detail.value)} onBlur={() => setTouched(true)} />
      </FormField>
      {error && <View className='subsidy-app__correction-error'>{error}</View>}
      <Button id='subsidy-correct-submit' type='primary' disabled={busy} onClick={() => void submit()}>
        提交更正
      </Button>
    </View>
  );
}
