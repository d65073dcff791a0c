import { View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import { switchTab } from '@/services/navigation';
import './index.scss';

/** Placeholder until the live-session module lands; the schedule list will replace the empty state. */
export default function Live() {
  return (
    <View className='ll-page live'>
      <View className='ll-card'>
        <EmptyState
          title='直播带岗即将开播，敬请期待'
          description='企业招聘官将在这里直播介绍岗位、在线答疑，毕业生可边看边投递'
          actionText='先去看看岗位'
          onAction={() => switchTab('jobs')}
        />
      </View>
      <View className='ll-card live-about'>
        <View className='live-about__title'>什么是“直播带岗”？</View>
        <View className='live-about__text'>
          按照大连市“十大行动”工作方案，公共就业服务机构将常态化开展专项招聘，创新“直播带岗”“隔空送岗”等模式，把在连企业的优质岗位直接送到毕业生面前。
        </View>
      </View>
    </View>
  );
}
