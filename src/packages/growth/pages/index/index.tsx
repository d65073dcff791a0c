import { View } from '@tarojs/components';
import LoginPrompt from '@/components/LoginPrompt';
import { useSession } from '@/hooks/useSession';
import { navigate } from '@/services/navigation';
import * as session from '@/services/session';
import { pressable } from '@/utils/a11y';
import '../../growth.scss';

interface Tile {
  id: string;
  title: string;
  description: string;
  open: () => Promise<void>;
}

const TILES: Tile[] = [
  { id: 'courses', title: '职业指导课', description: '职业规划、职业体验、求职技巧公开课和直播课', open: () => navigate('growthCourses', { kind: 'career' }) },
  { id: 'advisors', title: '预约职业指导师', description: '与本校职业指导师一对一面谈或线上咨询', open: () => navigate('growthSlots', { kind: 'advisor' }) },
  { id: 'training', title: '定点机构培训', description: '21家定点培训机构的专业转换和技能提升培训，结业后可申请培训补贴', open: () => navigate('growthCourses', { kind: 'training' }) },
  { id: 'contests', title: '创新创业大赛', description: '“中国创翼”、创新创业大赛、“创青春”等大赛报名', open: () => navigate('growthContests') },
  { id: 'mentors', title: '创业诊所', description: '预约创业导师，获得政策咨询、开业指导', open: () => navigate('growthSlots', { kind: 'mentor' }) },
  { id: 'incubators', title: '孵化器与众创空间', description: '申请入驻创业孵化平台、众创空间', open: () => navigate('growthIncubators') },
  { id: 'stories', title: '留连故事', description: '在连就业毕业生的短视频和成长故事', open: () => navigate('growthStories') },
  { id: 'mine', title: '我的成长记录', description: '我的报名、预约、申请和故事', open: () => navigate('growthMine') },
];

/** What a guest may browse (the course lists are public; signing up asks for login there). */
const PUBLIC_TILES = ['courses', 'training', 'stories'];

const STAFF_ROLES = ['college', 'district', 'bureau', 'admin'];

export default function GrowthHome() {
  const user = useSession();
  const staff = user?.roles.some(role => STAFF_ROLES.includes(role));
  const student = user?.roles.includes('student');
  // A guest sees every service (what it is is public) and is asked to log in to use one; signed-in non-students
  // (recruiters, staff) only have the public stories.
  const tiles = student || !user ? TILES : TILES.filter(tile => PUBLIC_TILES.includes(tile.id));
  const open = (tile: Tile) => (user || PUBLIC_TILES.includes(tile.id) ? tile.open() : session.login().then(() => undefined));
  return (
    <View className='ll-page'>
      {!user && <LoginPrompt id='growth-login' compact title='登录后预约指导、报名课程和大赛' description='留连故事无需登录即可观看' />}
      {staff && (
        <View id='growth-staff' className='ll-card growth-card' {...pressable(() => void navigate('growthStaff'), { role: 'link' })}>
          <View className='growth-card__title'>成长服务管理</View>
          <View className='growth-card__meta'>发布课程与咨询时段、查看预约和报名、确认培训结业、审核入驻申请和留连故事</View>
        </View>
      )}
      <View className='growth-grid'>
        {tiles.map(tile => (
          <View key={tile.id} id={`growth-tile-${tile.id}`} className='growth-tile' {...pressable(() => void open(tile), { role: 'link' })}>
            <View className='growth-tile__title'>{tile.title}</View>
            <View className='growth-tile__description'>{tile.description}</View>
          </View>
        ))}
      </View>
    </View>
  );
}
