import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PRIVACY_DATA_TYPES, PRIVACY_GUIDE_VERSION, consentConcerns, type ConsentStatus, type ConsentView, type DataCopyFormat } from '@contract/privacy';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { dataCopyPath, giveConsent, myConsents, withdrawConsent } from '@/services/api/privacy';
import { saveDownload } from '@/services/save-file';
import { navigate } from '@/services/navigation';
import { storage } from '@/storage';
import { errorMessage } from '@/utils/errors';
import type { Role } from '@contract/roles';
import { beijingDay, chineseDate } from '@contract/time';
import './index.scss';

const STATUS_LABELS: Record<ConsentStatus, string> = {
  given: '已同意',
  withdrawn: '已撤回',
  none: '未同意',
  outdated: '说明已更新，待重新同意',
};

function ConsentCard({ consent, onChanged }: { consent: ConsentView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      void Taro.showToast({ title: done, icon: 'none' });
      onChanged();
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回同意',
      content: `撤回后，我们将不再为此目的处理您的${consent.items.join('、')}。${consent.effect}`,
      confirmText: '撤回',
      confirmColor: '#c9303f',
      cancelText: '取消',
      cancelColor: '#646a73',
    });
    if (confirm) await act(() => withdrawConsent(consent.purpose), '已撤回同意');
  };
  return (
    <View id={`consent-${consent.purpose}`} className='privacy__row'>
      <View className='privacy__row-title'>
        {consent.title}
        <View id={`consent-${consent.purpose}-status`} className='privacy__badge'>
          {STATUS_LABELS[consent.status]}
        </View>
      </View>
      <View className='privacy__text'>涉及：{consent.items.join('、')}</View>
      <View className='privacy__text'>目的：{consent.purposeText}</View>
      <View className='privacy__note'>必要性：{consent.necessity}</View>
      <View className='privacy__note'>影响：{consent.effect}</View>
      {consent.givenAt && consent.status !== 'withdrawn' && (
        <View className='privacy__note'>
          {chineseDate(new Date(consent.givenAt))}同意第{consent.givenVersion}版
        </View>
      )}
      {consent.withdrawnAt && <View className='privacy__note'>{chineseDate(new Date(consent.withdrawnAt))}撤回</View>}
      <View className='privacy__actions'>
        {consent.status === 'given' ? (
          <Button id={`consent-${consent.purpose}-withdraw`} className='ll-button ll-button--danger' disabled={busy || undefined} onClick={() => void withdraw()}>
            撤回同意
          </Button>
        ) : (
          <Button
            id={`consent-${consent.purpose}-give`}
            className='ll-button ll-button--ghost ll-button--long'
            disabled={busy || undefined}
            onClick={() => void act(() => giveConsent(consent.purpose, consent.version), '已同意')}
          >
            阅读以上说明并同意（第{consent.version}版）
          </Button>
        )}
      </View>
    </View>
  );
}

function Consents({ roles }: { roles: readonly Role[] }) {
  const consents = useRequest(myConsents, 'consents', { refreshOnShow: true });
  return (
    <View className='ll-card privacy__card'>
      <View className='privacy__heading' role='heading' aria-level={2}>
        敏感个人信息单独同意
      </View>
      {consents.status === 'loading' && <EmptyState kind='loading' title='正在加载…' />}
      {consents.status === 'error' && <EmptyState kind='error' title='加载失败' description={consents.error} actionText='重试' onAction={consents.reload} />}
      {consents.status === 'ready' &&
        consents.data?.filter(consent => consentConcerns(consent, roles)).map(consent => <ConsentCard key={consent.purpose} consent={consent} onChanged={consents.reload} />)}
    </View>
  );
}

function MyData() {
  const [busy, setBusy] = useState(false);
  const download = async (format: DataCopyFormat) => {
    setBusy(true);
    try {
      await saveDownload(dataCopyPath(format), `我的数据-${beijingDay(new Date())}.${format}`, format);
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='ll-card privacy__card'>
      <View className='privacy__heading' role='heading' aria-level={2}>
        我的数据
      </View>
      <View className='privacy__note'>下载我们保存的关于您的全部信息（身份证号码、手机号、银行账号只显示部分）。</View>
      <View className='privacy__actions'>
        <Button id='privacy-copy-xlsx' className='ll-button ll-button--ghost' disabled={busy || undefined} onClick={() => void download('xlsx')}>
          下载我的数据（Excel）
        </Button>
        <Button id='privacy-copy-json' className='ll-button ll-button--ghost' disabled={busy || undefined} onClick={() => void download('json')}>
          下载我的数据（JSON）
        </Button>
        <Button id='privacy-delete-account' className='ll-button ll-button--danger' onClick={() => void navigate('accountDeletion')}>
          注销账号
        </Button>
      </View>
    </View>
  );
}

/** 我的 → 隐私与授权: the guide, what this device agreed to, and the separate consents with withdrawal. */
export default function PrivacyPage() {
  const user = useSession();
  const agreed = storage.get('privacyAgreedVersion');
  return (
    <View className='ll-page privacy'>
      <View className='ll-card privacy__card'>
        <View className='privacy__heading' role='heading' aria-level={1}>
          隐私保护指引
        </View>
        <View className='privacy__text'>
          我们只在您使用相关功能时处理必要的个人信息。需要您授权的微信功能：
          {PRIVACY_DATA_TYPES.map(type => type.declaration).join('、')}。
        </View>
        <View id='privacy-agreed' className='privacy__note'>
          {process.env.TARO_ENV === 'weapp'
            ? agreed && agreed >= PRIVACY_GUIDE_VERSION
              ? `您已同意第${agreed}版隐私保护指引`
              : '您尚未同意当前版本，使用相关功能时会请您确认'
            : '浏览器中无需微信授权；上传文件时由您自行选择文件'}
        </View>
        <View className='privacy__actions'>
          <Button id='privacy-open-guide' className='ll-button ll-button--ghost ll-button--long' onClick={() => void navigate('privacyGuide')}>
            查看《留连来连隐私保护指引》
          </Button>
        </View>
      </View>
      {user && <Consents roles={user.roles} />}
      {user && (
        <View className='ll-card privacy__card'>
          <View className='privacy__heading' role='heading' aria-level={2}>
            谁查看了我的信息
          </View>
          <View className='privacy__note'>工作人员查看您完整的身份证号码、手机号或银行账号时都有记录。</View>
          <View className='privacy__actions'>
            <Button id='privacy-data-views' className='ll-button ll-button--ghost' onClick={() => void navigate('dataViews')}>
              个人信息查看记录
            </Button>
          </View>
        </View>
      )}
      {user && <MyData />}
    </View>
  );
}
