import { useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ComplaintAction, ComplaintHandler, ComplaintStaffView, FreezeTarget } from '@contract/complaint';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import {
  assignComplaint,
  closeComplaint,
  complaintDetail,
  complaintHandlers,
  freezeTarget,
  investigateComplaint,
  rejectComplaint,
  replyComplaint,
  revealComplainantPhone,
  setComplaintDeadline,
  unfreezeTarget,
} from '@/services/api/complaint';
import { confirmAction, type ConfirmOptions } from '@/services/confirm';
import { openProtectedFile } from '@/services/files';
import { districtName, formatDate } from '@/utils/format';
import { errorMessage } from '@/utils/errors';
import ComplaintTimeline from '../../components/ComplaintTimeline';
import LiveSnapshot from '../../components/LiveSnapshot';
import { formatDateTime } from '@/utils/format';
import { partyOf, statusTone } from '../../components/format';
import { pressable } from '@/utils/a11y';
import './index.scss';

/** Freezing stops a job or a whole enterprise from recruiting while the complaint is looked into: said before it is done. */
function freezeConfirmation(c: ComplaintStaffView, target: FreezeTarget, on: boolean, reason: string): ConfirmOptions {
  const what = target === 'job' ? `岗位“${c.job?.title ?? ''}”` : `企业“${c.enterprise?.name ?? ''}”`;
  if (!on) return { content: `解除冻结后，${what}恢复招聘，学生重新可以看到并投递。原因：${reason}`, confirmText: '解冻' };
  const effect = target === 'job' ? '学生将看不到这个岗位，也不能投递' : '企业不能发布岗位，它的全部在招岗位对学生隐藏';
  return { content: `冻结后，${what}暂停招聘：${effect}，直到解除冻结。企业会看到原因：${reason}`, confirmText: '冻结', danger: true };
}

const handlerLabel = (h: ComplaintHandler) => `${h.name}（${h.role === 'bureau' ? '市人社局' : `${districtName(h.districtCode)}人社局`}）`;

function Actions({ c, onDone }: { c: ComplaintStaffView; onDone: (next: ComplaintStaffView) => void }) {
  const can = (a: ComplaintAction) => c.actions.includes(a);
  const handlers = useRequest(() => (can('assign') ? complaintHandlers() : Promise.resolve([])), `complaint-handlers-${c.status}`);
  const [handlerId, setHandlerId] = useState(c.handler?.id);
  const [dueDate, setDueDate] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (action: () => Promise<ComplaintStaffView>, confirmation?: ConfirmOptions) => {
    if (confirmation && !(await confirmAction(confirmation))) return;
    setBusy(true);
    setError('');
    try {
      onDone(await action());
      setText('');
      setDueDate('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const needText = (what: string, action: () => Promise<ComplaintStaffView>, confirmation?: () => ConfirmOptions) => () => {
    if (text.trim().length < 2) return setError(`请在上方填写${what}`);
    return void run(action, confirmation?.());
  };
  const freeze = (target: FreezeTarget, on: boolean) =>
    needText(
      on ? '冻结原因' : '解除冻结的原因',
      () => (on ? freezeTarget : unfreezeTarget)(c.id, { target, reason: text.trim() }),
      () => freezeConfirmation(c, target, on, text.trim()),
    );

  const options = (handlers.data ?? []).map(h => ({ value: h.id, label: handlerLabel(h) }));
  return (
    <View className='ll-card complaint-staff__actions'>
      <View className='complaint-staff__section'>办理</View>
      {can('assign') && (
        <View className='complaint-staff__group'>
          <FormField label={c.status === 'submitted' ? '受理并分派承办人' : '改派承办人'}>
            <SelectField id='complaint-handler' title='承办人' placeholder='请选择承办人' options={options} value={handlerId} onChange={setHandlerId} />
          </FormField>
          <FormField label='办理期限' hint={c.status === 'submitted' ? '不填则按投诉类别自动设定' : '不填则保持原期限'}>
            <Input id='complaint-due' value={dueDate} placeholder='YYYY-MM-DD' onInput={e => setDueDate(e.detail.value)} />
          </FormField>
          <Button
            id='complaint-assign'
            type='primary'
            size='mini'
            disabled={busy || !handlerId}
            onClick={() => void run(() => assignComplaint(c.id, { handlerId: handlerId as string, dueDate: dueDate.trim() || undefined }))}
          >
            {c.status === 'submitted' ? '受理' : '改派'}
          </Button>
        </View>
      )}
      <Textarea
        id='complaint-text'
        className='complaint-staff__text'
        value={text}
        maxlength={1000}
        placeholder='答复内容 / 不予支持的理由 / 期限调整或冻结的原因'
        onInput={e => setText(e.detail.value)}
      />
      {error && <View className='complaint-staff__error'>{error}</View>}
      <View className='complaint-staff__buttons'>
        {can('investigate') && (
          <Button id='complaint-investigate' size='mini' disabled={busy} onClick={() => void run(() => investigateComplaint(c.id))}>
            开始调查
          </Button>
        )}
        {can('reply') && (
          <Button id='complaint-reply' type='primary' size='mini' disabled={busy} onClick={needText('答复内容', () => replyComplaint(c.id, text.trim()))}>
            答复投诉人
          </Button>
        )}
        {can('deadline') && (
          <Button
            id='complaint-deadline'
            size='mini'
            disabled={busy}
            onClick={needText('调整原因（并在期限栏填写新日期）', () => setComplaintDeadline(c.id, { dueDate: dueDate.trim(), reason: text.trim() }))}
          >
            调整期限
          </Button>
        )}
        {can('close') && (
          <Button id='complaint-close' size='mini' disabled={busy} onClick={() =>
              void run(() => closeComplaint(c.id, text.trim() || undefined), {
                content: `办结后这件投诉不再办理，投诉人会收到办结通知${text.trim() ? `和说明“${text.trim()}”` : ''}，可以对办理结果作出评价。`,
                confirmText: '办结',
              })
            }>
            办结
          </Button>
        )}
        {can('reject') && (
          <Button id='complaint-reject' type='warn' size='mini' disabled={busy} onClick={needText('不予支持的理由', () => rejectComplaint(c.id, text.trim()), () => ({
              content: `不予支持后这件投诉即告结束，投诉人会收到通知和理由“${text.trim()}”。`,
              confirmText: '不予支持',
              danger: true,
            }))}>
            不予支持
          </Button>
        )}
        {c.job && (can('freeze') || c.jobFrozen) && (
          <Button id='complaint-freeze-job' size='mini' disabled={busy} onClick={freeze('job', !c.jobFrozen)}>
            {c.jobFrozen ? '解冻岗位' : '冻结岗位'}
          </Button>
        )}
        {c.enterprise && (can('freeze') || c.enterpriseFrozen) && (
          <Button id='complaint-freeze-enterprise' size='mini' disabled={busy} onClick={freeze('enterprise', !c.enterpriseFrozen)}>
            {c.enterpriseFrozen ? '解冻企业' : '冻结企业'}
          </Button>
        )}
      </View>
    </View>
  );
}

export default function StaffComplaintDetailPage() {
  const id = useRouter().params.id ?? '';
  const detail = useRequest(() => complaintDetail(id), `staff-complaint-${id}`);
  const [latest, setLatest] = useState<ComplaintStaffView>();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState('');

  if (detail.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (detail.status === 'error' || !detail.data) {
    return <EmptyState kind='error' title='加载失败' description={detail.error} actionText='重新加载' onAction={detail.reload} />;
  }
  const c = latest && latest.id === detail.data.id && latest.updatedAt >= detail.data.updatedAt ? latest : detail.data;

  const reveal = async () => {
    try {
      setPhone((await revealComplainantPhone(c.id)).phone);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <View className='ll-page complaint-staff'>
      <View className='complaint-staff__columns'>
        <View className='complaint-staff__main'>
          <View className='ll-card'>
            <View className='complaint-staff__head'>
              <View className='complaint-staff__title'>
                {c.categoryLabel} · {partyOf(c)}
              </View>
              <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
            </View>
            <View className='complaint-staff__grid'>
              <View className='complaint-staff__cell'>投诉人：{c.complainantName}</View>
              <View className='complaint-staff__cell'>
                联系电话：{phone || c.phone}
                {!phone && (
                  <View className='complaint-staff__link' {...pressable(() => void reveal())}>
                    查看完整号码
                  </View>
                )}
              </View>
              <View className='complaint-staff__cell'>地区：{districtName(c.district)}</View>
              <View className='complaint-staff__cell'>提交时间：{formatDateTime(c.submittedAt)}</View>
              <View className='complaint-staff__cell'>承办人：{c.handler?.name ?? '待分派'}</View>
              <View className={`complaint-staff__cell${c.overdue ? ' complaint-staff__overdue' : ''}`}>
                期限：{c.dueAt ? `${formatDate(c.dueAt)}${c.overdue ? '（已超期）' : ''}` : '-'}
              </View>
              {c.jobFrozen && <View className='complaint-staff__cell complaint-staff__overdue'>涉事岗位已冻结</View>}
              {c.enterpriseFrozen && <View className='complaint-staff__cell complaint-staff__overdue'>涉事企业已冻结</View>}
            </View>
            <View className='complaint-staff__desc'>{c.description}</View>
            {c.reply && <View className='complaint-staff__reply'>答复：{c.reply}</View>}
            {c.rejectReason && <View className='complaint-staff__reply'>不予支持：{c.rejectReason}</View>}
            {error && <View className='complaint-staff__error'>{error}</View>}
          </View>
          {c.live ? <LiveSnapshot live={c.live} /> : null}
          <View className='ll-card'>
            <View className='complaint-staff__section'>证据（{c.evidence.length}）</View>
            {c.evidence.length === 0 && <View className='complaint-staff__muted'>投诉人未上传证据</View>}
            {c.evidence.map((e, i) => (
              <View key={e.id} className='complaint-staff__file' {...pressable(() => void openProtectedFile(e.url, e.type).catch((err: unknown) => setError(errorMessage(err))))}>
                证据 {i + 1}（{e.type.toUpperCase()}，{Math.ceil(e.size / 1024)}KB）查看 ›
              </View>
            ))}
          </View>
        </View>
        <View className='complaint-staff__side'>
          {c.actions.length > 0 && <Actions key={`${c.status}-${c.updatedAt}`} c={c} onDone={setLatest} />}
          {c.category === 'publicity-objection' && (
            <View id='complaint-objection-note' className='ll-card'>
              公示异议由市人社局在“补贴审核 → 发放批次 → 公示与异议”中核实处理（异议成立或不成立），处理结果同步到本投诉并告知投诉人。
            </View>
          )}
          <View className='ll-card'>
            <View className='complaint-staff__section'>办理记录</View>
            <ComplaintTimeline entries={c.timeline} />
          </View>
        </View>
      </View>
    </View>
  );
}
