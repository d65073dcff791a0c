import { useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import { COMPLAINT_EVIDENCE_MAX_FILES } from '@contract/complaint';
import type { ObjectionView, PublicityEntry, PublicityNoticeView } from '@contract/subsidy-publicity';
import EmptyState from '@/components/EmptyState';
import EvidencePicker, { type PickedEvidence } from '@/components/EvidencePicker';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { fileObjection, myObjections, noticeEntries, subsidyNotices, uploadObjectionEvidence } from '@/services/api/subsidy';
import { ApiError } from '@/services/http';
import { errorMessage } from '@/utils/errors';
import { formatDate } from '@/utils/format';
import NoticeEntries from '../../components/NoticeEntries';
import './index.scss';

/** The objection form under one entry: reason, contact, evidence; filing twice answers with the same objection. */
function ObjectionForm({ notice, entry, onDone, onCancel }: { notice: PublicityNoticeView; entry: PublicityEntry; onDone: (o: ObjectionView) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState('');
  const [files, setFiles] = useState<PickedEvidence[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string }>();
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const submit = async () => {
    setError(undefined);
    if (reason.trim().length < 10) return setError({ field: 'reason', message: '请至少用 10 个字说明您了解的情况' });
    if (!phone.trim()) return setError({ field: 'phone', message: '请填写联系电话，便于核实' });
    setBusy(true);
    try {
      let objection = await fileObjection(notice.id, { applicationId: entry.applicationId, reason: reason.trim(), phone: phone.trim() });
      for (const file of files) objection = await uploadObjectionEvidence(objection.id, file.path, file.name);
      onDone(objection);
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id='objection-form' className='notices__form' role='region' aria-label='提出异议'>
      <View className='notices__form-title'>
        对 {entry.name}（{entry.programName}，{entry.amount} 元）提出异议
      </View>
      <FormField label='异议理由' required error={fieldError('reason')} hint='您了解的情况：如未在大连就业、材料不实等'>
        <Textarea id='objection-reason' className='notices__text' value={reason} maxlength={1000} placeholder='请如实说明，恶意异议须承担相应责任' onInput={e => setReason(e.detail.value)} />
      </FormField>
      <FormField label='联系电话' required error={fieldError('phone')} hint='仅市人社局核实时使用，加密保存'>
        <Input id='objection-phone' type='number' value={phone} maxlength={20} placeholder='手机号或带区号的固定电话' onInput={e => setPhone(e.detail.value)} />
      </FormField>
      <FormField label={`证据（${files.length}/${COMPLAINT_EVIDENCE_MAX_FILES}，可不传）`} error={fieldError('file')}>
        <EvidencePicker idPrefix='objection' files={files} setFiles={setFiles} />
      </FormField>
      {error && !['reason', 'phone', 'file'].includes(error.field ?? '') && (
        <View id='objection-error' className='notices__error' role='alert'>
          {error.message}
        </View>
      )}
      <View className='notices__row-actions'>
        <Button id='objection-submit' className='ll-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          提交异议
        </Button>
        <Button id='objection-cancel' className='ll-button ll-button--ghost' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

function EntryRow({ notice, entry, objected, active, onObject }: { notice: PublicityNoticeView; entry: PublicityEntry; objected: boolean; active: boolean; onObject: () => void }) {
  return (
    <View id={`entry-${entry.applicationId}`} className='notices__entry'>
      <View className='notices__entry-main'>
        <View className='notices__name'>
          {entry.name}
          {entry.held && <Tag tone='warning'>核实中</Tag>}
        </View>
        <View className='notices__meta'>证件号 {entry.idNumber}</View>
        <View className='notices__meta'>
          {entry.programName}
          {entry.district ? ` · ${entry.district}` : ''}
        </View>
      </View>
      <View className='notices__entry-side'>
        <View className='notices__amount'>{entry.amount} 元</View>
        {notice.open &&
          (objected ? (
            <View className='notices__done'>已提异议</View>
          ) : (
            !active && (
              <Button id={`object-${entry.applicationId}`} size='mini' onClick={onObject}>
                我要异议
              </Button>
            )
          ))}
      </View>
    </View>
  );
}

export default function SubsidyNoticesPage() {
  const notices = useRequest(subsidyNotices, 'subsidy-notices');
  const mine = useRequest(myObjections, 'subsidy-objections');
  const [shown, setShown] = useState<string>();
  const [active, setActive] = useState<string>();
  const [message, setMessage] = useState('');

  if (notices.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (notices.status === 'error') return <EmptyState kind='error' title='加载失败' description={notices.error} actionText='重新加载' onAction={notices.reload} />;
  const objected = new Set((mine.data ?? []).map(o => o.applicationId));
  const list = notices.data ?? [];
  // One list at a time (it follows the page's scroll): the newest notice's unless another was opened.
  const open = list.find(n => n.id === shown) ?? list[0];
  return (
    <View className='ll-page notices'>
      <View className='ll-card notices__intro'>
        以下为拟发放补贴的名单（姓名、证件号已隐去部分）。公示期内，任何人对名单中的申请有异议，可实名提出并附证据；市人社局核实前，该申请暂缓发放。输入全名可查找本人或他人的公示信息。
      </View>
      {message && (
        <View id='notices-message' className='notices__message' role='status'>
          {message}
        </View>
      )}
      {list.length === 0 && <EmptyState title='目前没有正在公示的名单' compact />}
      {list.map(n => (
        <View key={n.id} id={`notice-${n.id}`} className='ll-card notices__notice'>
          <View className='notices__head'>批次 {n.reference}</View>
          <View className='notices__period'>
            公示期：{formatDate(n.startsAt)} 至 {n.lastDay}（{n.workingDays} 个工作日）· 共 {n.counts.total} 人{n.counts.held > 0 ? `，核实中 ${n.counts.held} 人` : ''}
          </View>
          {n.id === open?.id ? (
            <NoticeEntries
              notice={n}
              load={noticeEntries}
              renderEntry={(e, reload) => (
                <>
                  <EntryRow notice={n} entry={e} objected={objected.has(e.applicationId)} active={active === e.applicationId} onObject={() => setActive(e.applicationId)} />
                  {active === e.applicationId && (
                    <ObjectionForm
                      notice={n}
                      entry={e}
                      onCancel={() => setActive(undefined)}
                      onDone={o => {
                        setActive(undefined);
                        setMessage(`异议已提交（${o.statusLabel}），市人社局核实后会告知处理结果`);
                        void mine.reload();
                        void notices.reload();
                        reload();
                      }}
                    />
                  )}
                </>
              )}
            />
          ) : (
            <Button id={`notice-open-${n.id}`} className='ll-button ll-button--ghost' onClick={() => setShown(n.id)}>
              查看名单
            </Button>
          )}
        </View>
      ))}
      {(mine.data ?? []).length > 0 && (
        <View id='my-objections' className='ll-card'>
          <View className='notices__head'>我提出的异议</View>
          {(mine.data ?? []).map(o => (
            <View key={o.id} id={`objection-${o.id}`} className='notices__objection'>
              <View>
                {o.entry.name} · {o.entry.programName} · {o.entry.amount} 元
              </View>
              <View className='notices__meta'>
                {formatDate(o.createdAt)} 提出 · 证据 {o.evidenceCount} 份 · {o.statusLabel}
              </View>
              {o.decisionReason && <View className='notices__meta'>处理理由：{o.decisionReason}</View>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
