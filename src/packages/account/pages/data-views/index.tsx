import { View } from '@tarojs/components';
import { beijingDateTime } from '@contract/time';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { myDataViews } from '@/services/api/privacy';
import '../privacy/index.scss';

/** 我的 → 隐私与授权 → 个人信息查看记录: every time staff saw my full ID, phone or bank account, and why. */
export default function DataViewsPage() {
  const list = usePagedList(cursor => myDataViews(cursor));
  return (
    <View className='ll-page privacy'>
      <View className='ll-card privacy__card'>
        <View className='privacy__note'>
          工作人员查看您的完整身份证号码、手机号、银行账号或企业营业执照时，系统都会记录查看单位、角色、时间和用途。
        </View>
      </View>
      {list.items.length > 0 && (
        <View className='ll-card privacy__card'>
          {list.items.map(record => (
            <View key={record.id} id={`data-view-${record.id}`} className='privacy__row'>
              <View className='privacy__row-title'>
                {record.unit}
                <View className='privacy__badge'>{record.kindLabel}</View>
              </View>
              <View className='privacy__text'>用途：{record.purpose}</View>
              <View className='privacy__note'>
                {record.role} · {beijingDateTime(new Date(record.at))}
              </View>
            </View>
          ))}
        </View>
      )}
      <ListFooter list={list} empty={{ title: '暂无查看记录', compact: true }} />
    </View>
  );
}
