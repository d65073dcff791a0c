import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { NOTICE_MODES, NOTICE_MODE_LABELS, SUBSCRIBE_TOPICS, SUBSCRIBE_TOPIC_LABELS, type NoticeMode, type SubscribeTopic, type SubscriptionSettings } from '@contract/subscription';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import ToggleSwitch from '@/components/ToggleSwitch';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { chooseTopics, recordSubscribeResults, requestSubscribe, subscriptionSettings } from '@/services/api/subscription';
import { errorMessage } from '@/utils/errors';
import { subscribeFailMessage, subscribeResults, templatesToRequest } from '@/services/subscribe';
import './index.scss';

function creditsOf(settings: SubscriptionSettings, topic: SubscribeTopic): { configured: boolean; credits: number; longTerm: boolean } {
  const template = settings.templates.find(t => t.topic === topic);
  const sub = template && settings.subscriptions.find(s => s.templateId === template.templateId);
  return { configured: Boolean(template), credits: sub?.credits ?? 0, longTerm: sub?.longTerm ?? false };
}

function Settings({ initial }: { initial: SubscriptionSettings }) {
  const [settings, setSettings] = useState(initial);
  const [busy, setBusy] = useState(false);
  const asked = templatesToRequest(settings.topics, settings.templates);

  /** Saves a change optimistically; the page goes back to what the server has if saving fails. */
  const save = async (topics: SubscribeTopic[], digest: SubscribeTopic[]) => {
    const before = settings;
    setSettings(prev => ({ ...prev, topics, digest }));
    try {
      setSettings(await chooseTopics(topics, digest));
    } catch (err) {
      setSettings(before);
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  const toggle = (topic: SubscribeTopic, on: boolean) =>
    save(on ? [...settings.topics, topic] : settings.topics.filter(t => t !== topic), settings.digest);

  const setMode = (topic: SubscribeTopic, mode: NoticeMode) =>
    save(settings.topics, mode === 'digest' ? [...settings.digest.filter(t => t !== topic), topic] : settings.digest.filter(t => t !== topic));

  // WeChat shows the popup only when requestSubscribeMessage runs synchronously inside the tap.
  const subscribe = () => {
    if (asked.length === 0) return;
    setBusy(true);
    requestSubscribe(asked)
      .then(async answer => {
        const results = subscribeResults(answer, asked);
        if (Object.keys(results).length === 0) return;
        const subscriptions = await recordSubscribeResults(results);
        setSettings(prev => ({ ...prev, subscriptions }));
        const accepted = Object.values(results).filter(r => r === 'accept').length;
        Taro.showToast({ title: accepted > 0 ? `已开启 ${accepted} 项提醒` : '未开启提醒', icon: 'none' });
      })
      .catch((err: unknown) => {
        const errCode = typeof err === 'object' && err !== null ? (err as { errCode?: number }).errCode : undefined;
        Taro.showToast({ title: errCode === undefined ? errorMessage(err) : subscribeFailMessage(errCode), icon: 'none' });
      })
      .finally(() => setBusy(false));
  };

  return (
    <View className='ll-page notice-settings'>
      <View className='ll-card'>
        <View className='notice-settings__heading'>消息提醒</View>
        <View className='notice-settings__description'>
          所有消息都会出现在消息中心。开关控制是否发微信提醒；选择“每周摘要”的主题，非紧急消息每周一 9:00 汇总为一条，面试邀请、补贴退回补正等紧急消息仍会即时提醒。
        </View>
        {SUBSCRIBE_TOPICS.map(topic => {
          const label = SUBSCRIBE_TOPIC_LABELS[topic];
          const state = creditsOf(settings, topic);
          const mode: NoticeMode = settings.digest.includes(topic) ? 'digest' : 'each';
          return (
            <View key={topic} id={`notice-topic-${topic}`} className='notice-settings__row'>
              <View className='notice-settings__text'>
                <View className='notice-settings__title'>{label.title}</View>
                <View className='notice-settings__description'>{label.description}</View>
                <View className='notice-settings__credits'>
                  {!state.configured ? '仅站内消息' : state.longTerm ? '微信提醒：长期有效' : `微信提醒：剩余 ${state.credits} 次`}
                </View>
                <View className='notice-settings__modes'>
                  {NOTICE_MODES.map(m => (
                    <Chip key={m} id={`notice-mode-${topic}-${m}`} active={mode === m} onClick={() => void setMode(topic, m)}>
                      {NOTICE_MODE_LABELS[m]}
                    </Chip>
                  ))}
                </View>
              </View>
              <ToggleSwitch id={`notice-topic-${topic}-switch`} checked={settings.topics.includes(topic)} label={`接收${label.title}`} onChange={on => void toggle(topic, on)} />
            </View>
          );
        })}
      </View>

      <View className='ll-card notice-settings__subscribe'>
        <View className='notice-settings__heading'>微信提醒</View>
        <View className='notice-settings__description'>
          微信规定每次“允许”只能发送一条提醒。点击下方按钮并选择“允许”，有新消息时会在微信里提醒你；所有消息都会出现在消息中心。
        </View>
        {process.env.TARO_ENV !== 'weapp' ? (
          <View className='notice-settings__note'>请在微信小程序中开启微信提醒</View>
        ) : settings.templates.length === 0 ? (
          <View className='notice-settings__note'>微信提醒暂未开通，消息会出现在消息中心</View>
        ) : asked.length === 0 ? (
          <View className='notice-settings__note'>请先在上方选择想接收的消息</View>
        ) : (
          <Button id='notice-subscribe' className='ll-button' disabled={busy} onClick={subscribe}>
            开启微信提醒
          </Button>
        )}
      </View>
    </View>
  );
}

export default function NoticeSettingsPage() {
  const user = useSession();
  const isStudent = user?.roles.includes('student') ?? false;
  const settings = useRequest(() => (isStudent ? subscriptionSettings() : Promise.resolve(undefined)), `${user?.userId ?? ''}|${isStudent}`);

  if (!isStudent) return <EmptyState title='仅学生可设置消息提醒' description='请使用学生账号登录' />;
  if (settings.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (settings.status === 'error' || !settings.data) {
    return <EmptyState kind='error' title='加载失败' description={settings.error} actionText='重试' onAction={settings.reload} />;
  }
  return <Settings initial={settings.data} />;
}
