import { View } from '@tarojs/components';
import type { ComplaintTimelineEntry } from '@contract/complaint';
import { formatDateTime } from '@/utils/format';
import './ComplaintTimeline.scss';

const ROLE: Record<ComplaintTimelineEntry['actorRole'], string> = { complainant: '本人', district: '区市县人社局', bureau: '市人社局' };

/** The complaint's progress, oldest first; replies and reasons are shown in full. */
export default function ComplaintTimeline({ entries }: { entries: ComplaintTimelineEntry[] }) {
  return (
    <View className='complaint-timeline'>
      {entries.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className={`complaint-timeline__step complaint-timeline__step--${entry.action}`}>
          <View className='complaint-timeline__dot' />
          <View className='complaint-timeline__label'>
            {entry.label}
            <View className='complaint-timeline__who'>{ROLE[entry.actorRole]}</View>
          </View>
          <View className='complaint-timeline__time'>{formatDateTime(entry.at)}</View>
          {entry.note && <View className='complaint-timeline__note'>{entry.note}</View>}
        </View>
      ))}
    </View>
  );
}
