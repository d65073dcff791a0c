import { View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { confirmSubsidyOffer, correctSubsidyAccount, declineSubsidyOffer, mySubsidyApplications, mySubsidyOffers } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import ApplicationCard from '../../components/ApplicationCard';
import OfferCard from '../../components/OfferCard';

export default function MySubsidyApplicationsPage() {
  const apps = useRequest(mySubsidyApplications, 'my-subsidy-applications', { refreshOnShow: true, refreshOnPullDown: true });
  const offers = useRequest(mySubsidyOffers, 'my-subsidy-offers', { refreshOnShow: true, refreshOnPullDown: true });

  if (apps.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (apps.status === 'error') return <EmptyState kind='error' title='加载失败' description={apps.error} actionText='重新加载' onAction={apps.reload} />;
  const list = apps.data ?? [];
  // Offers still open come first; one already confirmed shows as its application below.
  const offerList = (offers.data ?? []).filter(o => o.status !== 'confirmed');
  const reload = () => {
    void apps.reload();
    void offers.reload();
  };
  if (list.length === 0 && offerList.length === 0) return <EmptyState title='还没有补贴申请' description='在补贴项目中查看您可以申请的补贴' />;
  return (
    <View className='ll-page'>
      {offerList.map(offer => (
        <OfferCard key={offer.id} offer={offer} confirm={confirmSubsidyOffer} decline={declineSubsidyOffer} onChanged={reload} />
      ))}
      {list.map(app => (
        <ApplicationCard
          key={app.id}
          app={app}
          onContinue={() => navigate('subsidyApply', { programId: app.programId })}
          correctAccount={correctSubsidyAccount}
          onChanged={reload}
        />
      ))}
    </View>
  );
}
