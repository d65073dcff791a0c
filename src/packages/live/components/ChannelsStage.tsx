import { Button, ChannelLive, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LiveChannelsLink } from '@contract/live';
import { openOnChannels } from '@/services/channels-live';

/**
 * A 视频号 session's stage: weapp embeds the live (tapping it goes to 视频号) and offers a button that
 * opens it; the browser build cannot play 视频号 and says where to watch. Chat, cards and 投递 stay below.
 */
export default function ChannelsStage({ link }: { link: LiveChannelsLink }) {
  if (process.env.TARO_ENV !== 'weapp') {
    return (
      <View id='live-channels' className='live-stage live-stage--idle'>
        <View className='live-stage__title'>本场直播在微信视频号进行</View>
        <View className='live-stage__text'>请在微信中打开「留连来连」小程序观看。聊天、岗位和一键投递在下方照常进行。</View>
      </View>
    );
  }
  return (
    <View id='live-channels' className='live-stage'>
      {link.feedId ? <ChannelLive className='live-stage__channels' feedId={link.feedId} finderUserName={link.finderUserName} /> : null}
      <Button
        id='live-open-channels'
        className='ll-button live-stage__book'
        onClick={() => openOnChannels(link, message => void Taro.showToast({ title: message, icon: 'none' }))}
      >
        在视频号中观看
      </Button>
    </View>
  );
}
