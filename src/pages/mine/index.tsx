import { useEffect, useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { ButtonProps, BaseEventOrig } from '@tarojs/components';
import { ROLE_LABELS } from '@contract/roles';
import type { Me } from '@contract/user';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import MenuItem from '@/components/MenuItem';
import Tag from '@/components/Tag';
import TextSizeSwitch from '@/components/TextSizeSwitch';
import PrivacyPopup from '@/components/PrivacyPopup';
import { navigate } from '@/services/navigation';
import { phoneCode } from '@/services/privacy';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { bindPhone, getMe, typePhone } from '@/services/api/user';
import { phoneFallback, typedPhoneProblem } from '@/services/phone';
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

/** Typing the number when WeChat's verification is used up or declined; the server keeps it unverified. */
function TypedPhone({ onDone }: { onDone: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const problem = typedPhoneProblem(value);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await typePhone(value.trim());
      Taro.showToast({ title: '手机号已保存（未验证）', icon: 'none' });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id='mine-phone-typing' className='mine-phone'>
      <FormField label='手机号' hint='微信手机号验证暂不可用，可手动填写；手动填写的号码标记为未验证' error={error}>
        <Input id='mine-phone-input' type='number' maxlength={11} value={value} placeholder='11 位手机号' onInput={e => setValue(e.detail.value)} />
      </FormField>
      <Button id='mine-phone-save' className='ll-button' loading={busy} disabled={busy} onClick={() => void save()}>
        保存手机号
      </Button>
    </View>
  );
}

function Profile({ me, unread, onChanged }: { me: Me; unread: number; onChanged: () => void }) {
  const displayName = me.profile.name || me.nickname;

  const [typing, setTyping] = useState(false);

  const onPhone = async (event: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => {
    // Quota used up (1400001) or declined: offer typing the number instead of a dead end.
    if (phoneFallback(event.detail) === 'type') {
      setTyping(true);
      return;
    }
    // No code: a privacy refusal is explained, or the account may not use the capability.
    const code = await phoneCode(event.detail);
    if (!code) return;
    try {
      await bindPhone(code);
      Taro.showToast({ title: '手机号已绑定', icon: 'success' });
      onChanged();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
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

      {me.roles.includes('student') && (
        <View className='ll-card mine-menu' role='group' aria-label='我的办事'>
          <View className='mine-menu__heading'>我的办事</View>
          <MenuItem id='mine-applications' title='我的投递' onPress={() => void navigate('myApplications')} />
          <MenuItem id='mine-bookings' title='我的预约' onPress={() => void navigate('growthMine')} />
          <MenuItem id='mine-registrations' title='我的报名' onPress={() => void navigate('myFairs')} />
          <MenuItem id='mine-subsidies' title='我的补贴' onPress={() => void navigate('subsidyApplications')} />
        </View>
      )}

      <View className='ll-card mine-menu'>
        <MenuItem id='mine-edit-profile' title='完善个人资料' onPress={() => void navigate('profile')} />
        <MenuItem id='mine-privacy' title='隐私与授权' onPress={() => void navigate('privacy')} />
        <MenuItem id='mine-data-views' title='个人信息查看记录' onPress={() => void navigate('dataViews')} />
        {hasInbox(me.roles) && (
          <MenuItem
            id='mine-inbox'
            title='消息'
            extra={
              unread > 0 ? (
                <View className='mine-menu__badge' aria-hidden='true'>
                  {badgeText(unread)}
                </View>
              ) : undefined
            }
            extraLabel={unread > 0 ? `${unread}条未读` : undefined}
            onPress={() => void navigate('inbox')}
          />
        )}
        {me.roles.includes('student') && (
          <MenuItem id='mine-favourites' title='我的收藏' onPress={() => void navigate('favourites')} />
        )}
        {me.roles.includes('student') && (
          <MenuItem id='mine-notice-settings' title='消息设置' onPress={() => void navigate('noticeSettings')} />
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-contents' title='政策与服务管理' onPress={() => void navigate('staffContents')} />
        )}
        {me.roles.includes('student') && (
          <MenuItem id='mine-subsidy' title='补贴申请' onPress={() => void navigate('subsidyPrograms')} />
        )}
        <MenuItem id='mine-subsidy-notices' title='补贴发放公示' onPress={() => void navigate('subsidyNotices')} />
        {me.roles.includes('student') && (
          <MenuItem id='mine-complaints' title='投诉举报' onPress={() => void navigate('myComplaints')} />
        )}
        {me.roles.some(role => role === 'district' || role === 'bureau') && (
          <MenuItem id='mine-complaint-queue' title='投诉办理' onPress={() => void navigate('staffComplaints')} />
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau') && (
          <MenuItem id='mine-subsidy-review' title='补贴审核' onPress={() => void navigate('staffSubsidyQueue')} />
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-dashboard' title='工作目标看板' onPress={() => void navigate('staffDashboard')} />
        )}
        {me.roles.some(role => role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-targets' title='年度工作目标' onPress={() => void navigate('staffTargets', {})} />
        )}
        {me.roles.includes('admin') && (
          <MenuItem id='mine-users' title='用户与角色管理' onPress={() => void navigate('staffUsers')} />
        )}
        {me.roles.some(role => role === 'college' || role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-registry' title='毕业生实名库' onPress={() => void navigate('registryGraduates')} />
        )}
        {me.roles.some(role => role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-insurance' title='社保参保记录导入' onPress={() => void navigate('registryInsurance')} />
        )}
        {me.roles.some(role => role === 'district' || role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-support-cases' title='离校未就业帮扶' onPress={() => void navigate('supportCases')} />
        )}
        {me.roles.includes('student') && (
          <MenuItem id='mine-support' title='就业帮扶（离校未就业登记）' onPress={() => void navigate('supportMine')} />
        )}
        {me.roles.includes('student') && (
          <MenuItem id='mine-fairs' title='招聘会' onPress={() => void navigate('fairs')} />
        )}
        {me.roles.includes('recruiter') && (
          <MenuItem id='mine-recruiter' title='企业招聘' onPress={() => void navigate('recruiterJobs')} />
        )}
        {me.roles.includes('recruiter') && (
          <MenuItem id='mine-real-name' title='招聘者实名认证（每六个月重新认证）' onPress={() => void navigate('recruiterRealName')} />
        )}
        {me.roles.some(role => role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-enterprise-review' title='企业审核与岗位举报' onPress={() => void navigate('staffEnterprises')} />
        )}
        {me.roles.some(role => role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-abnormal-list' title='异常名录' onPress={() => void navigate('staffAbnormalList')} />
        )}
        {me.roles.some(role => role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-minimum-wages' title='最低工资标准' onPress={() => void navigate('staffMinimumWages')} />
        )}
        {me.roles.some(role => role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-media-review' title='图片与文件审核' onPress={() => void navigate('staffMedia')} />
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-staff-fairs' title='招聘会管理' onPress={() => void navigate('staffFairs')} />
        )}
        {me.roles.includes('student') && (
          <MenuItem id='mine-growth' title='我的成长记录（课程、预约、大赛、故事）' onPress={() => void navigate('growthMine')} />
        )}
        {me.roles.some(role => role === 'college' || role === 'district' || role === 'bureau' || role === 'admin') && (
          <MenuItem id='mine-growth-staff' title='成长服务管理' onPress={() => void navigate('growthStaff')} />
        )}
        {process.env.TARO_ENV === 'weapp' && !typing ? (
          <Button className='mine-menu__item mine-menu__button' openType='getPhoneNumber' onGetPhoneNumber={onPhone}>
            <View>{me.phone ? '更换绑定手机号' : '绑定手机号'}</View>
            <View className='mine-menu__arrow'>›</View>
          </Button>
        ) : typing ? (
          <TypedPhone
            onDone={() => {
              setTyping(false);
              onChanged();
            }}
          />
        ) : (
          // h5 has no WeChat verification: the number can only be typed, and stays unverified.
          <MenuItem id='mine-phone-type' title={me.phone ? '更换手机号（手动填写，未验证）' : '填写手机号（手动填写，未验证）'} onPress={() => setTyping(true)} />
        )}
        {me.phone && me.phoneVerified === false && (
          <View id='mine-phone-unverified' className='mine-menu__note mine-phone__note'>
            当前手机号 {me.phone} 为手动填写，未经微信验证
          </View>
        )}
      </View>
    </View>
  );
}

async function logout() {
  const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定要退出当前账号吗？' });
  if (!confirm) return;
  await session.logout();
  Taro.showToast({ title: '已退出登录', icon: 'none' });
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
      <PrivacyPopup />
      {!user && <LoggedOut />}
      {user && me.status === 'loading' && <EmptyState kind='loading' title='正在加载个人信息…' />}
      {user && me.status === 'error' && (
        <EmptyState kind='error' title='个人信息加载失败' description={me.error} actionText='重试' onAction={me.reload} />
      )}
      {user && me.status === 'ready' && me.data && <Profile me={me.data} unread={unread} onChanged={me.reload} />}
      <TextSizeSwitch />
      {user && (
        <Button id='mine-logout' className='ll-button ll-button--danger mine-logout' onClick={() => void logout()}>
          退出登录
        </Button>
      )}
    </View>
  );
}
