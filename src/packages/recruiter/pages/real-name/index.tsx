import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RealNameStatus } from '@contract/job';
import ConsentSheet from '@/components/ConsentSheet';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { useSeparateConsent } from '@/hooks/useSeparateConsent';
import { ApiError } from '@/services/http';
import { navigate, switchTab } from '@/services/navigation';
import { myRealName, verifyRealName } from '@/services/api/standing';
import { errorMessage } from '@/utils/errors';
import { formatDate } from '@/utils/format';
import { REAL_NAME_VIEW, realNameFormErrors, realNameSummary, type RealNameFormErrors } from '../../real-name';
import '../../recruiter.scss';

function Form({ status, onDone }: { status: RealNameStatus; onDone: (next: RealNameStatus, restored: boolean) => void }) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [errors, setErrors] = useState<RealNameFormErrors>({});
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);
  const renewing = status.state !== 'none';
  // The ID number is asked for only under its separate consent (PIPL art. 29), given on the sheet.
  const consent = useSeparateConsent('real-name');

  const submit = async () => {
    const found = realNameFormErrors(name, idNumber);
    setErrors(found);
    setRefusal('');
    if (found.name || found.idNumber) return;
    setBusy(true);
    try {
      const next = await verifyRealName({ name: name.trim(), idNumber: idNumber.trim() });
      setName('');
      setIdNumber('');
      onDone(next, status.state === 'lapsed');
    } catch (err) {
      if (err instanceof ApiError && err.field === 'idNumber') setErrors({ idNumber: errorMessage(err) });
      else setRefusal(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-card'>
      <View className='rc-title'>{renewing ? '重新认证' : '实名认证'}</View>
      <View className='rc-sub'>
        {renewing ? '须与上次认证为同一人。' : ''}姓名和身份证号加密保存，页面只显示脱敏信息；认证有效期六个月。
      </View>
      {!status.phoneVerified && (
        <View id='real-name-phone' className='rc-error'>
          认证前需先用微信验证手机号：在“我的”中点“绑定手机号”。
          <View className='rc-actions'>
            <Button id='real-name-to-mine' size='mini' onClick={() => void switchTab('mine')}>
              去绑定手机号
            </Button>
          </View>
        </View>
      )}
      {consent.consented ? (
        <View>
          <FormField label='姓名' required error={errors.name}>
            <Input id='real-name-name' className='ll-input' placeholder='与身份证一致' maxlength={30} value={name} onInput={e => setName(e.detail.value)} />
          </FormField>
          <FormField label='身份证号码' required error={errors.idNumber} hint='18位，末位可为X'>
            <Input id='real-name-id' className='ll-input' type='idcard' placeholder='居民身份证号码' maxlength={20} value={idNumber} onInput={e => setIdNumber(e.detail.value)} />
          </FormField>
          {refusal && (
            <View id='real-name-refusal' className='rc-error' role='alert'>
              {refusal}
            </View>
          )}
          <Button id='real-name-submit' className='ll-button' loading={busy} disabled={busy} onClick={() => void submit()}>
            {renewing ? '提交重新认证' : '提交认证'}
          </Button>
        </View>
      ) : (
        <View id='real-name-consent-needed' className='rc-sub'>
          填写身份证号码前，请先阅读并同意《{consent.consent?.title ?? '招聘者实名认证敏感个人信息处理单独同意'}》。
          <View className='rc-actions'>
            <Button id='real-name-consent-open' size='mini' disabled={!consent.consent || undefined} onClick={consent.open}>
              阅读并同意
            </Button>
          </View>
        </View>
      )}
      {consent.sheetOpen && consent.consent && <ConsentSheet consent={consent.consent} busy={consent.agreeing} onAgree={consent.agree} onClose={consent.close} />}
    </View>
  );
}

export default function RealNamePage() {
  const status = useRequest(myRealName, 'recruiter-real-name');
  const [shown, setShown] = useState<RealNameStatus>();
  const [restored, setRestored] = useState(false);

  if (status.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (status.status === 'error' || !status.data) return <EmptyState kind='error' title='加载失败' description={status.error} actionText='重新加载' onAction={status.reload} />;
  const current = shown ?? status.data;
  const view = REAL_NAME_VIEW[current.state];
  const now = new Date();

  return (
    <View className='ll-page'>
      <View id='real-name-status' className='ll-card'>
        <View className='rc-head'>
          <View className='rc-title'>招聘者实名认证</View>
          <Tag tone={view.tone}>{view.label}</Tag>
        </View>
        <View id='real-name-summary' className='rc-sub'>
          {realNameSummary(current, now)}
        </View>
        {current.name && (
          <View className='rc-sub'>
            认证人：{current.name} · {current.idNumber}
          </View>
        )}
        {current.verifiedAt && <View className='rc-sub'>上次认证：{formatDate(current.verifiedAt)}</View>}
        {restored && (
          <View id='real-name-restored' className='rc-ok' role='status'>
            认证成功，你发布的岗位已恢复向求职者展示。
          </View>
        )}
        <View className='rc-sub'>依据人社厅发〔2025〕60号，招聘者须实名并至少每六个月重新核验一次。</View>
      </View>
      {current.state !== 'revoked' && (
        <Form
          status={current}
          onDone={(next, wasLapsed) => {
            setShown(next);
            setRestored(wasLapsed);
            void Taro.showToast({ title: '认证成功', icon: 'success' });
          }}
        />
      )}
      <Button id='real-name-jobs' className='ll-button ll-button--ghost' onClick={() => void navigate('recruiterJobs')}>
        返回岗位管理
      </Button>
    </View>
  );
}
