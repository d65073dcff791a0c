import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { REVIEW_STAGE_LABELS } from '@contract/subsidy';
import EmptyState from '@/components/EmptyState';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { reviewQueue } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import { districtName, formatDate } from '@/utils/format';
import './index.scss';

/** A table on a desktop browser, rows of cards on a phone (the same markup, CSS decides). */
export default function SubsidyQueuePage() {
  const list = usePagedList((_query: object, cursor) => reviewQueue({ cursor }), {});

  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  return (
    <View className='ll-page staff-queue'>
      <View className='staff-queue__bar'>
        <View className='staff-queue__title'>待我审核的补贴申请</View>
        <View className='staff-queue__link' onClick={() => navigate('staffSubsidyBatches')}>
          发放批次 ›
        </View>
      </View>
      {list.items.length === 0 ? (
        <EmptyState title='没有待审核的申请' compact />
      ) : (
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
      <ListFooter state={list.footer} onRetry={list.loadMore} />
    </View>
  );
}
