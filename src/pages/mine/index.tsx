import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { ButtonProps, BaseEventOrig } from '@tarojs/components';
import { ROLE_LABELS } from '@contract/roles';
import type { Me } from '@contract/user';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { navigate } from '@/services/navigation';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { bindPhone, getMe } from '@/services/api/user';
import { badgeText, hasInbox, refreshUnreadBadge } from '@/services/badge';
import * as session from '@/services/session';
import { errorMessage } from '@/utils/errors';
import './index.scss';

function LoggedOut() {
  const [busy, setBusy] = useState(false);
  const login = async () => {
    setBusy(true);
    try {
      if (await session.login()) Taro.showToast({ title: '登录成功', icon: 'success' });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='ll-card mine-guest'>
      <View className='mine-avatar mine-avatar--guest'>连</View>
      <View className='mine-guest__title'>欢迎来到留连来连</View>
      <View className='mine-guest__text'>登录后可完善个人资料，获取政策推送和岗位推荐</View>
      <Button id='mine-login' className='ll-button mine-guest__button' loading={busy} disabled={busy} onClick={login}>
        登录
      </Button>
    </View>
  );
}

function Profile({ me, unread, onChanged }: { me: Me; unread: number; onChanged: () => void }) {
  const displayName = me.profile.name || me.nickname;

  const onPhone = async (event: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => {
    const code = event.detail.code;
    // No code: the user declined, or the account may not use the phone-number capability.
    if (!code) return;
    try {
      await bindPhone(code);
      Taro.showToast({ title: '手机号已绑定', icon: 'success' });
      onChanged();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定要退出当前账号吗？' });
    if (!confirm) return;
    await session.logout();
    Taro.showToast({ title: '已退出登录', icon: 'none' });
  };

  return (
    <View>
      <View className='ll-card mine-header'>
        <View className='mine-avatar'>{displayName.slice(0, 1)}</View>
        <View className='mine-header__main'>
          <View id='mine-name' className='mine-header__name'>
            {displayName}
          </View>
          <View className='mine-header__roles'>
            {me.roles.map(role => (
              <Tag key={role} tone='primary'>
                {ROLE_LABELS[role]}
              </Tag>
            ))}
          </View>
        </View>
      </View>

      <View className='ll-card mine-info'>
        <View className='mine-info__row'>
          <View className='mine-info__label'>手机号</View>
          <View className='mine-info__value'>{me.phone ?? '未绑定'}</View>
        </View>
        <View className='mine-info__row'>
          <View className='mine-info__label'>身份证号</View>
          <View className='mine-info__value'>{me.idNumber ?? '未填写'}</View>
        </View>
        <View className='mine-info__row'>
          <View className='mine-info__label'>个人资料</View>
          <View id='mine-profile-status' className='mine-info__value'>
            {me.profileComplete ? <Tag tone='success'>已完善</Tag> : <Tag tone='warning'>待完善</Tag>}
          </View>
        </View>
      </View>

      <View className='ll-card mine-menu'>
        <View id='mine-edit-profile' className='mine-menu__item' onClick={() => navigate('profile')}>
          <View>完善个人资料</View>
          <View className='mine-menu__arrow'>›</View>
        </View>
        {hasInbox(me.roles) && (
          <View id='mine-inbox' className='mine-menu__item' onClick={() => navigate('inbox')}>
            <View>消息</View>
            <View className='mine-menu__extra'>
              {unread > 0 && <View className='mine-menu__badge'>{badgeText(unread)}</View>}
              <View className='mine-menu__arrow'>›</View>
            </View>
          </View>
        )}
        {me.roles.includes('student') && (
          <View id='mine-favourites' className='mine-menu__item' onClick={() => navigate('favourites')}>
            <View>我的收藏</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.includes('student') && (
          <View id='mine-notice-settings' className='mine-menu__item' onClick={() => navigate('noticeSettings')}>
            <View>消息设置</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <View id='mine-contents' className='mine-menu__item' onClick={() => navigate('staffContents')}>
            <View>政策与服务管理</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.includes('student') && (
          <View id='mine-subsidy' className='mine-menu__item' onClick={() => navigate('subsidyPrograms')}>
            <View>补贴申请</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.includes('student') && (
          <View id='mine-complaints' className='mine-menu__item' onClick={() => navigate('myComplaints')}>
            <View>投诉举报</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'district' || role === 'bureau') && (
          <View id='mine-complaint-queue' className='mine-menu__item' onClick={() => navigate('staffComplaints')}>
            <View>投诉办理</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau') && (
          <View id='mine-subsidy-review' className='mine-menu__item' onClick={() => navigate('staffSubsidyQueue')}>
            <View>补贴审核</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <View id='mine-dashboard' className='mine-menu__item' onClick={() => navigate('staffDashboard')}>
            <View>工作目标看板</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'college' || role === 'bureau' || role === 'admin') && (
          <View id='mine-registry' className='mine-menu__item' onClick={() => navigate('registryGraduates')}>
            <View>毕业生实名库</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'district' || role === 'bureau' || role === 'admin') && (
          <View id='mine-support-cases' className='mine-menu__item' onClick={() => navigate('supportCases')}>
            <View>离校未就业帮扶</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.includes('student') && (
          <View id='mine-support' className='mine-menu__item' onClick={() => navigate('supportMine')}>
            <View>就业帮扶（离校未就业登记）</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.includes('student') && (
          <View id='mine-fairs' className='mine-menu__item' onClick={() => navigate('fairs')}>
            <View>招聘会</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.includes('recruiter') && (
          <View id='mine-recruiter' className='mine-menu__item' onClick={() => navigate('recruiterJobs')}>
            <View>企业招聘</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'bureau' || role === 'admin') && (
          <View id='mine-enterprise-review' className='mine-menu__item' onClick={() => navigate('staffEnterprises')}>
            <View>企业审核与岗位举报</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <View id='mine-staff-fairs' className='mine-menu__item' onClick={() => navigate('staffFairs')}>
            <View>招聘会管理</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.includes('student') && (
          <View id='mine-growth' className='mine-menu__item' onClick={() => navigate('growthMine')}>
            <View>我的成长记录（课程、预约、大赛、故事）</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <View id='mine-growth-staff' className='mine-menu__item' onClick={() => navigate('growthStaff')}>
            <View>成长服务管理</View>
            <View className='mine-menu__arrow'>›</View>
          </View>
        )}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='mine-menu__item mine-menu__button' openType='getPhoneNumber' onGetPhoneNumber={onPhone}>
            <View>{me.phone ? '更换绑定手机号' : '绑定手机号'}</View>
            <View className='mine-menu__arrow'>›</View>
          </Button>
        ) : (
          <View className='mine-menu__item mine-menu__item--disabled'>
            <View>绑定手机号</View>
            <View className='mine-menu__note'>请在微信小程序中绑定</View>
          </View>
        )}
      </View>

      <Button id='mine-logout' className='ll-button ll-button--danger mine-logout' onClick={logout}>
        退出登录
      </Button>
    </View>
  );
}

export default function Mine() {
  const user = useSession();
  const me = useRequest(() => (user ? getMe() : Promise.resolve(undefined)), user?.userId ?? '', { refreshOnShow: true });
  const [unread, setUnread] = useState(0);
  const userId = user?.userId;
  useEffect(() => {
    void refreshUnreadBadge().then(setUnread);
  }, [userId]);
  // Back from the inbox: notices may have been read.
  useDidShow(() => {
    void refreshUnreadBadge().then(setUnread);
  });

  return (
    <View className='ll-page mine'>
      {!user && <LoggedOut />}
      {user && me.status === 'loading' && <EmptyState kind='loading' title='正在加载个人信息…' />}
      {user && me.status === 'error' && (
        <EmptyState kind='error' title='个人信息加载失败' description={me.error} actionText='重试' onAction={me.reload} />
      )}
      {user && me.status === 'ready' && me.data && <Profile me={me.data} unread={unread} onChanged={me.reload} />}
    </View>
  );
}
