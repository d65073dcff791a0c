import { View } from '@tarojs/components';
import type { ComplaintLiveSnapshot } from '@contract/complaint';
import { formatDateTime, formatSalary, streamOffsetLabel } from '@/utils/format';
import './LiveSnapshot.scss';

/** What the live room showed when the student tapped 举报, as it was then (the job may have changed since). */
export default function LiveSnapshot({ live }: { live: ComplaintLiveSnapshot }) {
  return (
    <View id='complaint-live-snapshot' className='ll-card live-snapshot'>
      <View className='live-snapshot__section'>直播间举报时的内容</View>
      <View className='live-snapshot__line'>
        直播：{live.sessionTitle}（{live.hostName}）
      </View>
      <View className='live-snapshot__line'>
        举报对象：{live.target === 'job' ? '岗位卡片' : '直播画面'} · 举报时间 {formatDateTime(live.shownAt)}
      </View>
      <View className='live-snapshot__line'>直播进度：{live.offsetMs === undefined ? '尚未开播' : streamOffsetLabel(live.offsetMs)}</View>
      {live.card ? (
        <View id='complaint-live-card' className='live-snapshot__card'>
          <View className='live-snapshot__card-title'>
            {live.card.title}
            {live.card.pinned ? '（主播置顶中）' : ''}
          </View>
          <View>
            {live.card.enterpriseName} · {formatSalary(live.card.salaryMin, live.card.salaryMax)}
          </View>
        </View>
      ) : null}
      <View className='live-snapshot__section live-snapshot__section--chat'>举报前的互动消息（{live.chat.length}）</View>
      {live.chat.length === 0 ? <View className='live-snapshot__muted'>当时没有互动消息</View> : null}
      {live.chat.map((line, i) => (
        <View key={`${i}-${line.offsetMs}`} className='live-snapshot__chat'>
          <View className='live-snapshot__muted'>{streamOffsetLabel(line.offsetMs)}</View>
          <View>
            {line.host ? '主播' : line.nickname}：{line.text}
          </View>
        </View>
      ))}
    </View>
  );
}
