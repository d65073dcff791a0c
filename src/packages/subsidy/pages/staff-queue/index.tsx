import { View } from '@tarojs/components';
import { REVIEW_STAGE_LABELS } from '@contract/subsidy';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { reviewQueue } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import { districtName, formatDate } from '@/utils/format';
import './index.scss';

/** A table on a desktop browser, rows of cards on a phone (the same markup, CSS decides). */
export default function SubsidyQueuePage() {
  const list = usePagedList(cursor => reviewQueue({ cursor }));
  return (
    <View className='ll-page staff-queue'>
      <View className='staff-queue__bar'>
        <View className='staff-queue__title'>待我审核的补贴申请</View>
        <View className='staff-queue__link' onClick={() => navigate('staffSubsidyBatches')}>
          发放批次 ›
        </View>
      </View>
      {list.items.length > 0 && (
        <View className='staff-table'>
          <View className='staff-table__row staff-table__row--head'>
            <View className='staff-table__cell'>申请人</View>
            <View className='staff-table__cell'>项目</View>
            <View className='staff-table__cell'>就业地/企业所在地</View>
            <View className='staff-table__cell'>金额(元)</View>
            <View className='staff-table__cell'>环节</View>
            <View className='staff-table__cell'>提交时间</View>
          </View>
          {list.items.map(app => (
            <View key={app.id} id={`queue-${app.id}`} className='staff-table__row' onClick={() => navigate('staffSubsidyReview', { id: app.id })}>
              <View className='staff-table__cell'>
                {app.applicantName}
                {app.applicantKind === 'enterprise' ? '（企业）' : ''}
              </View>
              <View className='staff-table__cell'>{app.programName}</View>
              <View className='staff-table__cell'>{districtName(app.form.employmentDistrict)}</View>
              <View className='staff-table__cell'>{app.amount ?? '-'}</View>
              <View className='staff-table__cell'>{app.stage ? REVIEW_STAGE_LABELS[app.stage] : app.statusLabel}</View>
              <View className='staff-table__cell'>{formatDate(app.submittedAt)}</View>
            </View>
          ))}
        </View>
      )}
      <ListFooter list={list} empty={{ title: '没有待审核的申请', compact: true }} />
    </View>
  );
}
