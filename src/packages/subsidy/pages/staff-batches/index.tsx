import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { PaymentBatchView } from '@contract/subsidy';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { createPaymentBatch, importPaymentResult, openProtectedFile, paymentBatches, pickFile } from '@/services/api/subsidy';
import { formatDate } from '@/utils/format';
import { errorMessage } from '@/utils/errors';
import PrivacyPopup from '@/components/PrivacyPopup';
import './index.scss';

const STATUS: Record<PaymentBatchView['status'], string> = { building: '生成中', open: '待回盘', settled: '已对账' };

export default function SubsidyBatchesPage() {
  const batches = useRequest(paymentBatches, 'subsidy-batches');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

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

  const create = () => run(async () => `已生成批次 ${(await createPaymentBatch()).reference}`);
  const exportFile = (b: PaymentBatchView) => run(async () => {
    await openProtectedFile(`/api/staff/subsidy/batches/${b.id}/export`, 'xlsx');
    return `已导出 ${b.reference}`;
  });
  const importFile = (b: PaymentBatchView) => run(async () => {
    const file = await pickFile(['xlsx']);
    if (!file) return '';
    const r = await importPaymentResult(b.id, file.path, file.name);
    return `回盘已导入：成功 ${r.paid} 笔，失败 ${r.failed} 笔，未变化 ${r.unchanged} 笔`;
  });

  if (batches.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (batches.status === 'error') return <EmptyState kind='error' title='加载失败' description={batches.error} actionText='重新加载' onAction={batches.reload} />;
  return (
    <View className='ll-page staff-batches'>
      <PrivacyPopup />
      <Button id='batch-create' type='primary' disabled={busy} onClick={() => void create()}>
        从待发放申请生成批次
      </Button>
      {message && <View className='staff-batches__message'>{message}</View>}
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
          <View className='staff-batch__actions'>
            <Button size='mini' disabled={busy} onClick={() => void exportFile(b)}>
              导出银行文件
            </Button>
            <Button size='mini' disabled={busy || b.status !== 'open'} onClick={() => void importFile(b)}>
              导入回盘
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
