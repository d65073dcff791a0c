import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import * as session from '@/services/session';
import { errorMessage } from '@/utils/errors';
import './index.scss';

export interface LoginPromptProps {
  /** What logging in shows, e.g. 登录后查看为你推荐的岗位. */
  title: string;
  description?: string;
  id?: string;
  compact?: boolean;
}

/** What a guest sees in place of something only a signed-in user has: an invitation, not an error. */
export default function LoginPrompt({ title, description, id = 'login-prompt', compact }: LoginPromptProps) {
  const [busy, setBusy] = useState(false);
  const login = async () => {
    setBusy(true);
    try {
      if (await session.login()) void Taro.showToast({ title: '登录成功', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id={id} className={`ll-card ll-login-prompt${compact ? ' ll-login-prompt--compact' : ''}`}>
      <View className='ll-login-prompt__title'>{title}</View>
      {description && <View className='ll-login-prompt__description'>{description}</View>}
      <Button id={`${id}-button`} className='ll-button ll-login-prompt__button' disabled={busy || undefined} onClick={() => void login()}>
        去登录
      </Button>
    </View>
  );
}
