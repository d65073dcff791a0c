import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { RECORD_FLAG_KINDS, SUBSIDY_DOCUMENT_LABELS, REVIEW_STAGE_LABELS, type ReviewDecision, type SubsidyDocumentKind } from '@contract/subsidy';
import { LIMITED_STAGE_LABELS } from '@contract/subsidy-stages';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { decideApplication, openProtectedFile, reviewDetail } from '@/services/api/subsidy';
import { confirmAction } from '@/services/confirm';
import { back } from '@/services/navigation';
import { pressable } from '@/utils/a11y';
import { districtName, formatDate, formatDateTime } from '@/utils/format';
import { errorMessage } from '@/utils/errors';
import { actorText, stepText } from '../../timeline';
import './index.scss';

export default function SubsidyReviewPage() {
  const id = useRouter().params.id ?? '';
  const detail = useRequest(() => reviewDetail(id), `subsidy-review-${id}`);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<SubsidyDocumentKind[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  if (detail.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (detail.status === 'error' || !detail.data) {
    return <EmptyState kind='error' title='加载失败' description={detail.error} actionText='重新加载' onAction={detail.reload} />;
  }
  const app = detail.data;
  // Approving at the bureau what the records contradict needs a written reason (the server refuses it without).
  const needsReason = app.stage === 'bureau' && app.flags.some(f => RECORD_FLAG_KINDS.includes(f.kind));

  const decide = async (decision: ReviewDecision) => {
    // A refusal ends or sends back someone's application: said in full, then confirmed.
    if (decision !== 'approve') {
      const why = reason.trim();
      if (!why) {
        setError(decision === 'return' ? '退回须写明需要补正的内容，申请人会看到' : '不予通过须写明理由，申请人会看到');
        return;
      }
      const content =
        decision === 'return'
          ? `退回后，${app.applicantName}的“${app.programName}”申请回到申请人手中补正${missing.length ? `，须补交：${missing.map(k => SUBSIDY_DOCUMENT_LABELS[k]).join('、')}` : ''}；申请人会收到通知和意见“${why}”。`
          : `不予通过后，${app.applicantName}的“${app.programName}”申请即告结束，不再发放；申请人会收到通知和理由“${why}”。`;
      if (!(await confirmAction({ content, confirmText: decision === 'return' ? '退回' : '不予通过', danger: decision === 'reject' }))) return;
    }
    setBusy(true);
    setError('');
    try {
      await decideApplication(id, { decision, reason: reason.trim() || undefined, ...(decision === 'return' && missing.length ? { missingDocuments: missing } : {}) });
      await Taro.showToast({ title: '已处理', icon: 'success' });
      await back('mine');
    } catch (err) {
      setError(errorMessage(err));
      await detail.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page staff-review'>
      <View className='ll-card'>
        <View className='staff-review__head'>
          <View className='staff-review__name'>
            {app.applicantName}
            {app.applicantKind === 'enterprise' ? '（企业申请）' : ''} · {app.programName}
          </View>
          <Tag tone='primary'>{app.stage && app.status === 'reviewing' ? REVIEW_STAGE_LABELS[app.stage] : app.statusLabel}</Tag>
        </View>
        <View className='staff-review__why'>规则判断：{app.eligibility.explanation}</View>
        {app.progress && (
          <View id='review-progress' className={`staff-review__progress${app.progress.overdue ? ' staff-review__progress--overdue' : ''}`}>
            {LIMITED_STAGE_LABELS[app.progress.stage]}：自 {formatDate(app.progress.since)} 起已用 {app.progress.workingDaysSpent} 个工作日，时限 {app.progress.limit} 个工作日，期限 {app.progress.deadline}
            {app.progress.overdue ? '（已超时）' : ''}
          </View>
        )}
        {app.flags.map((flag, i) => (
          <View key={`${flag.kind}-${i}`} id={`review-flag-${flag.kind}`} className='staff-review__flag'>
            <View>
              <Text aria-hidden>⚠ </Text>
              {flag.message}
            </View>
            {(flag.declared || flag.recorded) && (
              <View className='staff-review__flag-values'>
                {flag.declared && <View>申请所填：{flag.declared}</View>}
                {flag.recorded && <View>平台记录：{flag.recorded}</View>}
              </View>
            )}
          </View>
        ))}
      </View>
      {app.enterprise && (
        <View className='ll-card staff-review__grid'>
          <View>申请单位：{app.enterprise.name}</View>
          <View>统一社会信用代码：{app.enterprise.uscc}</View>
          <View>所在地区：{districtName(app.enterprise.district)}</View>
          <View>所属行业：{app.enterprise.industry || '-'}</View>
          <View>企业规模：{app.enterprise.size || '-'}</View>
          <View>社保月数：{app.form.socialInsuranceMonths ?? '-'}</View>
          <View>开户银行：{app.form.bankName}</View>
          <View>对公账户：{app.form.bankAccount}</View>
          <View>补贴金额：{app.amount ?? '-'} 元</View>
          <View>授权同意：{formatDate(app.consentAt)}</View>
        </View>
      )}
      {app.form.graduates && (
        <View className='ll-card'>
          <View className='staff-review__section'>吸纳的高校毕业生（{app.form.graduates.length}名）</View>
          {app.form.graduates.map(g => (
            <View key={g.key} className='staff-review__log'>
              {g.name}　{g.idNumber}
            </View>
          ))}
        </View>
      )}
      {!app.enterprise && (
        <View className='ll-card staff-review__grid'>
          <View>身份证号：{app.form.idNumber}</View>
          <View>毕业时间：{app.form.graduationDate}</View>
          <View>就业地区：{districtName(app.form.employmentDistrict)}</View>
          <View>就业单位：{app.form.employerName ?? '-'}</View>
          <View>社保月数：{app.form.socialInsuranceMonths ?? '-'}</View>
          <View>开户银行：{app.form.bankName}</View>
          <View>银行卡号：{app.form.bankAccount}</View>
          <View>补贴金额：{app.amount ?? '-'} 元</View>
          <View>授权同意：{formatDate(app.consentAt)}</View>
        </View>
      )}
      <View className='ll-card'>
        <View className='staff-review__section'>申请材料</View>
        {app.documents.map(doc => (
          <View
            key={doc.id}
            className='staff-review__doc'
            {...pressable(() => void openProtectedFile(doc.url, doc.type).catch((err: unknown) => setError(errorMessage(err))), { role: 'link' })}
          >
            {SUBSIDY_DOCUMENT_LABELS[doc.kind]}（{doc.type.toUpperCase()}，{Math.ceil(doc.size / 1024)}KB）查看 ›
          </View>
        ))}
      </View>
      <View className='ll-card'>
        <View className='staff-review__section'>办理记录</View>
        {app.timeline.map((e, i) => (
          <View key={`${e.at}-${i}`} id={`review-log-${i}`} className='staff-review__log'>
            <View className='staff-review__log-head'>
              <View className='staff-review__log-step'>{stepText(e)}</View>
              <View className='staff-review__log-time'>{formatDateTime(e.at)}</View>
            </View>
            <View className='staff-review__log-actor'>{actorText(e)}</View>
            {e.reason && <View className='staff-review__log-reason'>原因：{e.reason}</View>}
            {e.nextStep && <View className='staff-review__log-actor'>告知申请人：{e.nextStep}</View>}
          </View>
        ))}
      </View>
      {app.status === 'reviewing' && !app.mayDecide && app.stage && (
        <View id='review-not-yours' className='ll-card staff-review__not-yours'>
          该申请现处于{REVIEW_STAGE_LABELS[app.stage]}环节，由该环节的审核人员作出决定；您可以查看材料和办理记录。
        </View>
      )}
      {app.status === 'reviewing' && app.mayDecide && (
        <View className='ll-card'>
          <View className='staff-review__section'>退回时缺少或需更换的材料（申请人会看到材料名称）</View>
          <View className='staff-review__missing' role='group' aria-label='缺少的材料'>
            {(Object.keys(SUBSIDY_DOCUMENT_LABELS) as SubsidyDocumentKind[]).map(kind => {
              const on = missing.includes(kind);
              return (
                <View
                  key={kind}
                  id={`review-missing-${kind}`}
                  className={`staff-review__missing-item${on ? ' staff-review__missing-item--on' : ''}`}
                  {...pressable(() => setMissing(m => (on ? m.filter(k => k !== kind) : [...m, kind])), { role: 'checkbox', checked: on })}
                >
                  {on ? '✓ ' : ''}
                  {SUBSIDY_DOCUMENT_LABELS[kind]}
                </View>
              );
            })}
          </View>
          <Textarea
            id='review-reason'
            className='staff-review__reason'
            aria-label='审核意见'
            value={reason}
            placeholder={needsReason ? '该申请有风险提示：通过时须写明核实情况和通过理由；退回或不予通过时写明依据' : '退回或不予通过时写明依据：哪条规则、哪项信息不符'}
            onInput={e => setReason(e.detail.value)}
          />
          {error && <View className='staff-review__error'>{error}</View>}
          <View className='staff-review__actions'>
            <Button id='review-approve' type='primary' disabled={busy} onClick={() => void decide('approve')}>
              通过
            </Button>
            <Button id='review-return' disabled={busy} onClick={() => void decide('return')}>
              退回补正
            </Button>
            <Button id='review-reject' type='warn' disabled={busy} onClick={() => void decide('reject')}>
              不予通过
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
