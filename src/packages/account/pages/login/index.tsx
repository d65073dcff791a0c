import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DevUser } from '@contract/auth';
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { back } from '@/services/navigation';
import { useRequest } from '@/hooks/useRequest';
import { listDevUsers } from '@/services/api/auth';
import * as session from '@/services/session';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import './index.scss';

async function welcome(): Promise<void> {
  Taro.showToast({ title: '登录成功', icon: 'success' });
  await back('home');
}

function WeChatLogin() {
  const [busy, setBusy] = useState(false);
  const login = async () => {
    setBusy(true);
    try {
      await session.login();
      await welcome();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='login-wechat'>
      <Button id='login-wechat' className='ll-button' loading={busy} disabled={busy} onClick={login}>
        微信一键登录
      </Button>
      <View className='login-note'>首次登录将自动创建账号，登录后可完善个人资料</View>
    </View>
  );
}

function groupByRole(users: DevUser[]): Array<{ role: Role; users: DevUser[] }> {
  return ROLES.map(role => ({ role, users: users.filter(user => user.roles[0] === role) })).filter(group => group.users.length > 0);
}

/** H5 has no WeChat login (Taro.login is a stub there): pick one of the demo accounts instead. */
function DevLogin() {
  const users = useRequest(listDevUsers, 'dev-users');
  const [busyId, setBusyId] = useState<string>();

  const pick = async (user: DevUser) => {
    if (busyId) return;
    setBusyId(user.id);
    try {
      await session.devLogin(user.id);
      await welcome();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusyId(undefined);
    }
  };

  if (users.status === 'loading') return <EmptyState kind='loading' title='正在加载体验账号…' />;
  if (users.status === 'error') {
    return <EmptyState kind='error' title='体验账号加载失败' description={users.error} actionText='重试' onAction={users.reload} />;
  }
  const groups = groupByRole(users.data ?? []);
  if (groups.length === 0) return <EmptyState title='暂无体验账号' />;

  return (
    <View className='login-dev'>
      {groups.map(group => (
        <View key={group.role} className='login-dev__group'>
          <View className='login-dev__role'>{ROLE_LABELS[group.role]}</View>
          {group.users.map(user => (
            <View
              key={user.id}
              id={`dev-user-${user.id}`}
              className={`login-dev__user${busyId === user.id ? ' login-dev__user--busy' : ''}`}
              {...pressable(() => void pick(user), { disabled: Boolean(busyId) && busyId !== user.id })}
            >
              <View className='login-dev__nickname'>{user.nickname}</View>
              <View className='login-dev__description'>{user.description}</View>
              <View>
                {user.roles.map(role => (
                  <Tag key={role} tone='primary'>
                    {ROLE_LABELS[role]}
                  </Tag>
                ))}
              </View>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

export default function Login() {
  return (
    <View className='ll-page login'>
      <View className='login-hero'>
        <View className='login-hero__logo' aria-hidden='true'>
          连
        </View>
        <View className='login-hero__title'>留连来连 · 就选大连</View>
        <View className='login-hero__text'>大连高校毕业生就业创业服务平台</View>
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <View>
          <View className='login-dev__intro'>
            <View className='login-dev__title'>体验账号登录</View>
            <View className='login-note'>网页版用于演示和测试，请选择一个体验账号登录</View>
          </View>
          <DevLogin />
        </View>
      ) : (
        <WeChatLogin />
      )}
    </View>
  );
}
