import { ScrollView, View } from '@tarojs/components';
import type { LiveRoomMessage } from '@contract/live';
import { pressable } from '@/utils/a11y';
import { offsetLabel } from '../room';

export interface MessageListProps {
  messages: LiveRoomMessage[];
  /** Replay: show each message's time into the stream. */
  withOffsets?: boolean;
  /** Host view: tap a viewer's message to manage them. */
  onPick?: (message: LiveRoomMessage) => void;
  empty: string;
}

/** Chat and questions, newest at the bottom; host replies highlighted. */
export default function MessageList({ messages, withOffsets, onPick, empty }: MessageListProps) {
  const last = messages[messages.length - 1];
  return (
    <ScrollView className='live-messages' scrollY scrollIntoView={last ? `live-msg-${last.seq}` : undefined} scrollWithAnimation>
      {messages.length === 0 ? <View className='live-messages__empty'>{empty}</View> : null}
      {messages.map(m => (
        <View
          key={m.id}
          id={`live-msg-${m.seq}`}
          className={`live-msg${m.host ? ' live-msg--host' : ''}${m.kind === 'question' ? ' live-msg--question' : ''}`}
          {...(onPick && !m.host ? pressable(() => onPick(m)) : {})}
        >
          {withOffsets ? <View className='live-msg__time'>{offsetLabel(m.offsetMs)}</View> : null}
          <View className='live-msg__name'>
            {m.kind === 'question' ? <View className='live-msg__tag'>提问</View> : null}
            {m.nickname}
          </View>
          <View className='live-msg__text'>{m.text}</View>
        </View>
      ))}
    </ScrollView>
  );
}
