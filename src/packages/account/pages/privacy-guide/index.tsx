import { Button, View } from '@tarojs/components';
import { PERSONAL_INFO_ITEMS, PRIVACY_DATA_TYPES, PRIVACY_GUIDE_VERSION, PRIVACY_NOT_COLLECTED } from '@contract/privacy';
import { navigate } from '@/services/navigation';
import '../privacy/index.scss';

/** 《留连来连隐私保护指引》, generated from contract/privacy.ts (the same list WeChat's declaration copies). */
export default function PrivacyGuidePage() {
  return (
    <View className='ll-page privacy'>
      <View className='ll-card privacy__card'>
        <View className='privacy__heading' role='heading' aria-level={1}>
          留连来连隐私保护指引
        </View>
        <View className='privacy__text'>
          本指引说明留连来连小程序（大连市高校毕业生就业创业服务平台）在您使用各项功能时处理哪些个人信息、用于什么目的，以及您享有的权利。第{PRIVACY_GUIDE_VERSION}版。
        </View>
      </View>

      <View className='ll-card privacy__card'>
        <View className='privacy__heading' role='heading' aria-level={2}>
          需要您授权的微信功能
        </View>
        {PRIVACY_DATA_TYPES.map(type => (
          <View key={type.scope} id={`privacy-type-${type.scope}`} className='privacy__row'>
            <View className='privacy__row-title'>{type.declaration}</View>
            <View className='privacy__text'>用途：{type.purpose}</View>
            <View className='privacy__note'>使用场景：{type.where}</View>
          </View>
        ))}
        <View className='privacy__note'>不会使用：{PRIVACY_NOT_COLLECTED.join('、')}。</View>
      </View>

      <View className='ll-card privacy__card'>
        <View className='privacy__heading' role='heading' aria-level={2}>
          我们保存的个人信息
        </View>
        {PERSONAL_INFO_ITEMS.map(item => (
          <View key={item.item} className='privacy__row'>
            <View className='privacy__row-title'>
              {item.item}
              {item.sensitive && <View className='privacy__badge'>敏感个人信息</View>}
            </View>
            <View className='privacy__text'>用途：{item.purpose}</View>
            <View className='privacy__note'>{item.storage}</View>
          </View>
        ))}
        <View className='privacy__text'>
          敏感个人信息（身份证号码、银行账号、家庭困难情况）只在您单独同意后收集，您可以在“我的 → 隐私与授权”中查看和撤回同意。
        </View>
      </View>

      <View className='ll-card privacy__card'>
        <View className='privacy__heading' role='heading' aria-level={2}>
          您的权利
        </View>
        <View className='privacy__text'>
          您可以查询、复制、更正您的个人信息，撤回单独同意，注销账号。法律法规要求保存的记录（已批准的补贴及发放记录、审计记录）在注销后以去标识化方式保存至法定期限届满。
        </View>
        <View className='privacy__actions'>
          <Button id='privacy-guide-manage' className='ll-button ll-button--ghost' onClick={() => void navigate('privacy')}>
            管理我的同意、数据与账号
          </Button>
        </View>
      </View>
    </View>
  );
}
