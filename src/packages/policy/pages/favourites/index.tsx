import { View } from '@tarojs/components';
import ContentCard from '@/components/ContentCard';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { myFavourites } from '@/services/api/content';
import { navigate } from '@/services/navigation';

export default function Favourites() {
  const user = useSession();
  // Reloaded on show: a favourite removed on the detail page disappears on the way back.
  const list = useRequest(() => (user ? myFavourites() : Promise.resolve([])), user?.userId ?? '', { refreshOnShow: true, refreshOnPullDown: true });

  if (!user) return <EmptyState title='登录后查看收藏' description='在“我的”页登录后，可收藏政策、服务和机构' />;
  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />;
  const items = list.data ?? [];
  return (
    <View className='ll-page'>
      {items.length === 0 ? (
        <EmptyState title='还没有收藏' description='在政策详情页点“收藏”，之后可以在这里找到' actionText='去看看政策' onAction={() => void navigate('policySearch', {})} />
      ) : (
        items.map(item => <ContentCard key={item.id} item={item} onClick={() => navigate('policyDetail', { id: item.id })} />)
      )}
    </View>
  );
}
