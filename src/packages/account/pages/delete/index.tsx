import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACCOUNT_DELETION_CONFIRMATION } from '@contract/privacy';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import { useRequest } from '@/hooks/useRequest';
import { accountDeletionInfo, deleteAccount } from '@/services/api/privacy';
import * as session from '@/services/session';
import { switchTab } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import '../privacy/index.scss';

/** 注销账号: what goes, what the law keeps and for how long, then a typed confirmation. */
export default function AccountDeletionPage() {
  const info = useRequest(accountDeletionInfo, 'deletion');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      await deleteAccount(confirm.trim());
      session.clear();
      await Taro.showToast({ title: '账号已注销', icon: 'none' });
      await switchTab('mine');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (info.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (info.status === 'error' || !info.data) return <EmptyState kind='error' title='加载失败' description={info.error} actionText='重试' onAction={info.reload} />;
  return (
    <View className='ll-page privacy'>
      <View className='ll-card privacy__card'>
        <View className='privacy__heading' role='heading' aria-level={1}>
          注销后将删除
        </View>
        <View id='deletion-erased' className='privacy__text'>
          {info.data.erased.join('、')}。登录随即失效；以后再用同一微信登录，将是一个新的空账号。
        </View>
      </View>
      <View className='ll-card privacy__card'>
        <View className='privacy__heading' role='heading' aria-level={2}>
          依法保留（去除您的身份信息）
        </View>
        {info.data.kept.map(item => (
          <View key={item.what} className='privacy__row deletion-kept'>
            <View className='privacy__text'>{item.what}</View>
            <View className='privacy__note'>保留期限：{item.retention}</View>
          </View>
        ))}
        <View className='privacy__note'>注销前可先在“隐私与授权”中下载我的数据。注销无法撤销。</View>
      </View>
      <View className='ll-card privacy__card'>
        <FormField label={`请输入“${ACCOUNT_DELETION_CONFIRMATION}”确认`} error={error || undefined}>
          <Input id='deletion-confirm' value={confirm} placeholder={ACCOUNT_DELETION_CONFIRMATION} onInput={e => setConfirm(e.detail.value)} />
        </FormField>
        <View className='privacy__actions'>
          <Button
            id='deletion-submit'
            className='ll-button ll-button--danger'
            disabled={busy || confirm.trim() !== ACCOUNT_DELETION_CONFIRMATION || undefined}
            onClick={() => void submit()}
          >
            注销账号
          </Button>
        </View>
      </View>
    </View>
  );
}
