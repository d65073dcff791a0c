import { useState } from 'react';
import { Button, Image, Textarea, View } from '@tarojs/components';
import type { EnterpriseStatus, EnterpriseView } from '@contract/job';
import Chip from '@/components/Chip';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { decideEnterprise, enterprisesForReview, licencePath } from '@/services/api/job';
import { downloadProtected, previewImage } from '@/services/files';
import { navigate } from '@/services/navigation';
import { confirmAction } from '@/services/confirm';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate } from '@/utils/format';
import { pressable } from '@/utils/a11y';
import { decisionConfirmation } from './confirmation';
import '../../job-review.scss';

const TABS: Array<{ status: EnterpriseStatus; label: string }> = [
  { status: 'pending', label: '待审核' },
  { status: 'verified', label: '已通过' },
  { status: 'rejected', label: '已驳回' },
];

function Licence({ id }: { id: string }) {
  const [src, setSrc] = useState<string>();
  const [error, setError] = useState('');
  const show = () =>
    void downloadProtected(licencePath(id))
      .then(setSrc)
      .catch((err: unknown) => setError(errorMessage(err)));
  if (src) return <Image id={`licence-${id}`} className='sr-licence' src={src} mode='aspectFit' nativeProps={{ alt: '营业执照' }} {...pressable(() => void previewImage(src), { label: '查看营业执照大图' })} />;
  return (
    <View className='sr-sub sr-link' {...pressable(show)}>
      {error || '查看营业执照 ›'}
    </View>
  );
}

function EnterpriseCard({ initial }: { initial: EnterpriseView }) {
  const [ent, setEnt] = useState(initial);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const decide = async (decision: 'verify' | 'reject') => {
    if (decision === 'reject' && reason.trim().length < 2) {
      setError('驳回须写明原因，企业会看到');
      return;
    }
    if (!(await confirmAction(decisionConfirmation(ent, decision, reason.trim())))) return;
    setBusy(true);
    setError('');
    try {
      setEnt(await decideEnterprise(ent.id, { decision, reason: decision === 'reject' ? reason.trim() : undefined }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id={`enterprise-${ent.id}`} className='ll-card'>
      <View className='sr-head'>
        <View className='sr-title'>{ent.name}</View>
        <Tag tone={ent.status === 'verified' ? 'success' : ent.status === 'rejected' ? 'danger' : 'warning'}>
          {TABS.find(t => t.status === ent.status)?.label}
        </Tag>
      </View>
      <View className='sr-sub'>
        统一社会信用代码 {ent.uscc} · {districtName(ent.district)} · {ent.industry}
      </View>
      <View className='sr-sub'>
        {ent.size} · {ent.ownership}
        {ent.category ? ` · “${ent.category}”字号` : ''}
        {ent.chainTags.length ? ` · 产业链：${ent.chainTags.join('、')}` : ''}
      </View>
      <View className='sr-sub'>
        登记于 {formatDate(ent.createdAt)} · 招聘者 {ent.recruiterCount} 人
      </View>
      {ent.rejectReason && <View className='sr-error'>驳回原因：{ent.rejectReason}</View>}
      {ent.hasLicence ? (
        <Licence id={ent.id} />
      ) : (
        <View id={`enterprise-no-licence-${ent.id}`} className='sr-error'>
          未上传营业执照，不能通过审核{ent.status === 'pending' ? '；可驳回并请企业补传' : ''}
        </View>
      )}
      {ent.status === 'pending' && (
        <View>
          <Textarea className='ll-textarea sr-input' placeholder='驳回原因（驳回时必填）' maxlength={200} value={reason} onInput={e => setReason(e.detail.value)} />
          <View className='sr-actions'>
            <Button id={`enterprise-verify-${ent.id}`} type='primary' size='mini' disabled={busy || !ent.hasLicence} onClick={() => void decide('verify')}>
              通过
            </Button>
            <Button id={`enterprise-reject-${ent.id}`} type='warn' size='mini' disabled={busy} onClick={() => void decide('reject')}>
              驳回
            </Button>
          </View>
        </View>
      )}
      {error && <View className='sr-error'>{error}</View>}
    </View>
  );
}

export default function EnterpriseQueuePage() {
  const [status, setStatus] = useState<EnterpriseStatus>('pending');
  const list = usePagedList(cursor => enterprisesForReview({ status, cursor }), { status });

  return (
    <View className='ll-page'>
      <View className='sr-tabs ll-tabs'>
        <View id='staff-reported-jobs' className='sr-link' {...pressable(() => void navigate('staffReportedJobs'), { role: 'link' })}>
          岗位举报 ›
        </View>
        <View id='staff-slow-enterprises' className='sr-link' {...pressable(() => void navigate('staffSlowEnterprises'), { role: 'link' })}>
          企业反馈时效 ›
        </View>
        <View id='staff-reference' className='sr-link' {...pressable(() => void navigate('staffReference'), { role: 'link' })}>
          基础数据维护 ›
        </View>
      </View>
      <View className='sr-tabs ll-tabs'>
        {TABS.map(tab => (
          <Chip key={tab.status} id={`enterprise-tab-${tab.status}`} active={status === tab.status} onClick={() => setStatus(tab.status)}>
            {tab.label}
          </Chip>
        ))}
      </View>
      {list.items.map(ent => (
        <EnterpriseCard key={`${ent.id}-${ent.status}`} initial={ent} />
      ))}
      <ListFooter list={list} empty={{ title: '没有企业', compact: true }} />
    </View>
  );
}
