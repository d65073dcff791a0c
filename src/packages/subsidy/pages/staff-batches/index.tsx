import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { paymentFileName, type PaymentBatchPreview, type PaymentBatchView } from '@contract/subsidy';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { createPaymentBatch, importPaymentResult, paymentBatches, pickFile, previewPaymentBatch, publishBatch } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import { pressable } from '@/utils/a11y';
import { confirmAction } from '@/services/confirm';
import { saveWorkbook } from '@/services/save-file';
import { formatDate } from '@/utils/format';
import { errorMessage } from '@/utils/errors';
import PrivacyPopup from '@/components/PrivacyPopup';
import { yuan } from './preview';
import './index.scss';

const STATUS: Record<PaymentBatchView['status'], string> = { building: '生成中', open: '待回盘', settled: '已对账' };

/** What 确认生成 will do: the lines, the money, where it goes, and what stays out and why. */
function PreviewCard({ preview, busy, onConfirm, onCancel }: { preview: PaymentBatchPreview; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <View id='batch-preview' className='ll-card staff-batch-preview' role='region' aria-label='批次预览'>
      <View className='staff-batch-preview__title'>批次预览（尚未生成）</View>
      {preview.count > 0 ? (
        <View id='batch-preview-totals' className='staff-batch-preview__totals'>
          将发放 {preview.count} 笔，共 {yuan(preview.total)}
        </View>
      ) : (
        <View id='batch-preview-totals' className='staff-batch-preview__totals'>
          没有可以发放的申请
        </View>
      )}
      {preview.byProgram.length > 0 && (
        <View className='staff-batch-preview__group'>
          <View className='staff-batch-preview__label'>按补贴项目</View>
          {preview.byProgram.map(g => (
            <View key={g.key} className='staff-batch-preview__row'>
              <View>{g.name}</View>
              <View>
                {g.count} 笔 · {yuan(g.total)}
              </View>
            </View>
          ))}
        </View>
      )}
      {preview.byDistrict.length > 0 && (
        <View className='staff-batch-preview__group'>
          <View className='staff-batch-preview__label'>按就业地区</View>
          {preview.byDistrict.map(g => (
            <View key={g.key || 'none'} className='staff-batch-preview__row'>
              <View>{g.name}</View>
              <View>
                {g.count} 笔 · {yuan(g.total)}
              </View>
            </View>
          ))}
        </View>
      )}
      <View id='batch-preview-excluded' className='staff-batch-preview__group'>
        <View className='staff-batch-preview__label'>不在本批次</View>
        {preview.excluded.length === 0 ? (
          <View className='staff-batch-preview__row'>无：待发放的申请全部纳入</View>
        ) : (
          preview.excluded.map(e => (
            <View key={e.reason} className='staff-batch-preview__row'>
              <View>{e.label}</View>
              <View>
                {e.count} 笔{e.total > 0 ? ` · ${yuan(e.total)}` : ''}
              </View>
            </View>
          ))
        )}
      </View>
      <View className='staff-batch-preview__hint'>生成后，这些申请进入“发放中”，导出银行文件交银行发放；一批最多 {preview.limit} 笔。</View>
      <View className='staff-batch__actions'>
        <Button id='batch-confirm' className='ll-button' type='primary' disabled={busy || preview.count === 0} onClick={onConfirm}>
          确认生成批次
        </Button>
        <Button id='batch-preview-cancel' className='ll-button ll-button--ghost' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

export default function SubsidyBatchesPage() {
  const batches = useRequest(paymentBatches, 'subsidy-batches');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [preview, setPreview] = useState<PaymentBatchPreview>();

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage('');
    try {
      setMessage(await work());
      await batches.reload();
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const showPreview = () =>
    run(async () => {
      setPreview(await previewPaymentBatch());
      return '';
    });
  // The confirmation carries the preview's key: a retry after a lost answer returns the same batch,
  // and a queue that changed since the preview is refused (a fresh preview is shown).
  const create = (shown: PaymentBatchPreview) =>
    run(async () => {
      try {
        const batch = await createPaymentBatch(shown);
        setPreview(undefined);
        return `已生成批次 ${batch.reference}：${batch.totals.count} 笔，共 ${yuan(batch.totals.total)}`;
      } catch (err) {
        if ((err as { code?: string }).code === 'SUBSIDY_BATCH_PREVIEW_STALE') setPreview(await previewPaymentBatch());
        throw err;
      }
    });
  const publish = (b: PaymentBatchView) =>
    run(async () => {
      const ok = await confirmAction({
        content: `将公示批次 ${b.reference} 的 ${b.totals.count} 名申请人（姓名、证件号隐去部分）。公示期满、异议处理完毕后才能导出银行文件。`,
        confirmText: '发布公示',
      });
      if (!ok) return '';
      const published = await publishBatch(b.id);
      return `已发布公示，公示至 ${published.publicity?.lastDay ?? ''}`;
    });
  const exportFile = (b: PaymentBatchView) =>
    run(async () => {
      const name = paymentFileName(b);
      await saveWorkbook(`/api/staff/subsidy/batches/${b.id}/export`, name);
      return `已导出 ${name}`;
    });
  const importFile = (b: PaymentBatchView) =>
    run(async () => {
      const file = await pickFile(['xlsx']);
      if (!file) return '';
      const ok = await confirmAction({
        content: `将按“${file.name}”登记批次 ${b.reference} 的发放结果：成功的申请记为已发放，失败的退回申请人更正账户，并通知每位申请人。整个文件核对无误才会导入。`,
        confirmText: '导入',
      });
      if (!ok) return '';
      const r = await importPaymentResult(b.id, file.path, file.name);
      return `回盘已导入：成功 ${r.paid} 笔，失败 ${r.failed} 笔，未变化 ${r.unchanged} 笔`;
    });

  if (batches.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (batches.status === 'error') return <EmptyState kind='error' title='加载失败' description={batches.error} actionText='重新加载' onAction={batches.reload} />;
  return (
    <View className='ll-page staff-batches'>
      <PrivacyPopup />
      {preview ? (
        <PreviewCard preview={preview} busy={busy} onConfirm={() => void create(preview)} onCancel={() => setPreview(undefined)} />
      ) : (
        <Button id='batch-create' className='ll-button' type='primary' disabled={busy} onClick={() => void showPreview()}>
          预览并生成发放批次
        </Button>
      )}
      <View id='batch-notices-link' className='staff-batches__link' {...pressable(() => void navigate('staffSubsidyNotices'), { role: 'link' })}>
        公示与异议 ›
      </View>
      {message && (
        <View id='batch-message' className='staff-batches__message' role='status'>
          {message}
        </View>
      )}
      {(batches.data ?? []).length === 0 && <EmptyState title='还没有发放批次' compact />}
      {(batches.data ?? []).map(b => (
        <View key={b.id} id={`batch-${b.id}`} className='ll-card staff-batch'>
          <View className='staff-batch__head'>
            {b.reference} · {STATUS[b.status]} · {formatDate(b.createdAt)}
          </View>
          <View className='staff-batch__totals'>
            共 {b.totals.count} 笔 {b.totals.total} 元；已发放 {b.totals.paidCount} 笔 {b.totals.paidTotal} 元；失败 {b.totals.failedCount} 笔 {b.totals.failedTotal} 元；待回盘{' '}
            {b.totals.pendingCount} 笔 {b.totals.pendingTotal} 元
          </View>
          <View id={`batch-${b.id}-publicity`} className='staff-batch__publicity'>
            {b.publicity
              ? `${b.publicity.running ? '公示中' : '公示期满'}：${formatDate(b.publicity.startsAt)} 至 ${b.publicity.lastDay}（${b.publicity.workingDays} 个工作日）${
                  b.publicity.openObjections > 0 ? `；${b.publicity.openObjections} 笔有待处理的异议，暂不发放` : ''
                }`
              : b.status === 'open'
                ? '尚未公示：发布公示并期满后才能导出银行文件'
                : '本批次生成于公示制度实施前'}
          </View>
          <View className='staff-batch__actions'>
            {!b.publicity && b.status === 'open' && (
              <Button id={`batch-${b.id}-publish`} size='mini' type='primary' disabled={busy} onClick={() => void publish(b)}>
                发布公示
              </Button>
            )}
            <Button id={`batch-${b.id}-export`} size='mini' disabled={busy || (b.status === 'open' && (!b.publicity || b.publicity.running))} onClick={() => void exportFile(b)}>
              导出银行文件
            </Button>
            <Button id={`batch-${b.id}-import`} size='mini' disabled={busy || b.status !== 'open' || !b.publicity || b.publicity.running} onClick={() => void importFile(b)}>
              导入回盘
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
