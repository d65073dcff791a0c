import { View } from '@tarojs/components';
import type { EnterpriseSubsidyOverview } from '@contract/subsidy';
import { districtName } from '@/utils/format';
import './EnterpriseInfo.scss';

/** The applying enterprise as its record says: applications take these from the record, not from the form. */
export default function EnterpriseInfo({ enterprise }: { enterprise: EnterpriseSubsidyOverview['enterprise'] }) {
  return (
    <View className='ll-card subsidy-enterprise'>
      <View className='subsidy-enterprise__name'>{enterprise.name}</View>
      <View className='subsidy-enterprise__line'>统一社会信用代码：{enterprise.uscc}</View>
      <View className='subsidy-enterprise__line'>
        {districtName(enterprise.district)} · {enterprise.industry || '行业未填写'} · {enterprise.size || '规模未填写'}
      </View>
      <View className='subsidy-enterprise__hint'>以上信息取自企业登记，如有变化请联系市人社局更正</View>
      {enterprise.status !== 'verified' && <View className='subsidy-enterprise__warn'>企业尚未通过审核，通过后即可申请企业补贴</View>}
    </View>
  );
}
