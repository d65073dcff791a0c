import { useState } from 'react';
import { Button, Textarea, View } from '@tarojs/components';
import type { ObjectionDecision, ObjectionStaffView, PublicityEntry, StaffNoticeView } from '@contract/subsidy-publicity';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import PrivacyPopup from '@/components/PrivacyPopup';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { decideObjection, openProtectedFile, staffNoticeEntries, staffNotices } from '@/services/api/subsidy';
import { ApiError } from '@/services/http';
import { errorMessage } from '@/utils/errors';
import { formatDate, formatDateTime } from '@/utils/format';
import { pressable } from '@/utils/a11y';
import NoticeEntries from '../../components/NoticeEntries';
import './index.scss';

/** One objection: what the objector says and sent, and the decision (with its reason, told to both sides). */
function ObjectionCard({ objection, onDecided }: { objection: ObjectionStaffView; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string }>();
  const decide = async (decision: ObjectionDecision) => {
    setError(undefined);
    if (reason.trim().length < 2) return setError({ field: 'reason', message: '请写明核实情况和处理理由' });
    setBusy(true);
    try {
      await decideObjection(objection.id, { decision, reason: reason.trim() });
      onDecided();
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const open = objection.status === 'open';
  return (
    <View id={`objection-${objection.id}`} className='staff-notices__objection'>
      <View className='staff-notices__who'>
        {objection.applicantName}（{objection.entry.programName}，{objection.entry.amount} 元）
        <Tag tone={open ? 'warning' : objection.status === 'upheld' ? 'danger' : 'success'}>{objection.statusLabel}</Tag>
      </View>
      <View className='staff-notices__meta'>
        异议人 {objection.objectorName} · {objection.phone} · {formatDateTime(objection.createdAt)}
      </View>
      <View className='staff-notices__reason'>{objection.reason}</View>
      {objection.evidence.length > 0 && (
        <View className='staff-notices__evidence'>
          {objection.evidence.map((e, i) => (
            <View key={e.id} className='staff-notices__link' {...pressable(() => void openProtectedFile(e.url, e.type), { role: 'link' })}>
              证据{i + 1}（{e.type.toUpperCase()}）
            </View>
          ))}
        </View>
      )}
      {open ? (
        <View>
          <FormField label='核实情况和处理理由' required error={error?.field === 'reason' ? error.message : undefined} hint='告知申请人和异议人'>
            <Textarea id={`objection-${objection.id}-reason`} className='staff-notices__text' value={reason} maxlength={300} onInput={e => setReason(e.detail.value)} />
          </FormField>
          {error && error.field !== 'reason' && <View className='staff-notices__error'>{error.message}</View>}
          <View className='staff-notices__actions'>
            <Button id={`objection-${objection.id}-dismiss`} className='ll-button' type='primary' disabled={busy} onClick={() => void decide('dismiss')}>
              异议不成立，恢复发放
            </Button>
            <Button id={`objection-${objection.id}-uphold`} className='ll-button ll-button--ghost' disabled={busy} onClick={() => void decide('uphold')}>
              异议成立，不予发放
            </Button>
          </View>
        </View>
      ) : (
        <View className='staff-notices__meta'>
          {formatDateTime(objection.decidedAt)} 处理：{objection.decisionReason}
        </View>
      )}
    </View>
  );
}

/** One line of the notice as the public reads it (masked), with its hold. */
function EntryLine({ entry }: { entry: PublicityEntry }) {
  return (
    <View id={`staff-entry-${entry.applicationId}`} className='staff-notices__entry'>
      <View className='staff-notices__entry-main'>
        <View className='staff-notices__who'>
          {entry.name}
          {entry.held && <Tag tone='warning'>暂缓发放</Tag>}
        </View>
        <View className='staff-notices__meta'>
          {entry.idNumber} · {entry.programName}
          {entry.district ? ` · ${entry.district}` : ''}
        </View>
      </View>
      <View className='staff-notices__amount'>{entry.amount} 元</View>
    </View>
  );
}

function NoticeCard({ notice, listShown, onShowList, onDecided }: { notice: StaffNoticeView; listShown: boolean; onShowList: () => void; onDecided: () => void }) {
  const open = notice.objections.filter(o => o.status === 'open').length;
  return (
    <View id={`staff-notice-${notice.id}`} className='ll-card staff-notices__notice'>
      <View className='staff-notices__head'>
        批次 {notice.reference}
        <Tag tone={notice.open ? 'primary' : 'neutral'}>{notice.open ? '公示中' : '公示期满'}</Tag>
      </View>
      <View className='staff-notices__meta'>
        {formatDate(notice.startsAt)} 至 {notice.lastDay}（{notice.workingDays} 个工作日）· 名单 {notice.counts.total} 人{notice.counts.held > 0 ? `（暂缓发放 ${notice.counts.held} 人）` : ''} · 异议 {notice.objections.length} 件
        {open > 0 ? `，待处理 ${open} 件` : ''}
      </View>
      {notice.objections.length === 0 ? (
        <View className='staff-notices__meta'>{notice.open ? '暂无异议' : '公示期内无异议，可以发放'}</View>
      ) : (
        notice.objections.map(o => <ObjectionCard key={o.id} objection={o} onDecided={onDecided} />)
      )}
      {listShown ? (
        <View className='staff-notices__list'>
          <View className='staff-notices__subhead'>公示名单</View>
          <NoticeEntries notice={notice} load={staffNoticeEntries} renderEntry={e => <EntryLine entry={e} />} />
        </View>
      ) : (
        <Button id={`staff-notice-${notice.id}-list`} className='ll-button ll-button--ghost staff-notices__show' onClick={onShowList}>
          查看公示名单（{notice.counts.total} 人）
        </Button>
      )}
    </View>
  );
}

export default function StaffNoticesPage() {
  const notices = useRequest(staffNotices, 'staff-subsidy-notices');
  // One list at a time: it follows the page's scroll.
  const [listed, setListed] = useState<string>();
  if (notices.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (notices.status === 'error') return <EmptyState kind='error' title='加载失败' description={notices.error} actionText='重新加载' onAction={notices.reload} />;
  return (
    <View className='ll-page staff-notices'>
      <PrivacyPopup />
      <View className='staff-notices__intro'>在“发放批次”中发布公示；公示期满且异议处理完毕后导出银行文件。有异议的申请在处理前不进入银行文件。</View>
      {(notices.data ?? []).length === 0 && <EmptyState title='还没有公示' compact />}
      {(notices.data ?? []).map(n => (
        <NoticeCard key={n.id} notice={n} listShown={listed === n.id} onShowList={() => setListed(n.id)} onDecided={() => void notices.reload()} />
      ))}
    </View>
  );
}
