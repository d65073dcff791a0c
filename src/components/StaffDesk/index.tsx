import { View } from '@tarojs/components';
import { COLLEGES, DISTRICTS } from '@contract/reference';
import { ROLE_LABELS, type Role } from '@contract/roles';
import type { Me } from '@contract/user';
import { useRequest } from '@/hooks/useRequest';
import { navigate } from '@/services/navigation';
import { getMe } from '@/services/api/user';
import { pressable } from '@/utils/a11y';
import { deskEntriesFor } from '@/utils/staff-desk';
import './index.scss';

const MAIN_ROLE_ORDER: readonly Role[] = ['bureau', 'admin', 'district', 'college', 'recruiter'];

function unitOf(me: Me | undefined, roles: readonly Role[]): string {
  const role = MAIN_ROLE_ORDER.find(r => roles.includes(r));
  const label = role ? ROLE_LABELS[role] : '';
  const place = me?.scope.collegeId
    ? COLLEGES.find(c => c.id === me.scope.collegeId)?.name
    : me?.scope.districtCode
      ? DISTRICTS.find(d => d.code === me.scope.districtCode)?.name
      : undefined;
  return place && role !== 'bureau' && role !== 'admin' ? `${place} · ${label}` : label;
}

/** 首页 for staff and recruiters: their work first, the public pages below. */
export default function StaffDesk({ userId, roles }: { userId: string; roles: readonly Role[] }) {
  const me = useRequest(getMe, `desk-${userId}`);
  const entries = deskEntriesFor(roles);
  return (
    <View id='home-desk' className='staff-desk' role='region' aria-label='我的工作台'>
      <View className='staff-desk__head'>
        <View className='staff-desk__title'>我的工作台</View>
        <View className='staff-desk__unit'>{unitOf(me.data, roles)}</View>
      </View>
      <View className='staff-desk__grid'>
        {entries.map(entry => (
          <View key={entry.id} id={`desk-${entry.id}`} className='staff-desk__entry' {...pressable(() => void navigate(entry.page), { role: 'link' })}>
            <View className='staff-desk__entry-title'>{entry.title}</View>
            <View className='staff-desk__entry-description'>{entry.description}</View>
          </View>
        ))}
      </View>
    </View>
  );
}
