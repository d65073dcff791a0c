import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { FAIR_KIND_LABELS, JOB_KIND_LABELS } from '@contract/job';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { fairBooths, getFair, registerFair } from '@/services/api/fair';
import { ApiError } from '@/services/http';
import { navigate } from '@/services/navigation';
import { requireLogin } from '@/services/login-gate';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { formatDateTime, formatSalary } from '@/utils/format';
import '../../fairs.scss';

export default function FairDetailPage() {
  const id = useRouter().params.id ?? '';
  const user = useSession();
  // Keyed by the user too: logging in (or out) reloads the fair with this person's own registration.
  const data = useRequest(
    async () => {
      const [fair, booths] = await Promise.all([getFair(id), fairBooths(id)]);
      return { fair, booths };
    },
    `${id}:${user?.userId ?? ''}`,
    { refreshOnShow: true },
  );
  const [justRegistered, setRegistered] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // Back from the login page that 报名参加 opened: the button waits for a confirming tap.
  const resumed = useResumedAction('register', id);

  if (data.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (data.status === 'error' || !data.data) return <EmptyState kind='error' title='加载失败' description={data.error} actionText='重试' onAction={data.reload} />;
  const { fair, booths } = data.data;
  const registered = justRegistered || Boolean(fair.myRegistration);
  const checkedIn = Boolean(fair.myRegistration?.checkedInAt);

  const register = async () => {
    if (!(await requireLogin('register', fair.id))) return;
    setBusy(true);
    setError('');
    try {
      await registerFair(fair.id);
      setRegistered(true);
      void Taro.showToast({ title: '报名成功', icon: 'success' });
    } catch (err) {
      // Already registered (another device, an older page): say so and show the ticket button.
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        setRegistered(true);
        void Taro.showToast({ title: '你已报名这场招聘会', icon: 'none' });
      } else {
        setError(errorMessage(err));
        void Taro.showToast({ title: errorMessage(err), icon: 'none' });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page'>
      <View className='ll-card'>
        <View className='fair__head'>
          <View id='fair-title' className='fair__title'>
            {fair.title}
          </View>
          <Tag tone='primary'>{FAIR_KIND_LABELS[fair.kind]}</Tag>
        </View>
        <View className='fair__sub'>
          {formatDateTime(fair.startAt)} 至 {formatDateTime(fair.endAt)}
        </View>
        <View className='fair__sub'>地点：{fair.venue}</View>
        <View className='fair__sub'>
          展位 {fair.boothCount}/{fair.boothCapacity} · 已报名 {fair.registrationCount} 人
        </View>
        {fair.description && <View className='fair__text'>{fair.description}</View>}
        {registered && (
          <View id='fair-registered' className='fair__registered'>
            <Tag tone='success'>{checkedIn ? '已签到' : '已报名'}</Tag>
            {fair.myRegistration && <View className='fair__sub'>报名时间：{formatDateTime(fair.myRegistration.registeredAt)}</View>}
          </View>
        )}
        {error && (
          <View id='fair-error' className='fair__error' role='alert'>
            {error}
          </View>
        )}
        {registered ? (
          <Button id='fair-my-ticket' className='ll-button fair__button' onClick={() => void navigate('myFairs')}>
            {checkedIn ? '查看我的招聘会' : '已报名，查看签到码'}
          </Button>
        ) : user && !user.roles.includes('student') ? (
          <View className='fair__sub'>学生/毕业生登录后可报名参加</View>
        ) : (
          <View>
            {resumed && (
              <View id='fair-register-step' className='fair__sub' role='status'>
                已登录，确认后即可报名
              </View>
            )}
            <Button id='fair-register' className='ll-button fair__button' loading={busy} disabled={busy} onClick={() => void register()}>
              报名参加
            </Button>
          </View>
        )}
      </View>
      <View className='ll-card'>
        <View className='fair__title'>参会企业与岗位</View>
        {booths.length === 0 && <View className='fair__sub'>参会企业陆续确认中</View>}
        {booths.map(booth => (
          <View key={booth.id} className='fair__booth'>
            <View className='fair__booth-name'>{booth.enterpriseName}</View>
            {booth.jobs.map(job => (
              <View key={job.id} className='fair__job' {...pressable(() => void navigate('jobDetail', { id: job.id }), { role: 'link' })}>
                {job.title} · {JOB_KIND_LABELS[job.kind]} · {formatSalary(job.salaryMin, job.salaryMax)} ›
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
