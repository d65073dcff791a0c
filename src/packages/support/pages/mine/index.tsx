import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DISTRICTS, type DistrictCode } from '@contract/reference';
import { SUPPORT_SERVICE_LABELS, type SupportCaseView } from '@contract/support';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import { useRequest } from '@/hooks/useRequest';
import { applyJob } from '@/services/api/job';
import { recordSubscribeResults, requestSubscribe } from '@/services/api/subscription';
import { mySupportCase, registerUnemployed, supportNoticeConfig } from '@/services/api/support';
import { navigate } from '@/services/navigation';
import { withSubscribe } from '@/services/subscribe-tap';
import { subscribeFailMessage, subscribeResults } from '@/services/subscribe';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate } from '@/utils/format';
import { progressText } from '../../progress';
import { pressable } from '@/utils/a11y';
import './index.scss';

const DISTRICT_OPTIONS = DISTRICTS.map(d => ({ value: d.code as DistrictCode, label: d.name }));

/**
 * Asks WeChat for one 1311 notice (a round, an offer, a guidance session) straight from the tap:
 * the popup shows only when requestSubscribeMessage runs inside it, before any await.
 */
function SubscribeNotice({ templateId }: { templateId?: string }) {
  const [busy, setBusy] = useState(false);
  if (process.env.TARO_ENV !== 'weapp' || !templateId) return null;
  const subscribe = () => {
    setBusy(true);
    requestSubscribe([templateId])
      .then(async answer => {
        const results = subscribeResults(answer, [templateId]);
        if (Object.keys(results).length > 0) await recordSubscribeResults(results);
        Taro.showToast({ title: results[templateId] === 'accept' ? '已开启帮扶消息提醒' : '未开启提醒', icon: 'none' });
      })
      .catch((err: unknown) => {
        const errCode = typeof err === 'object' && err !== null ? (err as { errCode?: number }).errCode : undefined;
        Taro.showToast({ title: errCode === undefined ? errorMessage(err) : subscribeFailMessage(errCode), icon: 'none' });
      })
      .finally(() => setBusy(false));
  };
  return (
    <View className='ll-card support-mine'>
      <View className='support-mine__text'>推荐岗位、培训、见习和职业指导安排会出现在消息中心；开启后还会在微信里提醒你（每次“允许”可提醒一次）。</View>
      <Button id='support-subscribe' size='mini' disabled={busy} onClick={subscribe}>
        开启微信提醒
      </Button>
    </View>
  );
}

function Register({ onDone, templateId }: { onDone: () => void; templateId?: string }) {
  const [districtCode, setDistrictCode] = useState<DistrictCode>();
  const [intention, setIntention] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!districtCode) {
      Taro.showToast({ title: '请选择希望接受帮扶的区市县', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      // The notice popup goes with the registration tap: the rounds that follow are what it announces.
      await withSubscribe(templateId, () => registerUnemployed({ districtCode, intention: intention.trim() }));
      Taro.showToast({ title: '登记成功', icon: 'success' });
      onDone();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='ll-card support-mine'>
      <View className='support-mine__title'>离校未就业登记</View>
      <View className='support-mine__text'>
        登记后，所在区市县将安排专人为您建立帮扶档案，提供“1311”服务：1次职业培训、3轮不少于10个岗位推荐、1次就业见习、1次职业指导。推荐的岗位会出现在本页，可直接投递。
      </View>
      <FormField label='希望接受帮扶的区市县' required>
        <SelectField id='support-district' title='区市县' placeholder='请选择' options={DISTRICT_OPTIONS} value={districtCode} onChange={setDistrictCode} />
      </FormField>
      <FormField label='就业意向' hint='如：软件测试、行政文员'>
        <View id='support-intention'>
          <Input value={intention} maxlength={200} placeholder='选填' onInput={e => setIntention(e.detail.value)} />
        </View>
      </FormField>
      <Button id='support-register' className='ll-button' loading={busy} disabled={busy} onClick={() => void submit()}>
        登记
      </Button>
    </View>
  );
}

function MyCase({ c, templateId }: { c: SupportCaseView; templateId?: string }) {
  const [applied, setApplied] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState('');
  const apply = async (jobId: string) => {
    setBusy(jobId);
    try {
      await applyJob(jobId);
      setApplied(prev => new Set(prev).add(jobId));
      Taro.showToast({ title: '已投递', icon: 'success' });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy('');
    }
  };
  return (
    <View>
      <View className='ll-card support-mine'>
        <View className='support-mine__title'>我的帮扶档案</View>
        <View className='support-mine__text'>
          {districtName(c.districtCode)} · 登记于 {formatDate(c.createdAt)} · {c.caseworkerId ? '已安排专人负责' : '正在安排专人负责'}
        </View>
        <View id='support-progress' className='support-mine__progress'>
          {progressText(c.progress)}
        </View>
        {c.plan && <View className='support-mine__text'>帮扶计划：{c.plan}</View>}
        {c.services.map((s, i) => (
          <View key={`${s.at}-${i}`} className='support-mine__log'>
            {formatDate(s.at)} {SUPPORT_SERVICE_LABELS[s.kind]}
            {s.note ? `：${s.note}` : ''}
          </View>
        ))}
      </View>
      <SubscribeNotice templateId={templateId} />
      <View className='support-mine__section'>为您推荐的岗位</View>
      {c.rounds.length === 0 && <EmptyState title='暂未推荐岗位' description='工作人员推荐后会显示在这里' compact />}
      {[...c.rounds].reverse().map((round, i) => (
        <View key={round.at} className='ll-card support-round'>
          <View className='support-round__head'>
            第 {c.rounds.length - i} 轮 · {formatDate(round.at)}
          </View>
          {round.jobs.map(job => (
            <View key={job.id} id={`support-job-${job.id}`} className='support-round__job'>
              <View className='support-round__info' {...pressable(() => void navigate('jobDetail', { id: job.id }), { role: 'link' })}>
                <View className='support-round__title'>{job.title}</View>
                <View className='support-round__enterprise'>{job.enterpriseName}</View>
              </View>
              <Button size='mini' className='support-round__apply' disabled={busy === job.id || applied.has(job.id)} onClick={() => void apply(job.id)}>
                {applied.has(job.id) ? '已投递' : '投递'}
              </Button>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

export default function SupportMinePage() {
  const mine = useRequest(mySupportCase, 'support-mine', { refreshOnShow: true });
  const notice = useRequest(supportNoticeConfig, 'support-notice');
  const templateId = notice.data?.templateId;
  if (mine.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (mine.status === 'error') return <EmptyState kind='error' title='加载失败' description={mine.error} actionText='重新加载' onAction={mine.reload} />;
  return <View className='ll-page'>{mine.data?.case ? <MyCase c={mine.data.case} templateId={templateId} /> : <Register templateId={templateId} onDone={() => void mine.reload()} />}</View>;
}
